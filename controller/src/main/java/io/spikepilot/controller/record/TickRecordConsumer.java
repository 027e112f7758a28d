package io.spikepilot.controller.record;

/**
 * What a ring drainer (the flight module's {@code io.spikepilot.flight.record.RingDrainer}) hands records to, on its
 * own thread.
 */
public interface TickRecordConsumer {
    /** Handles one record; the instance is reused, copy what must outlive the call. */
    void accept(TickRecord record) throws Exception;

    /** Called when the drainer has caught up (a good moment to flush buffered output). */
    default void caughtUp() throws Exception {
    }
}
