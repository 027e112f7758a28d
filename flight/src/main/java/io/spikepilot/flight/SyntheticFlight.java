package io.spikepilot.flight;

import io.spikepilot.controller.time.ControlRate;
import io.spikepilot.bridge.codec.FrameEncoder;
import io.spikepilot.bridge.codec.SetAttitudeTargetMessage;
import io.spikepilot.controller.action.AttitudeLimits;
import io.spikepilot.controller.frame.Frames;
import io.spikepilot.controller.loop.FlightConfig;
import io.spikepilot.controller.loop.FlightController;
import io.spikepilot.controller.loop.OperatorInbox;
import io.spikepilot.controller.loop.SetpointSink;
import io.spikepilot.controller.loop.StateSource;
import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.pid.PidPolicy;
import io.spikepilot.controller.pid.PositionPidGains;
import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.record.TickRing;
import io.spikepilot.controller.snn.FixedPointQuantizer;
import io.spikepilot.controller.snn.FixedPointSnn;
import io.spikepilot.controller.snn.PaperInit;
import io.spikepilot.controller.snn.QuantizationScales;
import io.spikepilot.controller.snn.ResetRule;
import io.spikepilot.controller.state.AttitudeSetpoint;
import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.OperatorCommand;
import io.spikepilot.controller.supervisor.SupervisorConfig;
import java.util.Arrays;

/**
 * A complete flight controller with the paper's network size (18-256-128-4, fixed point, seeded paper initialisation)
 * fed by a synthetic hovering state and encoding every setpoint as a MAVLink 2 SET_ATTITUDE_TARGET frame: the full
 * tick from "read state" to "setpoint encoded", for benchmarks. The agreement gate is opened wide so that the
 * untrained network is handed control and the measured path is the SNN-flying one (PID in hot standby).
 */
public final class SyntheticFlight {
    private static final AttitudeLimits LIMITS =
            new AttitudeLimits(0.5, 0.1, 0.9, Math.toRadians(30), Math.toRadians(90));
    private final VehicleState state = new VehicleState();
    private final FrameEncoder encoder = new FrameEncoder(1, 191);
    private final double[] qNedFrd = new double[4];
    private final OperatorInbox inbox = new OperatorInbox();
    private final FlightController controller;
    private final TickRing ring = new TickRing(4096);
    private final long periodNs;
    private long lastMessageNs;
    private long encodedBytes;

    /**
     * @param rateHz    control rate, Hz, in [50, 500]
     * @param seed      seed of the network's initialisation
     * @param pidPolicy fly {@link PidPolicy} instead of the network, to separate the loop's own cost from the SNN's
     */
    public SyntheticFlight(double rateHz, long seed, boolean pidPolicy) {
        this(rateHz, pidPolicy
                ? new PidPolicy(PositionPidGains.px4Defaults(), LIMITS, 1.0 / rateHz, 0.1)
                : paperSizeNetwork(seed));
    }

    /**
     * The same flight with any policy, e.g. one loaded from a file, to time it on the computer that will fly it.
     *
     * @param rateHz control rate, Hz, in [50, 500]
     * @param policy a fresh policy runtime (attitude action space)
     */
    public SyntheticFlight(double rateHz, Policy policy) {
        long period = ControlRate.periodNsOf(rateHz);
        this.periodNs = period;
        SupervisorConfig supervisor = new SupervisorConfig(period, 3, 500_000_000L, 1_000_000_000L, 100_000, 0.9999, 0,
                1_000_000L, Math.PI, 1000, 100_000, 1_000_000, 10, 10, 1.0, Math.PI);
        FlightConfig config = new FlightConfig(rateHz, LIMITS, PositionPidGains.px4Defaults(), supervisor, 1.0, 0.5,
                0.05, 0.2, 0.45, 4096);
        StateSource source = new StateSource() {
            @Override
            public boolean readLatest(VehicleState out) {
                out.copyFrom(state);
                return true;
            }

            @Override
            public long lastMessageNs() {
                return lastMessageNs;
            }
        };
        SetpointSink sink = this::encode;
        controller = new FlightController(config, policy, true, source, sink, inbox, ring);
        state.resetAtRest(0);
    }

    /** The paper's 18-256-128-4, fixed point, seeded paper initialisation. */
    private static Policy paperSizeNetwork(long seed) {
        float[] inputScale = new float[18];
        Arrays.fill(inputScale, 8f / 32767f);
        float[][] membrane = {filled(256, 1f / 4096f), filled(128, 1f / 4096f)};
        return new FixedPointSnn(FixedPointQuantizer.quantize(
                PaperInit.network(new int[] {18, 256, 128, 4}, seed, ResetRule.SUBTRACT_DELAYED),
                new QuantizationScales(inputScale, 32767, membrane, 16)));
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    private void encode(long nowNs, AttitudeSetpoint sp, FlightMode mode) {
        Frames.quaternionNwuFluToNedFrd(sp.attitudeNwuFlu, qNedFrd);
        SetAttitudeTargetMessage.write(encoder.payload(), nowNs / 1_000_000L, 1, 1,
                SetAttitudeTargetMessage.IGNORE_ROLL_RATE | SetAttitudeTargetMessage.IGNORE_PITCH_RATE,
                (float) qNedFrd[0], (float) qNedFrd[1], (float) qNedFrd[2], (float) qNedFrd[3],
                0f, 0f, (float) -sp.bodyRateFluRadps[2], (float) sp.thrustNormalized, 0f, 0f, 0f);
        encodedBytes += encoder.encodeV2(SetAttitudeTargetMessage.ID, SetAttitudeTargetMessage.CRC_EXTRA,
                SetAttitudeTargetMessage.LENGTH);
    }

    /** Writes a slowly swaying hover state for time {@code nowNs}, as a state assembler would have. */
    public void updateState(long nowNs) {
        double t = nowNs * 1e-9;
        state.timeNs = nowNs;
        state.positionNwuM[0] = 0.05 * Math.sin(0.7 * t);
        state.positionNwuM[1] = 0.05 * Math.cos(0.5 * t);
        state.positionNwuM[2] = 1.0 + 0.02 * Math.sin(1.3 * t);
        state.velocityNwuMps[0] = 0.035 * Math.cos(0.7 * t);
        state.velocityNwuMps[1] = -0.025 * Math.sin(0.5 * t);
        state.velocityNwuMps[2] = 0.026 * Math.cos(1.3 * t);
        Quaternions.fromEulerZyx(0.01 * Math.sin(2 * t), 0.01 * Math.cos(2 * t), 0.1, state.attitudeNwuFlu);
        state.bodyRateFluRadps[0] = 0.02 * Math.cos(2 * t);
        state.bodyRateFluRadps[1] = -0.02 * Math.sin(2 * t);
        lastMessageNs = nowNs;
    }

    /** Takes off and hands control to the network, driving ticks in simulated time from 0. Returns the next time. */
    public long engage() {
        long now = 0;
        updateState(now);
        controller.tick(now);
        inbox.submit(OperatorCommand.TAKEOFF);
        for (int i = 0; i < 20; i++) {
            now += periodNs;
            updateState(now);
            controller.tick(now);
        }
        inbox.submit(OperatorCommand.ENGAGE_SNN);
        for (int i = 0; i < 50 && controller.mode() != FlightMode.SNN; i++) {
            now += periodNs;
            updateState(now);
            controller.tick(now);
        }
        if (controller.mode() != FlightMode.SNN) {
            throw new IllegalStateException("synthetic flight: the network did not engage, reasons "
                    + io.spikepilot.controller.supervisor.Reasons.describe(controller.lastReasons()));
        }
        return now + periodNs;
    }

    public FlightController controller() {
        return controller;
    }

    /** The ring the controller records every tick into (its last 4096 ticks, as a trace would get them). */
    public TickRing ring() {
        return ring;
    }

    /** Bytes of MAVLink encoded so far (keeps the encoding observable to the JIT). */
    public long encodedBytes() {
        return encodedBytes;
    }

    public long periodNs() {
        return periodNs;
    }
}
