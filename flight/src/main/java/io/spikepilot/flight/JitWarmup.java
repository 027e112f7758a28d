package io.spikepilot.flight;

import io.spikepilot.bridge.codec.FrameEncoder;
import io.spikepilot.bridge.session.MavlinkLink;
import io.spikepilot.bridge.session.SetpointSender;
import io.spikepilot.bridge.state.StateAssembler;
import io.spikepilot.bridge.transport.ByteSink;
import io.spikepilot.bridge.transport.Transport;
import io.spikepilot.controller.loop.FlightConfig;
import io.spikepilot.controller.loop.FlightController;
import io.spikepilot.flight.loop.IdleStrategy;
import io.spikepilot.flight.loop.LoopRunner;
import io.spikepilot.controller.loop.NanoClock;
import io.spikepilot.controller.loop.OperatorInbox;
import io.spikepilot.controller.loop.SetpointSink;
import io.spikepilot.controller.loop.StateSource;
import io.spikepilot.controller.loop.TickTarget;
import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.record.TickRing;
import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.controller.supervisor.OperatorCommand;
import io.spikepilot.flight.record.HdrTickTimingRecorder;

/**
 * Compiles the tick before arming: a throwaway controller (its own policy instance, its own ring, no link) flies a
 * synthetic hover in simulated time, through take-off, shadow stepping and the SNN request, so the first real ticks
 * run compiled code instead of the interpreter's milliseconds.
 *
 * <p>It runs through the real {@link LoopRunner} on a simulated clock and, every {@value #CYCLE} ticks, takes the
 * paths a long flight takes only now and then: a late wake-up that skips periods (the runner's overrun branch, the
 * supervisor's LOOP_OVERRUN), a few ticks of stale state (a fallback to the PID), a new request for the SNN and,
 * from the second cycle on, 0.6 s without state (the supervisor's open-loop emergency landing, which the soak saw
 * allocate 2.8 kB on the control thread the first time it ran), a touchdown and a new take-off. Code
 * first compiled without those branches meets them in flight as uncommon traps; the deoptimization that follows
 * materialises the objects the compiler had scalar-replaced, which the soak measured as a few hundred bytes on the
 * control thread at each first fallback.
 */
final class JitWarmup {
    /** Ticks in one cycle of the warm-up's rare events. */
    static final int CYCLE = 1000;
    private static final int ENGAGE_AT = 400;
    private static final int STALE_FROM = 500;
    private static final int STALE_TICKS = 6;
    private static final int REENGAGE_AT = 700;
    private static final int LOST_FROM = 800;
    private static final int LOST_TICKS = 60;
    private static final int GROUNDED_UNTIL = 950;
    private static final int LATE_AT = CYCLE - 1;

    private JitWarmup() {
    }

    /** Runs {@code ticks} ticks; returns the wall time it took, ns. */
    static long run(FlightConfig config, Policy throwawayPolicy, boolean policyMatches, int ticks) {
        return run(config, throwawayPolicy, policyMatches, ticks, (t, sp, mode) -> { });
    }

    /**
     * Runs {@code ticks} ticks into {@code sink}: the flight's own kind of sink (a setpoint sender on a link that
     * discards, {@link #discardingSender}), so the encoder and the sender are compiled before arming too, not at
     * their invocation thresholds tens of seconds into the flight.
     */
    static long run(FlightConfig config, Policy throwawayPolicy, boolean policyMatches, int ticks, SetpointSink sink) {
        VehicleState synthetic = new VehicleState();
        long[] now = {0};
        int[] tick = {0};
        StateSource source = new StateSource() {
            @Override
            public boolean readLatest(VehicleState out) {
                out.copyFrom(synthetic);
                return true;
            }

            @Override
            public long lastMessageNs() {
                return now[0];
            }
        };
        OperatorInbox inbox = new OperatorInbox();
        FlightController controller = new FlightController(config, throwawayPolicy, policyMatches, source,
                sink, inbox, new TickRing(config.ringCapacity()));
        long period = config.periodNs();
        NanoClock clock = () -> now[0];
        // wakes on time, except once a cycle three and a half periods late
        IdleStrategy idle = new IdleStrategy() {
            @Override
            public void idleUntil(long deadlineNs, NanoClock c) {
                now[0] = Math.max(now[0], deadlineNs + (tick[0] % CYCLE == LATE_AT ? 3 * period + period / 2 : 0));
            }

            @Override
            public String name() {
                return "simulated";
            }
        };
        TickTarget target = (nowNs, deadlineNs, missed, previousNs) -> {
            int i = tick[0]++;
            int inCycle = i % CYCLE;
            boolean stale = (inCycle >= STALE_FROM && inCycle < STALE_FROM + STALE_TICKS)
                    || (inCycle >= LOST_FROM && inCycle < LOST_FROM + LOST_TICKS);
            boolean grounded = i > CYCLE && inCycle >= LOST_FROM + LOST_TICKS && inCycle < GROUNDED_UNTIL;
            if (!stale) {
                double t = nowNs * 1e-9;
                synthetic.timeNs = nowNs;
                synthetic.positionNwuM[0] = 0.05 * Math.sin(0.7 * t);
                synthetic.positionNwuM[2] = grounded ? 0.0 : Math.min(1.0, 0.5 * t);
                synthetic.velocityNwuMps[0] = grounded ? 0.0 : 0.035 * Math.cos(0.7 * t);
                Quaternions.fromEulerZyx(0.01 * Math.sin(2 * t), 0.01 * Math.cos(2 * t), 0, synthetic.attitudeNwuFlu);
            }
            if (i == 1 || (i > CYCLE && inCycle == GROUNDED_UNTIL)) {
                inbox.submit(OperatorCommand.TAKEOFF);
            } else if (inCycle == ENGAGE_AT || inCycle == REENGAGE_AT) {
                inbox.submit(OperatorCommand.ENGAGE_SNN);
            }
            controller.tick(nowNs, deadlineNs, missed, previousNs);
        };
        long start = System.nanoTime();
        new LoopRunner(target, period, idle, clock, new HdrTickTimingRecorder()).runFor(ticks);
        return System.nanoTime() - start;
    }

    /** A setpoint sender like the flight's (PX4 or ArduPilot rates rule) on a link whose transport drops every frame. */
    static SetpointSender discardingSender(boolean allOrNoRates) {
        MavlinkLink link = new MavlinkLink(new DiscardingTransport(), new StateAssembler(1, 1), null, 0, 0);
        SetpointSender sender = new SetpointSender(link, new FrameEncoder(1, 191), 0);
        sender.setTarget(1, 1);
        sender.setAllOrNoRates(allOrNoRates);
        return sender;
    }

    /** Accepts every frame and sends none: the warm-up's link must not reach the autopilot. */
    private static final class DiscardingTransport implements Transport {
        @Override
        public void start(ByteSink sink) {
        }

        @Override
        public boolean send(byte[] data, int offset, int length) {
            return true;
        }

        @Override
        public boolean isConnected() {
            return true;
        }

        @Override
        public long sendDrops() {
            return 0;
        }

        @Override
        public String describe() {
            return "discarding transport (JIT warm-up)";
        }

        @Override
        public void close() {
        }
    }
}
