package io.spikepilot.controller.replay;

import io.spikepilot.controller.action.AttitudeLimits;
import io.spikepilot.controller.loop.FlightConfig;
import io.spikepilot.controller.loop.FlightController;
import io.spikepilot.controller.loop.OperatorInbox;
import io.spikepilot.controller.loop.SetpointSink;
import io.spikepilot.controller.loop.StateSource;
import io.spikepilot.controller.loop.TargetRequest;
import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.pid.PidPolicy;
import io.spikepilot.controller.pid.PositionPidGains;
import io.spikepilot.controller.policy.FaultInjectingPolicy;
import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.record.TickRing;
import io.spikepilot.controller.record.TickTraceCsv;
import io.spikepilot.controller.snn.FixedPointNetwork;
import io.spikepilot.controller.snn.FixedPointQuantizer;
import io.spikepilot.controller.snn.FloatSnn;
import io.spikepilot.controller.snn.FixedPointSnn;
import io.spikepilot.controller.snn.PaperInit;
import io.spikepilot.controller.snn.QuantizationScales;
import io.spikepilot.controller.snn.ResetRule;
import io.spikepilot.controller.snn.SnnNetwork;
import io.spikepilot.controller.state.AttitudeSetpoint;
import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.controller.supervisor.OperatorCommand;
import io.spikepilot.controller.supervisor.SupervisorConfig;
import java.util.Arrays;

/**
 * A recorded flight for the replay tests: the controller at 100 Hz in closed loop with a point mass that takes the
 * commanded attitude at once and accelerates along its thrust axis. Scripted events make the inputs vary: idle ticks,
 * take-off, a new target, a request for the SNN, a stretch without any state, an overrun, landing.
 */
final class RecordedFlights {
    static final long MS = 1_000_000L;
    static final long PERIOD_NS = 10 * MS;
    static final AttitudeLimits LIMITS = new AttitudeLimits(0.5, 0.1, 0.9, Math.toRadians(30), Math.toRadians(90));
    static final int TICKS = 900;

    private RecordedFlights() {
    }

    static FlightConfig config() {
        SupervisorConfig supervisor = SupervisorConfig.builder(PERIOD_NS).maxTiltRad(0.6).warmupTicks(50)
                .agreementTicks(10).agreementTiltRad(0.1).build();
        return new FlightConfig(100, LIMITS, PositionPidGains.px4Defaults(), supervisor, 1.0, 0.5, 0.05, 0.2, 0.4,
                1024);
    }

    static Policy pidPolicy() {
        return new PidPolicy(PositionPidGains.px4Defaults(), LIMITS, 0.01, 0.0);
    }

    static SnnNetwork network() {
        return PaperInit.network(new int[] {18, 32, 16, 4}, 7L, ResetRule.SUBTRACT_DELAYED);
    }

    static Policy floatSnn() {
        return new FloatSnn(network());
    }

    static Policy fixedSnn() {
        float[] in = new float[18];
        Arrays.fill(in, 1e-4f);
        float[][] mem = {new float[32], new float[16]};
        Arrays.fill(mem[0], 1e-4f);
        Arrays.fill(mem[1], 1e-4f);
        FixedPointNetwork q = FixedPointQuantizer.quantize(network(), new QuantizationScales(in, 4_000_000, mem, 16));
        return new FixedPointSnn(q);
    }

    /** Flies {@code policy} for {@link #TICKS} ticks and returns the trace text, format line included. */
    static String fly(Policy policy) throws Exception {
        return fly(policy, -1, 0);
    }

    /**
     * The same flight with the demo's fault injection: {@code policy} wrapped in a {@link FaultInjectingPolicy} whose
     * output is NaN for {@code faultTicks} ticks from {@code faultFromTick}.
     */
    static String fly(Policy policy, int faultFromTick, int faultTicks) throws Exception {
        FaultInjectingPolicy.Switch fault = new FaultInjectingPolicy.Switch();
        Policy flying = faultFromTick < 0 ? policy : new FaultInjectingPolicy(policy, fault);
        VehicleState truth = new VehicleState();
        truth.resetAtRest(0);
        boolean[] publish = {true};
        long[] lastRx = {StateSource.NO_MESSAGE};
        VehicleState published = new VehicleState();
        StateSource source = new StateSource() {
            @Override
            public boolean readLatest(VehicleState out) {
                if (publish[0]) {
                    out.copyFrom(published);
                }
                return publish[0];
            }

            @Override
            public long lastMessageNs() {
                return lastRx[0];
            }
        };
        AttitudeSetpoint applied = new AttitudeSetpoint();
        applied.setLevel(0.0);
        SetpointSink sink = (now, setpoint, mode) -> applied.copyFrom(setpoint);
        OperatorInbox inbox = new OperatorInbox();
        TickRing ring = new TickRing(1024);
        TickRing.Reader reader = ring.reader();
        FlightController controller = new FlightController(config(), flying, true, source, sink, inbox, ring);
        StringBuilder trace = new StringBuilder();
        trace.append(TickTraceCsv.formatLine("test-policy", "test-config")).append('\n');
        trace.append(TickTraceCsv.header()).append('\n');
        TickRecord r = new TickRecord();
        long now = 1_000 * MS;
        for (int tick = 0; tick < TICKS; tick++) {
            switch (tick) {
                case 10 -> inbox.submit(OperatorCommand.TAKEOFF);
                case 250 -> inbox.submitTarget(new TargetRequest(0.5, -0.25, 1.25, 0.3));
                case 400 -> inbox.submit(OperatorCommand.ENGAGE_SNN);
                case 800 -> inbox.submit(OperatorCommand.LAND);
                default -> { }
            }
            boolean linkQuiet = tick >= 600 && tick < 606;
            publish[0] = tick >= 3;
            if (publish[0] && !linkQuiet) {
                published.copyFrom(truth);
                published.timeNs = now - 2 * MS;
                lastRx[0] = now - MS;
            }
            fault.set(tick >= faultFromTick && tick < faultFromTick + faultTicks);
            long missed = tick == 700 ? 2 : 0;
            long deadline = tick == 700 ? now - 3 * MS : now;
            controller.tick(now, deadline, missed, tick == 0 ? 0 : 180_000 + tick);
            if (!reader.poll(r)) {
                throw new IllegalStateException("no record for tick " + tick);
            }
            TickTraceCsv.appendRow(r, trace);
            advance(truth, applied, PERIOD_NS * (1 + missed));
            now += PERIOD_NS * (1 + missed);
        }
        return trace.toString();
    }

    /** Point mass: takes the commanded attitude, thrust along body z, hover at {@link AttitudeLimits#hoverThrust()}. */
    private static void advance(VehicleState s, AttitudeSetpoint sp, long dtNs) {
        double dt = dtNs * 1e-9;
        double g = 9.81;
        double[] q = sp.attitudeNwuFlu;
        double accel = sp.thrustNormalized / LIMITS.hoverThrust() * g;
        double ax = 2 * (q[1] * q[3] + q[0] * q[2]) * accel;
        double ay = 2 * (q[2] * q[3] - q[0] * q[1]) * accel;
        double az = (1 - 2 * (q[1] * q[1] + q[2] * q[2])) * accel - g;
        if (s.positionNwuM[2] <= 0 && az < 0) {
            az = 0;
            s.velocityNwuMps[0] = 0;
            s.velocityNwuMps[1] = 0;
            s.velocityNwuMps[2] = Math.max(0, s.velocityNwuMps[2]);
            ax = 0;
            ay = 0;
        }
        s.velocityNwuMps[0] += ax * dt;
        s.velocityNwuMps[1] += ay * dt;
        s.velocityNwuMps[2] += az * dt;
        for (int i = 0; i < 3; i++) {
            s.positionNwuM[i] += s.velocityNwuMps[i] * dt;
        }
        if (s.positionNwuM[2] < 0) {
            s.positionNwuM[2] = 0;
        }
        if (sp.thrustNormalized > 0) {
            System.arraycopy(q, 0, s.attitudeNwuFlu, 0, 4);
            Quaternions.normalize(s.attitudeNwuFlu);
        }
        s.bodyRateFluRadps[2] = sp.bodyRateFluRadps[2];
        s.timeNs += dtNs;
    }
}
