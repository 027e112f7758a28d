package io.spikepilot.controller.loop;

import io.spikepilot.controller.testing.AllocationMeter;

/**
 * The steady-state allocation of a hot-path body: after a warm-up, the bytes of the first of up to three windows that
 * allocated nothing, else of the last window. A JIT deoptimization inside a window can materialize scalar-replaced
 * objects once; a body that allocates per call allocates in every window, so it still fails.
 */
public final class SteadyStateAllocation {
    private SteadyStateAllocation() {
    }

    /** Bytes allocated by {@code body} over a clean window of {@code iterations} calls (0 when there is one). */
    public static long bytes(Runnable body, int warmup, int iterations) {
        long bytes = AllocationMeter.bytesAllocatedBy(body, warmup, iterations);
        for (int window = 1; window < 3 && bytes != 0; window++) {
            bytes = AllocationMeter.bytesAllocatedBy(body, 0, iterations);
        }
        return bytes;
    }
}
