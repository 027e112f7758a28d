package io.spikepilot.training.bptt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WorkerPoolTest {
    @Test
    void everyWorkerIndexRunsOncePerDispatch() {
        try (WorkerPool pool = new WorkerPool(3)) {
            int[] runs = new int[3];
            for (int i = 0; i < 100; i++) {
                pool.run(w -> runs[w]++);
            }
            assertArrayEquals(new int[] {100, 100, 100}, runs);
        }
    }

    @Test
    void aFailureInAWorkerReachesTheCaller() {
        try (WorkerPool pool = new WorkerPool(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.run(w -> {
                if (w == 1) {
                    throw new IllegalStateException("worker 1 failed");
                }
            }));
            assertEquals("worker 1 failed", e.getMessage());
            int[] after = new int[2];
            pool.run(w -> after[w]++);
            assertArrayEquals(new int[] {1, 1}, after);
        }
    }

    @Test
    void aClosedPoolRefusesWork() {
        WorkerPool pool = new WorkerPool(2);
        pool.close();
        assertThrows(IllegalStateException.class, () -> pool.run(w -> { }));
    }
}
