package io.spikepilot.controller.loop;

/** A monotonic nanosecond clock, injectable so the runner can be driven by a test clock. */
@FunctionalInterface
public interface NanoClock {
    /** The JVM's monotonic clock. */
    NanoClock SYSTEM = System::nanoTime;

    /** Current time, ns. */
    long nanoTime();
}
