package io.spikepilot.controller.replay;

import io.spikepilot.controller.frame.Frames;
import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.supervisor.FlightMode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The network's commands against the ones a log says were flown, tick by tick: collective thrust, roll, pitch and
 * yaw of the attitude setpoint and the yaw rate, in the MAVLink convention a PX4 or ArduPilot engineer reads (Euler
 * ZYX of the NED/FRD attitude, rates FRD, rad). The PID's commands (computed in hot standby every tick) are set
 * beside them, so "the network against PX4" can be told apart from "any position controller against PX4".
 *
 * <p>Writes one CSV row per tick when given a sink, and keeps, per field and controller, the ticks compared, the
 * mean and RMS of (ours − flown) and the largest absolute difference. Yaw differences are wrapped to [−π, π].
 */
public final class WhatIfComparison {
    /** The CSV's header line. */
    public static final String HEADER = "tick,time_s,mode,"
            + "snn_thrust,snn_roll_rad,snn_pitch_rad,snn_yaw_rad,snn_yaw_rate_radps,"
            + "pid_thrust,pid_roll_rad,pid_pitch_rad,pid_yaw_rad,pid_yaw_rate_radps,"
            + "flown_thrust,flown_roll_rad,flown_pitch_rad,flown_yaw_rad,flown_yaw_rate_radps,flown_age_s";
    private static final String[] FIELDS = {"thrust", "roll_rad", "pitch_rad", "yaw_rad", "yaw_rate_radps"};
    private static final int YAW = 3;

    /** Agreement of one field of one controller with the flown command. */
    public static final class Stat {
        private final String name;
        private long count;
        private double sum;
        private double sumSquares;
        private double maxAbs;

        Stat(String name) {
            this.name = name;
        }

        void add(double difference) {
            count++;
            sum += difference;
            sumSquares += difference * difference;
            maxAbs = Math.max(maxAbs, Math.abs(difference));
        }

        /** Controller and field, e.g. {@code snn_thrust}. */
        public String name() {
            return name;
        }

        /** Ticks where both values were there. */
        public long count() {
            return count;
        }

        /** Mean of ours − flown. */
        public double mean() {
            return count == 0 ? Double.NaN : sum / count;
        }

        /** RMS of ours − flown. */
        public double rms() {
            return count == 0 ? Double.NaN : Math.sqrt(sumSquares / count);
        }

        /** Largest |ours − flown|. */
        public double maxAbs() {
            return count == 0 ? Double.NaN : maxAbs;
        }
    }

    private final Appendable csv;
    private final Stat[] snn = new Stat[FIELDS.length];
    private final Stat[] pid = new Stat[FIELDS.length];
    private final double[] snnValues = new double[FIELDS.length];
    private final double[] pidValues = new double[FIELDS.length];
    private final double[] flownValues = new double[FIELDS.length];
    private final double[] qNwu = new double[4];
    private final double[] qNed = new double[4];
    private final StringBuilder row = new StringBuilder(256);
    private long ticks;
    private long ticksWithFlown;

    /** @param csv where the rows go (the header is written now), or null for statistics only */
    public WhatIfComparison(Appendable csv) throws IOException {
        this.csv = csv;
        for (int i = 0; i < FIELDS.length; i++) {
            snn[i] = new Stat("snn_" + FIELDS[i]);
            pid[i] = new Stat("pid_" + FIELDS[i]);
        }
        if (csv != null) {
            csv.append(HEADER).append('\n');
        }
    }

    /** Compares one replayed tick with the command flown at its time. */
    public void add(TickRecord replayed, FlownCommand flown) throws IOException {
        ticks++;
        fromSetpoint(replayed.snnSetpoint, snnValues);
        fromSetpoint(replayed.pidSetpoint, pidValues);
        boolean haveFlown = flown.present();
        if (haveFlown) {
            ticksWithFlown++;
            flownValues[0] = flown.thrustNormalized;
            if (flown.hasAttitude()) {
                System.arraycopy(flown.attitudeNwuFlu, 0, qNwu, 0, 4);
                eulerNed(flownValues);
            } else {
                flownValues[1] = Double.NaN;
                flownValues[2] = Double.NaN;
                flownValues[3] = Double.NaN;
            }
            flownValues[4] = -flown.bodyRateFluRadps[2];
            for (int i = 0; i < FIELDS.length; i++) {
                accumulate(snn[i], snnValues[i], flownValues[i], i == YAW);
                accumulate(pid[i], pidValues[i], flownValues[i], i == YAW);
            }
        } else {
            java.util.Arrays.fill(flownValues, Double.NaN);
        }
        if (csv != null) {
            row.setLength(0);
            row.append(replayed.tick).append(',').append(replayed.nowNs * 1e-9).append(',')
                    .append(FlightMode.ofOrdinal(replayed.mode).name());
            appendAll(snnValues);
            appendAll(pidValues);
            appendAll(flownValues);
            row.append(',');
            if (haveFlown) {
                row.append((replayed.nowNs - flown.timeNs) * 1e-9);
            }
            csv.append(row).append('\n');
        }
    }

    private void appendAll(double[] values) {
        for (double v : values) {
            row.append(',');
            if (Double.isFinite(v)) {
                row.append(v);
            }
        }
    }

    private static void accumulate(Stat stat, double ours, double flown, boolean angle) {
        if (Double.isFinite(ours) && Double.isFinite(flown)) {
            stat.add(angle ? Quaternions.wrapPi(ours - flown) : ours - flown);
        }
    }

    /** Setpoint columns (thrust, q NWU/FLU, yaw rate FLU) → thrust, roll, pitch, yaw, yaw rate FRD. */
    private void fromSetpoint(double[] setpoint, double[] out) {
        out[0] = setpoint[0];
        System.arraycopy(setpoint, 1, qNwu, 0, 4);
        if (Quaternions.isUnit(qNwu, 1e-2)) {
            eulerNed(out);
        } else {
            out[1] = Double.NaN;
            out[2] = Double.NaN;
            out[3] = Double.NaN;
        }
        out[4] = -setpoint[5];
    }

    private void eulerNed(double[] out) {
        Frames.quaternionNwuFluToNedFrd(qNwu, qNed);
        out[1] = Quaternions.roll(qNed);
        out[2] = Quaternions.pitch(qNed);
        out[3] = Quaternions.yaw(qNed);
    }

    /** Ticks compared. */
    public long ticks() {
        return ticks;
    }

    /** Ticks at which the log had a flown command. */
    public long ticksWithFlown() {
        return ticksWithFlown;
    }

    /** The network's agreement per field, in column order. */
    public List<Stat> snnStats() {
        return List.of(snn);
    }

    /** The PID's agreement per field, in column order. */
    public List<Stat> pidStats() {
        return List.of(pid);
    }

    /** One line per field and controller: ticks, mean, RMS, max of ours − flown. */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        for (Stat[] group : new Stat[][] {snn, pid}) {
            for (Stat s : group) {
                if (s.count() > 0) {
                    lines.add(String.format(Locale.ROOT, "%-22s vs flown on %7d ticks  mean %+.4g  rms %.4g  "
                            + "max %.4g", s.name(), s.count(), s.mean(), s.rms(), s.maxAbs()));
                }
            }
        }
        return lines;
    }
}
