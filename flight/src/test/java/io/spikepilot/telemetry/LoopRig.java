package io.spikepilot.telemetry;

import io.spikepilot.controller.action.AttitudeLimits;
import io.spikepilot.controller.loop.FlightConfig;
import io.spikepilot.controller.loop.FlightController;
import io.spikepilot.flight.loop.IdleStrategy;
import io.spikepilot.flight.loop.LoopRunner;
import io.spikepilot.controller.loop.NanoClock;
import io.spikepilot.controller.loop.OperatorInbox;
import io.spikepilot.controller.loop.StateSource;
import io.spikepilot.flight.loop.TickTimingRecorder;
import io.spikepilot.controller.pid.PidPolicy;
import io.spikepilot.controller.pid.PositionPidGains;
import io.spikepilot.flight.record.RingDrainer;
import io.spikepilot.controller.record.TickRecordConsumer;
import io.spikepilot.controller.record.TickRing;
import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.controller.supervisor.OperatorCommand;
import io.spikepilot.controller.supervisor.SupervisorConfig;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The flight loop as {@code fly} runs it, minus the autopilot: the real {@link FlightController} (PID policy, the
 * supervisor, the tick ring) ticked at 100 Hz by the real {@link LoopRunner} on the wall clock, a hovering vehicle as
 * the state source, and the tick ring drained into a telemetry consumer on its own thread, as in flight. It measures
 * the loop's wake-up lateness and tick time in 10 µs buckets (allocation-free on the loop thread) so that a phase
 * with MQTT trouble can be compared with a quiet one.
 */
final class LoopRig implements AutoCloseable {
    static final long PERIOD_NS = 10_000_000L;
    private static final int BUCKETS = 20_001; // 10 µs each, up to 200 ms; the last one holds everything beyond
    final OperatorInbox inbox;
    final TickRing ring = new TickRing(4096);
    final LoopRunner runner;
    private final AtomicLongArray lateness = new AtomicLongArray(BUCKETS);
    private final AtomicLongArray duration = new AtomicLongArray(BUCKETS);
    private final RingDrainer drainer;
    private final Thread drainerThread;

    LoopRig(TickRecordConsumer telemetry) {
        this(telemetry, new OperatorInbox());
    }

    /** @param inbox where ground commands reach the loop (the same one the {@link GroundCommands} write to) */
    LoopRig(TickRecordConsumer telemetry, OperatorInbox inbox) {
        this.inbox = inbox;
        AttitudeLimits limits = new AttitudeLimits(0.55, 0.1, 0.9, Math.toRadians(35), Math.toRadians(90));
        // the shipped flight.yaml's supervisor
        SupervisorConfig supervisor = SupervisorConfig.builder(PERIOD_NS).build();
        FlightConfig config = new FlightConfig(100, limits, PositionPidGains.px4Defaults(), supervisor, 1.0, 0.5, 0.1,
                0.2, 0.54, 4096);
        StateSource hovering = new StateSource() {
            @Override
            public boolean readLatest(VehicleState out) {
                out.positionNwuM[2] = 1.0;
                out.attitudeNwuFlu[0] = 1;
                out.timeNs = System.nanoTime();
                return true;
            }

            @Override
            public long lastMessageNs() {
                return System.nanoTime();
            }
        };
        FlightController controller = new FlightController(config,
                new PidPolicy(PositionPidGains.px4Defaults(), limits, 0.01, 0), false, hovering,
                (now, setpoint, mode) -> { }, inbox, ring);
        TickTimingRecorder recorder = (latenessNs, durationNs, periodNs) -> {
            lateness.incrementAndGet(bucket(latenessNs));
            duration.incrementAndGet(bucket(durationNs));
        };
        runner = new LoopRunner(controller::tick, PERIOD_NS, IdleStrategy.byName("park-spin", 100_000), NanoClock.SYSTEM,
                recorder);
        drainer = new RingDrainer(ring, telemetry, 20_000_000L);
        drainerThread = new Thread(drainer, "rig-telemetry-drainer");
        drainerThread.setDaemon(true);
    }

    private static int bucket(long ns) {
        long b = ns / 10_000;
        return (int) Math.max(0, Math.min(BUCKETS - 1, b));
    }

    LoopRig start() {
        drainerThread.start();
        runner.start("rig-loop");
        inbox.submit(OperatorCommand.TAKEOFF);
        return this;
    }

    /** The timing of the loop from now until {@link Mark#end} is called. */
    Mark mark(String name) {
        return new Mark(name);
    }

    /** Tick records the telemetry drainer could not keep up with. */
    long ringRowsLost() {
        return drainer.lost();
    }

    long drainerErrors() {
        return drainer.errors();
    }

    /**
     * Loop timing between two instants; marks of one kind can be pooled ({@link #pooled}), so that quiet and
     * troubled windows taken in turns share whatever else the machine is doing.
     */
    final class Mark {
        final String name;
        private final long ticks0 = runner.ticks();
        private final long missed0 = runner.missedTicks();
        private final long[] lateness0 = snapshot(lateness);
        private final long[] duration0 = snapshot(duration);
        private final long start0 = System.nanoTime();
        private Phase phase;
        private long[] late;
        private long[] dur;
        private long ticks;
        private long missed;
        private double seconds;

        private Mark(String name) {
            this.name = name;
        }

        Phase end() {
            late = minus(snapshot(lateness), lateness0);
            dur = minus(snapshot(duration), duration0);
            ticks = runner.ticks() - ticks0;
            missed = runner.missedTicks() - missed0;
            seconds = (System.nanoTime() - start0) / 1e9;
            phase = LoopRig.this.phase(name, seconds, ticks, missed, late, dur);
            return phase;
        }

        /** This window's figures, once ended. */
        Phase phase() {
            return phase;
        }
    }

    /** The ended {@code marks} as one phase. */
    Phase pooled(String name, java.util.List<Mark> marks) {
        long[] late = new long[BUCKETS];
        long[] dur = new long[BUCKETS];
        long ticks = 0;
        long missed = 0;
        double seconds = 0;
        for (Mark m : marks) {
            for (int i = 0; i < BUCKETS; i++) {
                late[i] += m.late[i];
                dur[i] += m.dur[i];
            }
            ticks += m.ticks;
            missed += m.missed;
            seconds += m.seconds;
        }
        return phase(name, seconds, ticks, missed, late, dur);
    }

    private Phase phase(String name, double seconds, long ticks, long missed, long[] late, long[] dur) {
        return new Phase(name, seconds, ticks, missed, percentileUs(late, 0.5), percentileUs(late, 0.99),
                maxUs(late), percentileUs(dur, 0.99), runner.tickErrors());
    }

    /** One phase's figures: lateness = wake-up minus deadline, µs (10 µs resolution). */
    record Phase(String name, double seconds, long ticks, long missed, double latenessP50Us, double latenessP99Us,
                 double latenessMaxUs, double tickP99Us, long tickErrors) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %.1f s, %d ticks, %d missed, lateness p50 %.0f us p99 %.0f us "
                    + "max %.0f us, tick p99 %.0f us, tick errors %d", name, seconds, ticks, missed, latenessP50Us,
                    latenessP99Us, latenessMaxUs, tickP99Us, tickErrors);
        }
    }

    private static long[] snapshot(AtomicLongArray a) {
        long[] out = new long[a.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i);
        }
        return out;
    }

    private static long[] minus(long[] a, long[] b) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    private static double percentileUs(long[] counts, double q) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank && seen > 0) {
                return (i + 1) * 10.0;
            }
        }
        return 0;
    }

    private static double maxUs(long[] counts) {
        for (int i = counts.length - 1; i >= 0; i--) {
            if (counts[i] > 0) {
                return (i + 1) * 10.0;
            }
        }
        return 0;
    }

    @Override
    public void close() throws InterruptedException {
        runner.stop(2_000);
        drainer.stop();
        drainerThread.join(2_000);
    }
}
