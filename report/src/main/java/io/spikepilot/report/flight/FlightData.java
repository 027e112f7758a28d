package io.spikepilot.report.flight;

import io.spikepilot.controller.action.ActionDecoder;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.Reasons;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a flight-control engineer reads off the ticks of one flight: time per mode, tracking error per mode while
 * airborne, every mode change with the supervisor's reasons, how fast the watchdog caught a policy fault, tick timing.
 * Times count from the take-off (the first IDLE → PID change), as a mission's do, or from the first tick when there
 * was none. Pure: the ticks in, numbers out; figures and pages are made from it elsewhere.
 */
public final class FlightData {
    /** Height above which the vehicle counts as flying, m (error statistics ignore the ground phases). */
    public static final double AIRBORNE_M = 0.3;

    /** Tracking statistics of one mode while airborne. */
    public record Tracking(FlightMode mode, int ticks, double rmsErrorM, double maxErrorM) {
    }

    /** A mode change with its reasons, {@code tS} on this flight's clock. */
    public record Transition(long tick, double tS, FlightMode from, FlightMode to, String reasons) {
    }

    /** How the watchdog handled a policy fault. */
    public record FaultResponse(long firstFaultyTick, long pidTick, double faultTimeS) {
        /** Ticks between the first corrupted output and the PID flying (0 = within the same tick). */
        public long latencyTicks() {
            return pidTick - firstFaultyTick;
        }
    }

    private final List<TickRecord> ticks;
    private final long t0Ns;

    /** The flight of {@code ticks} (in tick order, at least one; the records are read, never changed). */
    public FlightData(List<TickRecord> ticks) {
        if (ticks.isEmpty()) {
            throw new IllegalArgumentException("flight data: no tick was recorded");
        }
        this.ticks = List.copyOf(ticks);
        this.t0Ns = ticks.stream()
                .filter(r -> r.transitioned && r.previousMode == FlightMode.IDLE.ordinal())
                .mapToLong(r -> r.nowNs).findFirst().orElse(ticks.get(0).nowNs);
    }

    public List<TickRecord> ticks() {
        return ticks;
    }

    /** Number of ticks recorded. */
    public int tickCount() {
        return ticks.size();
    }

    /** Whether the clock starts at a take-off (else at the first tick). */
    public boolean tookOff() {
        return ticks.stream().anyMatch(r -> r.transitioned && r.previousMode == FlightMode.IDLE.ordinal());
    }

    public double timeS(TickRecord r) {
        return (r.nowNs - t0Ns) * 1e-9;
    }

    /** Tick times on this flight's clock, s. */
    public double[] timesS() {
        double[] t = new double[ticks.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = timeS(ticks.get(i));
        }
        return t;
    }

    /** Median interval between ticks, s (the control period the loop ran at). */
    public double periodS() {
        if (ticks.size() < 2) {
            return Double.NaN;
        }
        long[] d = new long[ticks.size() - 1];
        for (int i = 1; i < ticks.size(); i++) {
            d[i - 1] = ticks.get(i).nowNs - ticks.get(i - 1).nowNs;
        }
        Arrays.sort(d);
        return d[d.length / 2] * 1e-9;
    }

    /** Seconds from the first to the last tick. */
    public double durationS() {
        return (ticks.get(ticks.size() - 1).nowNs - ticks.get(0).nowNs) * 1e-9;
    }

    /** Distance between the state's position and the target, m. */
    public static double errorM(TickRecord r) {
        double dx = r.statePositionNwuM[0] - r.targetNwuM[0];
        double dy = r.statePositionNwuM[1] - r.targetNwuM[1];
        double dz = r.statePositionNwuM[2] - r.targetNwuM[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    public static boolean airborne(TickRecord r) {
        return r.statePositionNwuM[2] > AIRBORNE_M;
    }

    /** Seconds spent in each mode (indexed by ordinal). */
    public double[] secondsPerMode() {
        double[] s = new double[FlightMode.values().length];
        for (int i = 1; i < ticks.size(); i++) {
            s[ticks.get(i - 1).mode] += (ticks.get(i).nowNs - ticks.get(i - 1).nowNs) * 1e-9;
        }
        return s;
    }

    /** Tracking error of {@code mode} while airborne. */
    public Tracking tracking(FlightMode mode) {
        int n = 0;
        double sumSq = 0;
        double max = 0;
        for (TickRecord r : ticks) {
            double e = errorM(r);
            if (r.mode == mode.ordinal() && airborne(r) && Double.isFinite(e)) {
                n++;
                sumSq += e * e;
                max = Math.max(max, e);
            }
        }
        return new Tracking(mode, n, n == 0 ? Double.NaN : Math.sqrt(sumSq / n), n == 0 ? Double.NaN : max);
    }

    /** Every mode change, in order. */
    public List<Transition> transitions() {
        List<Transition> out = new ArrayList<>();
        for (TickRecord r : ticks) {
            if (r.transitioned) {
                out.add(new Transition(r.tick, timeS(r), FlightMode.ofOrdinal(r.previousMode),
                        FlightMode.ofOrdinal(r.mode), Reasons.describe(r.reasons)));
            }
        }
        return out;
    }

    /** The watchdog's response to the first non-finite policy output while the SNN flew, or null if none. */
    public FaultResponse faultResponse() {
        for (int i = 1; i < ticks.size(); i++) {
            TickRecord r = ticks.get(i);
            boolean snnWasFlying = ticks.get(i - 1).mode == FlightMode.SNN.ordinal();
            if ((r.decoderFlags & ActionDecoder.NON_FINITE) != 0 && snnWasFlying) {
                for (int j = i; j < ticks.size(); j++) {
                    if (ticks.get(j).mode != FlightMode.SNN.ordinal()) {
                        return new FaultResponse(r.tick, ticks.get(j).tick, timeS(r));
                    }
                }
                return new FaultResponse(r.tick, Long.MAX_VALUE, timeS(r));
            }
        }
        return null;
    }

    /** The loop's measured tick durations, µs (ticks that measured none, as in lockstep, are left out). */
    public double[] tickDurationsUs() {
        return ticks.stream().mapToLong(r -> r.previousTickNs).filter(v -> v > 0).mapToDouble(v -> v / 1000.0)
                .toArray();
    }

    /** Percentile (0..100) of the loop's measured tick durations, µs; NaN when none was measured. */
    public double tickDurationPercentileUs(double p) {
        double[] d = tickDurationsUs();
        if (d.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(d);
        int idx = (int) Math.min(d.length - 1, Math.ceil(p / 100.0 * d.length) - 1);
        return d[Math.max(0, idx)];
    }

    /** Ticks the loop skipped in all. */
    public long missedTicks() {
        return ticks.stream().mapToLong(r -> r.missedTicks).sum();
    }

    /** Hidden spiking layers whose spike counts the ticks carry (0 for a PID or another non-spiking policy). */
    public int spikeLayers() {
        return ticks.stream().mapToInt(r -> r.spikeLayers).max().orElse(0);
    }
}
