package io.spikepilot.tools.demo;

import io.spikepilot.controller.action.ActionDecoder;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.record.TickRecordConsumer;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps what the report needs from every tick record, on the ring drainer's thread (never the loop's): the state the
 * loop read that tick, the target the PID flew to, and what was decided.
 */
public final class FlightRecorder implements TickRecordConsumer {
    /** One tick as the report sees it. */
    public record Row(long tick, long nowNs, int mode, int reasons, boolean transitioned, int previousMode,
                      double[] targetNwuM, double[] positionNwuM, boolean nonFinite,
                      long previousTickNs, long missedTicks) {
        /** Distance between position and target, m. */
        public double errorM() {
            double dx = positionNwuM[0] - targetNwuM[0];
            double dy = positionNwuM[1] - targetNwuM[1];
            double dz = positionNwuM[2] - targetNwuM[2];
            return Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
    }

    private final List<Row> rows = new ArrayList<>();

    @Override
    public synchronized void accept(TickRecord r) {
        double[] target = r.targetNwuM.clone();
        double[] position = r.statePositionNwuM.clone();
        rows.add(new Row(r.tick, r.nowNs, r.mode, r.reasons, r.transitioned, r.previousMode, target, position,
                (r.decoderFlags & ActionDecoder.NON_FINITE) != 0, r.previousTickNs, r.missedTicks));
    }

    /** A copy of every row so far. */
    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }
}
