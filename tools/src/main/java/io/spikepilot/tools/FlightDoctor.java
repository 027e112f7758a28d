package io.spikepilot.tools;

import io.spikepilot.bridge.codec.AttitudeQuaternionMessage;
import io.spikepilot.bridge.codec.HeartbeatMessage;
import io.spikepilot.bridge.codec.LocalPositionNedMessage;
import io.spikepilot.bridge.codec.SetAttitudeTargetMessage;
import io.spikepilot.bridge.tlog.TlogFormat;
import io.spikepilot.controller.loop.FlightConfig;
import io.spikepilot.flight.loop.IdleStrategy;
import io.spikepilot.controller.snn.PolicyFile;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.record.TickRing;
import io.spikepilot.controller.record.TickTraceCsv;
import io.spikepilot.tools.cli.CliErrors;
import io.spikepilot.tools.doctor.Check;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import io.spikepilot.flight.SyntheticFlight;
import io.spikepilot.flight.FlightSettings;
import io.spikepilot.flight.FlyPolicy;
import io.spikepilot.flight.PreflightException;

/**
 * The doctor's checks of what {@code fly} would fly: the flight configuration and the policy, loaded as {@code fly}
 * loads them and checked against each other, and the policy's full tick timed on this computer at the configured rate
 * and idle strategy, as {@code bench-loop --policy} times it. The timed run also measures what a flight records per
 * second, for the disk check.
 */
final class FlightDoctor {
    /** Bytes of a MAVLink 2 frame around its payload (10 header, 2 checksum), plus the .tlog's timestamp. */
    private static final int TLOG_OVERHEAD = 12 + TlogFormat.TIMESTAMP_BYTES;

    /**
     * A trace row's length when no tick was timed to measure it: above the rows of the paper-size network, whose
     * membranes are not in the trace (measured: see {@link #measureTraceRow}).
     */
    private static final double UNMEASURED_ROW_BYTES = 2000;

    private FlightSettings settings;
    private FlyPolicy policy;
    private double traceBytesPerTick = UNMEASURED_ROW_BYTES;

    /** The flight configuration, as fly reads it; null settings (and a fail row) when it cannot be used. */
    Check config(Path file, byte[] shipped, String shippedName) {
        try {
            settings = file != null ? FlightConfigFile.load(file)
                    : FlightConfigFile.parse(shippedName, new String(shipped, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Check.fail("flight config", e.getMessage(), "fix that field (the documented example is "
                    + "src/config/flight.yaml in the sources, /etc/spikepilot/flight.yaml in the bundle)");
        }
        FlightConfig flight = settings.flight();
        return Check.pass("flight config", String.format(Locale.ROOT, "%s: %.0f Hz, %s, link.autopilot %s, system "
                        + "%d, streams %.0f Hz (arms from %.0f Hz)", file != null ? file : shippedName, flight.rateHz(),
                settings.idleStrategy(), settings.autopilot(), settings.systemId(), settings.streamRateHz(),
                settings.minStreamHz()));
    }

    FlightSettings settings() {
        return settings;
    }

    /** The policy against the configuration: fly's own check (rate, observation layout, action space, ranges). */
    Check policy(String spec, byte[] bundled, String bundledName) {
        if (settings == null) {
            return Check.skip("policy fits config", "not checked: the flight config cannot be used");
        }
        try {
            policy = bundled != null
                    ? FlyPolicy.of(PolicyFile.read(bundled, bundledName), settings.flight())
                    : FlyPolicy.load(spec, settings.flight());
        } catch (PreflightException e) {
            return Check.fail("policy fits config", e.getMessage(), "fly refuses this pair (exit 3): use the policy "
                    + "trained for this configuration, or change the configuration's control.rate_hz and vehicle "
                    + "limits to the policy's");
        } catch (Exception e) {
            return Check.fail("policy fits config", CliErrors.describe(e), "the policy file is damaged or not a "
                    + "spikepilot policy: copy it again (its sha256 is in the trace of the flight it came from)");
        }
        return Check.pass("policy fits config", policy.describe());
    }

    /**
     * The full tick of the policy in real time at the configured rate and idle strategy, against the period. Also
     * sets {@link #recordingBytesPerSecond()} from the trace rows of the ticks it ran.
     */
    Check timing(int warmupTicks, double seconds) {
        if (policy == null) {
            return Check.skip("tick timing", "not measured: no policy that fits the config");
        }
        FlightConfig flight = settings.flight();
        SyntheticFlight synthetic = new SyntheticFlight(flight.rateHz(), policy.newInstance());
        IdleStrategy idle = IdleStrategy.byName(settings.idleStrategy(), settings.spinWindowNs());
        LoopBench.Result r;
        try {
            r = LoopBench.measure(synthetic, idle, warmupTicks, seconds);
        } catch (IllegalStateException e) {
            return Check.fail("tick timing", "the synthetic hover did not hand the policy control: " + e.getMessage(),
                    "time it by hand: spikepilot bench-loop --policy <file> --rate " + flight.rateHz());
        }
        traceBytesPerTick = measureTraceRow(synthetic.ring());
        Histogram tick = r.tickNs();
        Histogram late = r.latenessNs();
        double periodUs = flight.periodNs() / 1e3;
        double tickP99 = tick.getValueAtPercentile(99) / 1e3;
        double tickP999 = tick.getValueAtPercentile(99.9) / 1e3;
        double lateP999 = late.getValueAtPercentile(99.9) / 1e3;
        String finding = String.format(Locale.ROOT, "%d ticks at %.0f Hz (%s): tick p99 %.1f us, p99.9 %.1f us, max "
                        + "%.1f us of a %.0f us period; wake-up lateness p99.9 %.1f us; %d missed", r.ticks(),
                flight.rateHz(), idle.name(), tickP99, tickP999, tick.getMaxValue() / 1e3, periodUs, lateP999,
                r.missedTicks());
        String quieter = "give the loop a quieter CPU: stop other work, set the performance governor, and see the "
                + "README's 'JVM for the loop' (chrt, isolcpus); compare with spikepilot bench-loop --policy <file> "
                + "--rate " + Math.round(flight.rateHz());
        if (tickP99 >= 0.5 * periodUs || r.missedTicks() > r.ticks() / 100) {
            return Check.fail("tick timing", finding, "this CPU is too slow or too busy for this policy at this "
                    + "rate: " + quieter + "; or fly a smaller network or a lower control.rate_hz");
        }
        if (tickP999 >= 0.25 * periodUs || lateP999 >= 0.25 * periodUs || r.missedTicks() > 0) {
            return Check.warn("tick timing", finding, quieter);
        }
        return Check.pass("tick timing", finding);
    }

    /** Mean length of a trace row over the ticks still in the ring. */
    private static double measureTraceRow(TickRing ring) {
        TickRing.Reader reader = ring.reader();
        TickRecord record = new TickRecord();
        StringBuilder row = new StringBuilder(4096);
        long rows = 0;
        long chars = 0;
        while (reader.poll(record)) {
            row.setLength(0);
            try {
                TickTraceCsv.appendRow(record, row);
            } catch (IOException e) {
                throw new IllegalStateException("a StringBuilder does not fail", e);
            }
            chars += row.length() + 1;
            rows++;
        }
        return rows == 0 ? UNMEASURED_ROW_BYTES : (double) chars / rows;
    }

    /**
     * What a flight writes per second: the trace rows (when record.trace is on) and the {@code .tlog}'s frames (the two
     * state streams in, a setpoint a tick and the heartbeats both ways).
     */
    double recordingBytesPerSecond() {
        FlightSettings s = settings;
        double rateHz = s == null ? 100 : s.flight().rateHz();
        double streamHz = s == null ? 100 : s.streamRateHz();
        double tlog = streamHz * (LocalPositionNedMessage.LENGTH + AttitudeQuaternionMessage.LENGTH + 2 * TLOG_OVERHEAD)
                + rateHz * (SetAttitudeTargetMessage.LENGTH + TLOG_OVERHEAD)
                + 2 * (HeartbeatMessage.LENGTH + TLOG_OVERHEAD);
        boolean trace = s == null || s.trace();
        return tlog + (trace ? rateHz * traceBytesPerTick : 0);
    }
}
