package io.spikepilot.report.flight;

import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.record.TickRecordConsumer;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a copy of every tick record it is given, on the thread that drains the ring (never the loop's) or a
 * replay's, for a report made at the end: a demo flight (about a minute) or a replay (whose recorded trace is in
 * memory already).
 */
public final class TickCollector implements TickRecordConsumer {
    private final List<TickRecord> ticks = new ArrayList<>();

    @Override
    public synchronized void accept(TickRecord r) {
        TickRecord copy = new TickRecord();
        copy.copyFrom(r);
        ticks.add(copy);
    }

    /** Every record so far, in tick order. */
    public synchronized List<TickRecord> ticks() {
        return List.copyOf(ticks);
    }
}
