package io.spikepilot.controller.replay;

import io.spikepilot.controller.observation.ObservationBuilder;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.Reasons;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tick-by-tick comparison of a recorded flight with its replay, over every output of the tick: mode, reasons, flags,
 * target, observation, spike counts, raw action and the three setpoints, and whether a recorded injected fault was
 * re-applied. Equality is on bits ({@code float} and {@code double} bit patterns; all NaNs count as one value, since
 * the trace does not keep NaN payloads).
 *
 * <p>For a what-if (another policy than the one flown) it also accumulates, per numeric field, the number of ticks
 * that differ, the RMS and the largest absolute difference over the ticks where both values are finite, and the
 * number of ticks where exactly one of them is not finite.
 */
public final class ReplayComparison {
    /** The first field that differed, with both values as the trace would print them. */
    public record Divergence(long tick, String field, String recorded, String replayed) {
    }

    /** Statistics of one numeric field over the replay. */
    public static final class FieldStats {
        private final String name;
        private long differingTicks;
        private long finitePairs;
        private double sumSquares;
        private double maxAbs;
        private long nonFiniteMismatches;

        FieldStats(String name) {
            this.name = name;
        }

        /** The column name. */
        public String name() {
            return name;
        }

        /** Ticks whose values differ in their bits. */
        public long differingTicks() {
            return differingTicks;
        }

        /** Root mean square of replayed − recorded over the ticks where both are finite. */
        public double rms() {
            return finitePairs == 0 ? 0.0 : Math.sqrt(sumSquares / finitePairs);
        }

        /** Largest |replayed − recorded| over the ticks where both are finite. */
        public double maxAbs() {
            return maxAbs;
        }

        /** Ticks where exactly one of the two values is NaN or infinite. */
        public long nonFiniteMismatches() {
            return nonFiniteMismatches;
        }

        void add(double recorded, double replayed, boolean differs) {
            if (differs) {
                differingTicks++;
            }
            boolean a = Double.isFinite(recorded);
            boolean b = Double.isFinite(replayed);
            if (a && b) {
                double d = replayed - recorded;
                finitePairs++;
                sumSquares += d * d;
                maxAbs = Math.max(maxAbs, Math.abs(d));
            } else if (a != b) {
                nonFiniteMismatches++;
            }
        }
    }

    private interface LongOf {
        long of(TickRecord r);
    }

    private interface DoubleOf {
        double of(TickRecord r);
    }

    private static final String[] SETPOINT_FIELDS = {"thrust", "qw", "qx", "qy", "qz", "yaw_rate_radps"};

    private final List<FieldStats> stats = new ArrayList<>();
    private final List<DoubleOf> numericGetters = new ArrayList<>();
    private final List<Boolean> numericIsFloat = new ArrayList<>();
    private final List<String> integerNames = new ArrayList<>();
    private final List<LongOf> integerGetters = new ArrayList<>();
    private long ticks;
    private long differingTicks;
    private long modeDifferingTicks;
    private Divergence first;

    /** An empty comparison. */
    public ReplayComparison() {
        integer("mode", r -> r.mode);
        integer("previous_mode", r -> r.previousMode);
        integer("transition", r -> r.transitioned ? 1 : 0);
        integer("reasons", r -> r.reasons);
        integer("decoder_flags", r -> r.decoderFlags);
        integer("pid_flags", r -> r.pidFlags);
        integer("saturation_events", r -> r.saturationEvents);
        integer("fault_injected", r -> r.faultInjected ? 1 : 0);
        integer("spike_layers", r -> r.spikeLayers);
        for (int i = 0; i < TickRecord.MAX_SPIKE_LAYERS; i++) {
            int k = i;
            integer("spikes_layer" + i, r -> k < r.spikeLayers ? r.spikeCounts[k] : -1);
        }
        String[] axes = {"x", "y", "z"};
        for (int i = 0; i < 3; i++) {
            int k = i;
            numeric("target_" + axes[i] + "_m", false, r -> r.targetNwuM[k]);
        }
        numeric("target_yaw_rad", false, r -> r.targetYawRad);
        for (int i = 0; i < ObservationBuilder.SIZE; i++) {
            int k = i;
            numeric("obs_" + ObservationBuilder.NAMES[i], true, r -> r.observation[k]);
        }
        for (int i = 0; i < ObservationBuilder.ACTION_SIZE; i++) {
            int k = i;
            numeric("action_" + i, true, r -> r.action[k]);
        }
        for (int i = 0; i < TickRecord.SETPOINT_SIZE; i++) {
            int k = i;
            numeric("snn_" + SETPOINT_FIELDS[i], false, r -> r.snnSetpoint[k]);
        }
        for (int i = 0; i < TickRecord.SETPOINT_SIZE; i++) {
            int k = i;
            numeric("pid_" + SETPOINT_FIELDS[i], false, r -> r.pidSetpoint[k]);
        }
        for (int i = 0; i < TickRecord.SETPOINT_SIZE; i++) {
            int k = i;
            numeric("sent_" + SETPOINT_FIELDS[i], false, r -> r.sentSetpoint[k]);
        }
    }

    private void integer(String name, LongOf getter) {
        integerNames.add(name);
        integerGetters.add(getter);
    }

    private void numeric(String name, boolean isFloat, DoubleOf getter) {
        stats.add(new FieldStats(name));
        numericGetters.add(getter);
        numericIsFloat.add(isFloat);
    }

    /** Compares one tick. */
    public void add(TickRecord recorded, TickRecord replayed) {
        boolean tickDiffers = false;
        if (recorded.mode != replayed.mode) {
            modeDifferingTicks++;
        }
        for (int i = 0; i < integerGetters.size(); i++) {
            long a = integerGetters.get(i).of(recorded);
            long b = integerGetters.get(i).of(replayed);
            if (a != b) {
                tickDiffers = true;
                if (first == null) {
                    first = new Divergence(recorded.tick, integerNames.get(i), integerText(i, a),
                            integerText(i, b));
                }
            }
        }
        for (int i = 0; i < stats.size(); i++) {
            double a = numericGetters.get(i).of(recorded);
            double b = numericGetters.get(i).of(replayed);
            boolean isFloat = numericIsFloat.get(i);
            boolean differs = isFloat
                    ? Float.floatToIntBits((float) a) != Float.floatToIntBits((float) b)
                    : Double.doubleToLongBits(a) != Double.doubleToLongBits(b);
            stats.get(i).add(a, b, differs);
            if (differs) {
                tickDiffers = true;
                if (first == null) {
                    first = new Divergence(recorded.tick, stats.get(i).name(), numberText(isFloat, a),
                            numberText(isFloat, b));
                }
            }
        }
        if (tickDiffers) {
            differingTicks++;
        }
        ticks++;
    }

    private String integerText(int field, long value) {
        switch (integerNames.get(field)) {
            case "mode":
            case "previous_mode":
                return FlightMode.ofOrdinal((int) value).name();
            case "reasons":
                return Reasons.describe((int) value);
            default:
                return value < 0 && integerNames.get(field).startsWith("spikes_") ? "(none)" : Long.toString(value);
        }
    }

    private static String numberText(boolean isFloat, double value) {
        return isFloat ? Float.toString((float) value) : Double.toString(value);
    }

    /** Ticks compared. */
    public long ticks() {
        return ticks;
    }

    /** True when every compared tick was bit-identical. */
    public boolean identical() {
        return differingTicks == 0;
    }

    /** Ticks with at least one differing field. */
    public long differingTicks() {
        return differingTicks;
    }

    /** Ticks whose mode differs. */
    public long modeDifferingTicks() {
        return modeDifferingTicks;
    }

    /** The first difference, or null. */
    public Divergence firstDivergence() {
        return first;
    }

    /** Statistics of the numeric fields, in column order. */
    public List<FieldStats> fieldStats() {
        return List.copyOf(stats);
    }

    /** Statistics of one numeric field by column name. */
    public FieldStats field(String name) {
        for (FieldStats s : stats) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("replay comparison: no numeric field '" + name + "'");
    }

    /** The verdict line: "N ticks, bit-identical" or the first divergence and the counts. */
    public String verdict() {
        if (identical()) {
            return ticks + " ticks, bit-identical";
        }
        return String.format(Locale.ROOT, "%d ticks, %d differ (mode on %d); first divergence at tick %d, field %s: "
                        + "recorded %s, replayed %s", ticks, differingTicks, modeDifferingTicks, first.tick(),
                first.field(), first.recorded(), first.replayed());
    }

    /** One line per numeric field that differed: ticks differing, RMS, max, non-finite mismatches. */
    public List<String> fieldReport() {
        List<String> lines = new ArrayList<>();
        for (FieldStats s : stats) {
            if (s.differingTicks() > 0) {
                lines.add(String.format(Locale.ROOT, "%-24s differs on %6d ticks  rms %.6g  max %.6g%s", s.name(),
                        s.differingTicks(), s.rms(), s.maxAbs(), s.nonFiniteMismatches() == 0 ? ""
                                : "  non-finite on one side: " + s.nonFiniteMismatches()));
            }
        }
        return lines;
    }
}
