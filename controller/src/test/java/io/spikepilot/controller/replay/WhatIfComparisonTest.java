package io.spikepilot.controller.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.frame.Frames;
import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.record.TickRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The network's commands against the flown ones, in the MAVLink convention, with yaw wrapped. */
class WhatIfComparisonTest {
    /** A record whose SNN and PID setpoints are thrust, roll, pitch, yaw (NED/FRD, rad) and yaw rate FRD. */
    private static TickRecord record(long tick, double thrust, double rollNed, double pitchNed, double yawNed,
                                     double yawRateFrd) {
        TickRecord r = new TickRecord();
        r.tick = tick;
        r.nowNs = tick * 10_000_000L;
        double[] qNed = new double[4];
        double[] qNwu = new double[4];
        Quaternions.fromEulerZyx(rollNed, pitchNed, yawNed, qNed);
        Frames.quaternionNedFrdToNwuFlu(qNed, qNwu);
        for (double[] s : new double[][] {r.snnSetpoint, r.pidSetpoint}) {
            s[0] = thrust;
            System.arraycopy(qNwu, 0, s, 1, 4);
            s[5] = -yawRateFrd;
        }
        return r;
    }

    private static FlownCommand flown(double thrust, double rollNed, double pitchNed, double yawNed,
                                      double yawRateFrd) {
        FlownCommand c = new FlownCommand();
        c.timeNs = 0;
        c.thrustNormalized = thrust;
        double[] qNed = new double[4];
        Quaternions.fromEulerZyx(rollNed, pitchNed, yawNed, qNed);
        Frames.quaternionNedFrdToNwuFlu(qNed, c.attitudeNwuFlu);
        c.bodyRateFluRadps[2] = -yawRateFrd;
        return c;
    }

    @Test
    void differencesAreOursMinusFlownInTheMavlinkConvention() throws Exception {
        StringBuilder csv = new StringBuilder();
        WhatIfComparison w = new WhatIfComparison(csv);
        w.add(record(0, 0.6, 0.1, -0.2, 0.3, 0.5), flown(0.5, 0.0, 0.0, 0.3, 0.25));
        w.add(record(1, 0.4, 0.1, -0.2, 0.3, 0.5), flown(0.5, 0.0, 0.0, 0.3, 0.25));
        List<WhatIfComparison.Stat> snn = w.snnStats();
        assertEquals(2, snn.get(0).count());
        assertEquals(0.0, snn.get(0).mean(), 1e-12);
        assertEquals(0.1, snn.get(0).rms(), 1e-12);
        assertEquals(0.1, snn.get(1).mean(), 1e-9, "roll");
        assertEquals(-0.2, snn.get(2).mean(), 1e-9, "pitch");
        assertEquals(0.0, snn.get(3).maxAbs(), 1e-9, "yaw");
        assertEquals(0.25, snn.get(4).mean(), 1e-12, "yaw rate");
        String[] lines = csv.toString().split("\n");
        assertEquals(WhatIfComparison.HEADER, lines[0]);
        assertEquals(3, lines.length);
        assertTrue(lines[1].startsWith("0,0.0,IDLE,0.6,"), lines[1]);
    }

    @Test
    void yawDifferencesAreWrappedAcrossPi() throws Exception {
        WhatIfComparison w = new WhatIfComparison(null);
        w.add(record(0, 0.5, 0, 0, Math.PI - 0.05, 0), flown(0.5, 0, 0, -Math.PI + 0.05, 0));
        assertEquals(-0.1, w.snnStats().get(3).mean(), 1e-9);
    }

    @Test
    void ticksBeforeAnyFlownCommandAreWrittenButNotCompared() throws Exception {
        StringBuilder csv = new StringBuilder();
        WhatIfComparison w = new WhatIfComparison(csv);
        w.add(record(0, 0.5, 0, 0, 0, 0), new FlownCommand());
        assertEquals(1, w.ticks());
        assertEquals(0, w.ticksWithFlown());
        assertEquals(0, w.snnStats().get(0).count());
        assertTrue(w.summary().isEmpty());
        // the flown columns and the age are empty
        assertTrue(csv.toString().split("\n")[1].endsWith(",,,,,,"), csv.toString());
    }
}
