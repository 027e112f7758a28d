package io.spikepilot.controller.testing;

import java.lang.management.ManagementFactory;

/**
 * Measures bytes allocated by the current thread, through HotSpot's per-thread allocation counter. Shared with the
 * other modules' tests through the controller test-jar, so every "allocates nothing" claim is measured the same way.
 */
public final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean BEAN =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {
    }

    /** Bytes allocated so far by the calling thread. */
    public static long allocatedBytes() {
        return BEAN.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /**
     * Runs {@code body} {@code warmup} times, then {@code iterations} times, and returns the bytes the calling thread
     * allocated during the measured iterations. The meter itself allocates nothing between its two readings.
     */
    public static long bytesAllocatedBy(Runnable body, int warmup, int iterations) {
        for (int i = 0; i < warmup; i++) {
            body.run();
        }
        long before = allocatedBytes();
        for (int i = 0; i < iterations; i++) {
            body.run();
        }
        return allocatedBytes() - before;
    }
}
