package io.spikepilot.controller.replay;

import io.spikepilot.controller.record.TickRecord;
import java.util.List;

/**
 * A trace as read: its format version, its format line's identities and the replayable rows, consecutive ticks from
 * tick 0.
 *
 * @param file          where it came from (for messages)
 * @param formatVersion the trace format it was written in (2 did not record injected faults)
 * @param policyId      identity of the policy flown, as written in the format line
 * @param configId      identity of the flight configuration, as written in the format line
 * @param rows          the ticks, {@code rows.get(i).tick == i}
 * @param stopNote      why reading stopped before the end of the file (a line cut short, lost records), or null
 */
public record RecordedTrace(String file, int formatVersion, String policyId, String configId, List<TickRecord> rows,
                            String stopNote) {
    /** Copies the row list; the records themselves are shared. */
    public RecordedTrace {
        rows = List.copyOf(rows);
    }

    /** Ticks whose policy output was corrupted by fault injection during the flight. */
    public long injectedFaultTicks() {
        return rows.stream().filter(r -> r.faultInjected).count();
    }
}
