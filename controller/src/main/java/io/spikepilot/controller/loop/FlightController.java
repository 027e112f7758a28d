package io.spikepilot.controller.loop;

import io.spikepilot.controller.action.ActionDecoder;
import io.spikepilot.controller.action.AttitudeLimits;
import io.spikepilot.controller.hover.HoverThrustEstimator;
import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.observation.ObservationBuilder;
import io.spikepilot.controller.pid.PositionPid;
import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.record.NetworkActivityLayout;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.record.TickRing;
import io.spikepilot.controller.state.AttitudeSetpoint;
import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.OperatorCommand;
import io.spikepilot.controller.supervisor.Reasons;
import io.spikepilot.controller.supervisor.Supervisor;
import io.spikepilot.controller.supervisor.SupervisorInputs;
import io.spikepilot.controller.supervisor.SupervisorMemory;

/**
 * One control tick, the whole data path: read the latest state → build the 18 observations → step the policy (its
 * membranes kept between ticks; in shadow while the PID flies) → decode its action → compute the PID in hot standby →
 * let the supervisor decide → send the chosen setpoint → write a {@link TickRecord} into the ring.
 *
 * <p>{@link #tick} takes the time as an argument and allocates nothing, blocks on nothing and throws nothing (every
 * seam it calls has the same contract). Use it from one thread only.
 *
 * <p>Replay: everything a tick reads from outside (its timing arguments, what the state source returned, the link's
 * last-message time, the operator's command and target, a fault injected into the policy's output) goes into its
 * {@link TickRecord} beside the outputs, so a trace re-run through a controller built from the same policy and
 * configuration reproduces every output bit for bit ({@code io.spikepilot.controller.replay}). Its trigonometry is
 * {@link StrictMath}'s, so that holds across CPU architectures too.
 *
 * <p>Hot standby: while the SNN flies, the PID back-calculates its integrator from the SNN's setpoint, but only on
 * ticks whose output is clean (no fault, no clamping, below the saturation level), so a hand-over caused by a bad
 * output does not carry that output over into the PID.
 *
 * <p>Targets: while IDLE the target follows the vehicle; take-off sets it {@code takeoffHeightM} above the take-off
 * point with the current heading; the operator may move it in flight. A hand-over from the SNN to the PID holds the
 * vehicle where it is at that tick (position and heading), and a landing starts there ({@link LandingTarget}); the
 * PID's integrator is shifted so the new target changes no setpoint at the hand-over ({@link PositionPid#retarget}).
 * Before, the PID flew back to the SNN's target and kept the SNN's target error in its integrator, an 11-12 cm bump.
 * Landing with a trusted state is PID-guided along a target that descends at {@code landSpeedMps}; without one it is
 * a level open-loop descent at {@code openLoopLandThrust}.
 */
public final class FlightController {
    /** Settled PID hover averaged for the hover-thrust estimate, s. */
    private static final double HOVER_WINDOW_S = 1.5;
    /** PID flight after which the hover-thrust estimate is given up, s. */
    private static final double HOVER_GIVE_UP_S = 30.0;

    private final FlightConfig config;
    private final AttitudeLimits limits;
    private final Policy policy;
    private final int spikeLayers;
    private final NetworkActivityLayout activity;
    private final boolean policyShapeMatches;
    private final boolean policyMatchesConfig;
    private final StateSource source;
    private final SetpointSink sink;
    private final OperatorInbox inbox;
    private final TickRing ring;
    private final Supervisor supervisor;
    private final PositionPid pid;
    private final double periodS;

    private final SupervisorInputs inputs = new SupervisorInputs();
    private final SupervisorMemory memory = new SupervisorMemory();
    private final VehicleState state = new VehicleState();
    private final float[] observation = new float[ObservationBuilder.SIZE];
    private final float[] action = new float[ObservationBuilder.ACTION_SIZE];
    private final float[] previousObservation = new float[ObservationBuilder.SIZE];
    private final float[] previousAction = new float[ObservationBuilder.ACTION_SIZE];
    private int unchangedOutputTicks;
    private final AttitudeSetpoint snnSetpoint = new AttitudeSetpoint();
    private final AttitudeSetpoint pidSetpoint = new AttitudeSetpoint();
    private final AttitudeSetpoint fixedSetpoint = new AttitudeSetpoint();
    private final double[] targetNwuM = new double[3];
    private final LandingTarget landing;
    private final HoverThrustEstimator hoverThrust;
    private final double[] pidTargetNwuM = new double[3];
    private double targetYawRad;
    private double lastYawRad;
    private double groundZNwuM;
    private boolean policyNeedsReset = true;
    private boolean policyStepped;
    private AttitudeSetpoint lastSent = fixedSetpoint;

    private long ticks;
    private volatile long fallbacks;
    private volatile long transitions;
    private volatile int publishedMode = FlightMode.IDLE.ordinal();
    private volatile int publishedReasons;

    /**
     * @param config              validated flight configuration
     * @param policy              the flight policy (18 inputs, 4 outputs in the {@code attitude} action space)
     * @param policyMatchesConfig whether the policy's metadata (layout, action space, rate, airframe) matched the
     *                            configuration when it was loaded; false keeps the SNN from ever flying
     * @param source              state estimates
     * @param sink                setpoint delivery
     * @param inbox               operator commands and targets
     * @param ring                tick records for the logger and telemetry
     */
    public FlightController(FlightConfig config, Policy policy, boolean policyMatchesConfig, StateSource source,
                            SetpointSink sink, OperatorInbox inbox, TickRing ring) {
        if (config == null || policy == null || source == null || sink == null || inbox == null || ring == null) {
            throw new IllegalArgumentException("flight controller: config, policy, state source, setpoint sink, "
                    + "operator inbox and tick ring are all required");
        }
        this.config = config;
        this.limits = config.limits();
        this.policy = policy;
        this.spikeLayers = Math.min(policy.hiddenLayers(), TickRecord.MAX_SPIKE_LAYERS);
        this.activity = NetworkActivityLayout.of(policy);
        this.policyShapeMatches = policy.observationSize() == ObservationBuilder.SIZE
                && policy.actionSize() == ObservationBuilder.ACTION_SIZE;
        this.policyMatchesConfig = policyMatchesConfig && policyShapeMatches;
        this.source = source;
        this.sink = sink;
        this.inbox = inbox;
        this.ring = ring;
        this.supervisor = new Supervisor(config.supervisor());
        this.periodS = config.periodS();
        this.pid = new PositionPid(config.gains(), limits, periodS);
        this.landing = new LandingTarget(config.landSpeedMps(), periodS);
        this.hoverThrust = new HoverThrustEstimator((int) Math.round(HOVER_WINDOW_S / periodS),
                (int) Math.round(HOVER_GIVE_UP_S / periodS), periodS);
        fixedSetpoint.setLevel(0.0);
        snnSetpoint.setLevel(limits.hoverThrust());
        pidSetpoint.setLevel(limits.hoverThrust());
    }

    /** Which network activity this controller's records carry (for the activity file's writer). */
    public NetworkActivityLayout activityLayout() {
        return activity;
    }

    /** A lockstep tick at {@code nowNs} (simulator, replay): on time, nothing missed. */
    public void tick(long nowNs) {
        tick(nowNs, nowNs, 0, 0);
    }

    /**
     * One control tick.
     *
     * @param nowNs          the time the tick runs at, ns
     * @param deadlineNs     the deadline it was scheduled for, ns
     * @param missedTicks    ticks skipped just before this one
     * @param previousTickNs duration of the previous tick as measured by the runner, ns
     */
    public void tick(long nowNs, long deadlineNs, long missedTicks, long previousTickNs) {
        OperatorCommand command = inbox.pollCommand();
        TargetRequest request = inbox.pollTarget();
        FlightMode mode = memory.mode;
        if (request != null && mode != FlightMode.IDLE) {
            targetNwuM[0] = request.xNwuM();
            targetNwuM[1] = request.yNwuM();
            targetNwuM[2] = request.zNwuM();
            targetYawRad = request.yawNwuRad();
        }

        boolean received = source.readLatest(state);
        boolean valid = received && state.isValid(FlightConfig.QUATERNION_TOLERANCE);
        if (valid) {
            lastYawRad = Quaternions.yaw(state.attitudeNwuFlu);
            if (mode == FlightMode.IDLE) {
                followVehicle();
            }
        }

        // the policy steps every tick with a usable state: flying, or in shadow to warm its membranes
        double maxAbsOutput = 0.0;
        int decoderFlags = ActionDecoder.OK;
        policyStepped = policyShapeMatches && valid;
        if (policyStepped) {
            if (policyNeedsReset) {
                policy.reset();
                policyNeedsReset = false;
            }
            ObservationBuilder.write(state, targetNwuM, observation, 0);
            policy.step(observation, 0, action, 0);
            trackFrozenOutput();
            maxAbsOutput = maxAbs(action);
            decoderFlags = ActionDecoder.decodeAttitude(action, 0, limits, lastYawRad, snnSetpoint);
        }

        // the PID computes every tick: flying, or in hot standby
        if (mode == FlightMode.LAND) {
            landing.advance(state, valid && supervisor.stateFresh(nowNs, received, state.timeNs));
        }
        double[] pidTarget = mode == FlightMode.LAND ? landing.targetNwuM() : targetNwuM;
        System.arraycopy(pidTarget, 0, pidTargetNwuM, 0, 3);
        int pidFlags = pid.compute(state, pidTargetNwuM, targetYawRad, pidSetpoint);

        fillInputs(received, valid, maxAbsOutput, missedTicks, command);
        int reasons = supervisor.decide(nowNs, inputs, memory);
        FlightMode next = memory.mode;
        if ((reasons & Reasons.POLICY_NON_FINITE) != 0) {
            policyNeedsReset = true;
        }
        if ((reasons & Reasons.POLICY_FROZEN) != 0) {
            policyNeedsReset = true;
            unchangedOutputTicks = 0;
        }
        if (memory.transitioned) {
            pidFlags = enter(next, mode, reasons, valid, pidFlags);
        }

        boolean cleanOutput = (reasons & Reasons.SNN_FAULTS) == 0 && decoderFlags == ActionDecoder.OK
                && maxAbsOutput < config.supervisor().outputSaturationLevel();
        AttitudeSetpoint chosen = choose(next, reasons, valid, cleanOutput);
        sink.send(nowNs, chosen, next);
        hoverThrust.observe(next == FlightMode.PID && valid && (reasons & Reasons.STATE_UNTRUSTED) == 0,
                chosen.thrustNormalized, (pidFlags & (PositionPid.THRUST_MAX | PositionPid.THRUST_MIN)) != 0,
                inputs.tiltRad, state.velocityNwuMps, state.positionNwuM[2] - targetNwuM[2]);
        lastSent = chosen;
        record(nowNs, deadlineNs, missedTicks, previousTickNs, command, request, reasons, decoderFlags, pidFlags,
                chosen);
        ticks++;
        publishedReasons = reasons;
        publishedMode = next.ordinal();
    }

    /** Counts ticks whose outputs are bit-identical to the previous tick's while the observation changed. */
    private void trackFrozenOutput() {
        boolean observationChanged = false;
        for (int i = 0; i < observation.length; i++) {
            if (Float.floatToRawIntBits(observation[i]) != Float.floatToRawIntBits(previousObservation[i])) {
                observationChanged = true;
            }
            previousObservation[i] = observation[i];
        }
        boolean outputSame = true;
        for (int i = 0; i < action.length; i++) {
            if (Float.floatToRawIntBits(action[i]) != Float.floatToRawIntBits(previousAction[i])) {
                outputSame = false;
            }
            previousAction[i] = action[i];
        }
        if (outputSame && observationChanged) {
            unchangedOutputTicks++;
        } else if (!outputSame) {
            unchangedOutputTicks = 0;
        }
    }

    private void followVehicle() {
        targetNwuM[0] = state.positionNwuM[0];
        targetNwuM[1] = state.positionNwuM[1];
        targetNwuM[2] = state.positionNwuM[2];
        targetYawRad = lastYawRad;
        groundZNwuM = state.positionNwuM[2];
    }

    private int enter(FlightMode next, FlightMode previous, int reasons, boolean valid, int pidFlags) {
        transitions++;
        int flags = pidFlags;
        if (previous == FlightMode.SNN && (reasons & Reasons.OPERATOR_COMMAND) == 0) {
            fallbacks++;
        }
        if (previous == FlightMode.SNN) {
            // coming back needs a fresh warm-up: start it from fresh membranes
            policyNeedsReset = true;
        }
        if (previous == FlightMode.IDLE && next == FlightMode.PID) {
            groundZNwuM = state.positionNwuM[2];
            targetNwuM[2] = groundZNwuM + config.takeoffHeightM();
            pid.reset();
            policyNeedsReset = true;
            flags = pid.compute(state, targetNwuM, targetYawRad, pidSetpoint);
        } else if (previous == FlightMode.SNN && next == FlightMode.PID && valid) {
            // hold where the hand-over happened: the SNN's last target error is not the PID's to correct
            targetNwuM[0] = state.positionNwuM[0];
            targetNwuM[1] = state.positionNwuM[1];
            targetNwuM[2] = state.positionNwuM[2];
            targetYawRad = lastYawRad;
            pid.retarget(state, targetNwuM);
        } else if (next == FlightMode.LAND) {
            landing.start(valid ? state.positionNwuM : targetNwuM, groundZNwuM,
                    valid && (reasons & Reasons.STATE_UNTRUSTED) == 0);
            if (valid) {
                pid.retarget(state, landing.targetNwuM());
            }
        }
        return flags;
    }

    private AttitudeSetpoint choose(FlightMode next, int reasons, boolean valid, boolean cleanOutput) {
        switch (next) {
            case PID:
                return pidSetpoint;
            case SNN:
                // track only clean outputs: a fault must not be handed over to the PID with the control
                if (cleanOutput) {
                    pid.trackActive(snnSetpoint);
                }
                return snnSetpoint;
            case LAND:
                if (valid && (reasons & Reasons.STATE_UNTRUSTED) == 0) {
                    return pidSetpoint;
                }
                fixedSetpoint.setLevel(config.openLoopLandThrust());
                Quaternions.fromEulerZyx(0, 0, lastYawRad, fixedSetpoint.attitudeNwuFlu);
                return fixedSetpoint;
            case IDLE:
            default:
                fixedSetpoint.setLevel(0.0);
                Quaternions.fromEulerZyx(0, 0, lastYawRad, fixedSetpoint.attitudeNwuFlu);
                return fixedSetpoint;
        }
    }

    private void fillInputs(boolean received, boolean valid, double maxAbsOutput, long missedTicks,
                            OperatorCommand command) {
        SupervisorInputs in = inputs;
        in.stateReceived = received;
        in.stateTimeNs = state.timeNs;
        in.stateValid = valid;
        double[] p = state.positionNwuM;
        double[] v = state.velocityNwuMps;
        double speed = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        double ex = p[0] - targetNwuM[0];
        double ey = p[1] - targetNwuM[1];
        double ez = p[2] - targetNwuM[2];
        in.tiltRad = valid ? Quaternions.tilt(state.attitudeNwuFlu) : Double.NaN;
        in.speedMps = speed;
        in.positionErrorM = Math.sqrt(ex * ex + ey * ey + ez * ez);
        in.landed = valid && p[2] - groundZNwuM <= config.landedHeightM() && speed <= config.landedSpeedMps();
        in.policyOutputMaxAbs = maxAbsOutput;
        in.policyOutputUnchangedTicks = unchangedOutputTicks;
        in.policySaturationEvents = policy.saturationEvents();
        in.agreementThrustDiff = Math.abs(snnSetpoint.thrustNormalized - pidSetpoint.thrustNormalized);
        in.agreementTiltDiffRad = angleBetweenThrustAxes(snnSetpoint.attitudeNwuFlu, pidSetpoint.attitudeNwuFlu);
        in.missedTicks = missedTicks;
        long lastMessageNs = source.lastMessageNs();
        in.linkSeen = lastMessageNs != StateSource.NO_MESSAGE;
        in.linkLastRxNs = lastMessageNs;
        in.command = command;
        in.policyConfigMatches = policyMatchesConfig;
    }

    private void record(long nowNs, long deadlineNs, long missedTicks, long previousTickNs, OperatorCommand command,
                        TargetRequest request, int reasons, int decoderFlags, int pidFlags, AttitudeSetpoint chosen) {
        TickRecord r = ring.claim();
        r.tick = ticks;
        r.nowNs = nowNs;
        r.deadlineNs = deadlineNs;
        r.missedTicks = missedTicks;
        r.previousTickNs = previousTickNs;
        // the inputs, as read: the state holder is written only by the source, so it still holds what it returned
        r.stateTimeNs = state.timeNs;
        r.stateReceived = inputs.stateReceived;
        System.arraycopy(state.positionNwuM, 0, r.statePositionNwuM, 0, 3);
        System.arraycopy(state.velocityNwuMps, 0, r.stateVelocityNwuMps, 0, 3);
        System.arraycopy(state.attitudeNwuFlu, 0, r.stateAttitudeNwuFlu, 0, 4);
        System.arraycopy(state.bodyRateFluRadps, 0, r.stateBodyRateFluRadps, 0, 3);
        r.linkLastRxNs = inputs.linkLastRxNs;
        r.targetRequested = request != null;
        if (request != null) {
            r.requestedTargetNwuM[0] = request.xNwuM();
            r.requestedTargetNwuM[1] = request.yNwuM();
            r.requestedTargetNwuM[2] = request.zNwuM();
            r.requestedYawRad = request.yawNwuRad();
        } else {
            r.requestedTargetNwuM[0] = 0.0;
            r.requestedTargetNwuM[1] = 0.0;
            r.requestedTargetNwuM[2] = 0.0;
            r.requestedYawRad = 0.0;
        }
        r.policyMatchesConfig = policyMatchesConfig;
        r.faultInjected = policyStepped && policy.lastStepFaultInjected();
        r.mode = memory.mode.ordinal();
        r.previousMode = memory.previousMode.ordinal();
        r.transitioned = memory.transitioned;
        r.reasons = reasons;
        r.command = command.ordinal();
        r.decoderFlags = decoderFlags;
        r.pidFlags = pidFlags;
        r.saturationEvents = inputs.policySaturationEvents;
        r.handOver.copyFrom(memory.handOver);
        double[] target = memory.mode == FlightMode.LAND ? landing.targetNwuM() : targetNwuM;
        System.arraycopy(target, 0, r.targetNwuM, 0, 3);
        r.targetYawRad = targetYawRad;
        System.arraycopy(observation, 0, r.observation, 0, observation.length);
        System.arraycopy(action, 0, r.action, 0, action.length);
        r.spikeLayers = spikeLayers;
        for (int k = 0; k < spikeLayers; k++) {
            r.spikeCounts[k] = policy.lastSpikeCount(k);
        }
        activity.record(policy, policyStepped, r);
        TickRecord.store(snnSetpoint, r.snnSetpoint);
        TickRecord.store(pidSetpoint, r.pidSetpoint);
        TickRecord.store(chosen, r.sentSetpoint);
        ring.publish();
    }

    private static double maxAbs(float[] a) {
        double m = 0.0;
        for (float v : a) {
            if (!Float.isFinite(v)) {
                return Double.NaN;
            }
            double abs = Math.abs(v);
            if (abs > m) {
                m = abs;
            }
        }
        return m;
    }

    /** Angle between the body z axes of two attitudes, rad: how differently they point the thrust. */
    static double angleBetweenThrustAxes(double[] a, double[] b) {
        double ax = 2 * (a[1] * a[3] + a[0] * a[2]);
        double ay = 2 * (a[2] * a[3] - a[0] * a[1]);
        double az = 1 - 2 * (a[1] * a[1] + a[2] * a[2]);
        double bx = 2 * (b[1] * b[3] + b[0] * b[2]);
        double by = 2 * (b[2] * b[3] - b[0] * b[1]);
        double bz = 1 - 2 * (b[1] * b[1] + b[2] * b[2]);
        double dot = ax * bx + ay * by + az * bz;
        return StrictMath.acos(dot > 1.0 ? 1.0 : (dot < -1.0 ? -1.0 : dot));
    }

    /** Mode after the last tick (readable from any thread). */
    public FlightMode mode() {
        return FlightMode.ofOrdinal(publishedMode);
    }

    /** Reasons of the last tick (readable from any thread). */
    public int lastReasons() {
        return publishedReasons;
    }

    /** Hand-overs from the SNN to the PID or to landing caused by a fault (not by the operator). */
    public long fallbacks() {
        return fallbacks;
    }

    /** Mode changes so far. */
    public long transitions() {
        return transitions;
    }

    /** Ticks run (loop thread). */
    public long ticks() {
        return ticks;
    }

    /** The setpoint sent by the last tick (loop thread; the instance is reused). */
    public AttitudeSetpoint lastSent() {
        return lastSent;
    }

    /** The current hover target, NWU m (loop thread; live array). */
    public double[] targetNwuM() {
        return targetNwuM;
    }

    /** The supervisor's memory (loop thread). */
    public SupervisorMemory supervisorMemory() {
        return memory;
    }

    /** The hover thrust measured in the PID hover after take-off (results readable from any thread). */
    public HoverThrustEstimator hoverThrust() {
        return hoverThrust;
    }

    /** The PID (loop thread). */
    public PositionPid pid() {
        return pid;
    }

    /** The configuration. */
    public FlightConfig config() {
        return config;
    }

    /** The operator inbox. */
    public OperatorInbox inbox() {
        return inbox;
    }

    /** The tick ring. */
    public TickRing ring() {
        return ring;
    }

    /** Whether the policy may ever fly (metadata and shape match the configuration). */
    public boolean policyMatchesConfig() {
        return policyMatchesConfig;
    }
}
