package io.spikepilot.bridge.replay;

import io.spikepilot.controller.replay.ReplayComparison;
import java.util.List;

/**
 * What a log replay found.
 *
 * @param ticks          ticks replayed
 * @param kind           how the ticks were driven (e.g. "our own flight, inputs from its trace", "what-if")
 * @param notes          what the reader saw on the way (frame mix, damage, time steps back, unknown messages)
 * @param setpointCheck  verdict of the bit-for-bit check against our logged SET_ATTITUDE_TARGET, or null
 * @param identical      true when every compared setpoint (and trace row) was bit-identical; false when anything
 *                       differed or nothing could be compared
 * @param traceCompared  the tick-by-tick comparison with our trace, or null when no trace drove the replay
 */
public record LogReplayResult(long ticks, String kind, List<String> notes, String setpointCheck, boolean identical,
                              ReplayComparison traceCompared) {
    public LogReplayResult {
        notes = List.copyOf(notes);
    }
}
