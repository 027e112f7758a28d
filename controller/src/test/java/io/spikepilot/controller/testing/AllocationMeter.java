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
     * The steady-state allocation of a hot-path body: runs it {@code warmup} times, then measures windows of
     * {@code iterations} calls and returns the bytes of the first window that allocated nothing, or of the third
     * window when none did. A JIT deoptimization (or a first-time class initialisation) inside a window can
     * materialize a few objects once; a body that allocates per call allocates in every window, so it still fails.
     * The meter itself allocates nothing between its readings.
     */
    public static long bytesAllocatedBy(Runnable body, int warmup, int iterations) {
        for (int i = 0; i < warmup; i++) {
            body.run();
        }
        long bytes = window(body, iterations);
        for (int window = 1; window < 3 && bytes != 0; window++) {
            bytes = window(body, iterations);
        }
        return bytes;
    }

    private static long window(Runnable body, int iterations) {
        long before = allocatedBytes();
        for (int i = 0; i < iterations; i++) {
            body.run();
        }
        return allocatedBytes() - before;
    }
}
