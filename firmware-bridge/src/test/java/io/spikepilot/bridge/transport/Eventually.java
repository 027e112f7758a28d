package io.spikepilot.bridge.transport;

import java.util.function.BooleanSupplier;

/** Waits for real I/O in tests: polls a condition, failing with a description after a generous limit. */
public final class Eventually {
    private Eventually() {
    }

    public static void waitFor(String what, BooleanSupplier condition) {
        waitFor(what, condition, 10_000);
    }

    public static void waitFor(String what, BooleanSupplier condition, long limitMs) {
        long deadline = System.nanoTime() + limitMs * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limitMs + " ms waiting for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
