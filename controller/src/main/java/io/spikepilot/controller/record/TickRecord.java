package io.spikepilot.controller.record;

import io.spikepilot.controller.observation.ObservationBuilder;
import io.spikepilot.controller.state.AttitudeSetpoint;
import io.spikepilot.controller.supervisor.HandOverStatus;

/**
 * Everything one control tick saw, decided and sent, as a flat struct of primitives (the schema of PX4's
 * NeuralControl log plus the supervisor's view). Preallocated in the ring's slots and overwritten in place.
 *
 * <p>The fields marked "Input" together with the tick timing ({@link #nowNs}, {@link #deadlineNs},
 * {@link #missedTicks}, {@link #previousTickNs}), {@link #stateTimeNs} and {@link #command} are everything
 * {@code FlightController.tick} reads from outside itself: replaying them through a controller built from the same
 * policy and configuration reproduces every other field bit for bit.
 */
public final class TickRecord {
    /** Hidden layers whose spike counts a record can hold. */
    public static final int MAX_SPIKE_LAYERS = 4;
    /** Setpoint layout in the {@code *Setpoint} arrays: thrust, q (w, x, y, z) NWU←FLU, yaw-rate feed-forward. */
    public static final int SETPOINT_SIZE = 6;

    /** Tick number since the controller started, from 0. */
    public long tick;
    /** Time the tick ran at, ns. */
    public long nowNs;
    /** The deadline the tick was scheduled for, ns (equals {@link #nowNs} in lockstep). */
    public long deadlineNs;
    /** Ticks skipped just before this one. */
    public long missedTicks;
    /** Duration of the previous tick as measured by the runner, ns (0 in lockstep). */
    public long previousTickNs;
    /** Time of validity of the state used, ns. */
    public long stateTimeNs;
    /** Input: whether the state source returned an estimate this tick. */
    public boolean stateReceived;
    /** Input: the state the loop read this tick (whatever the source left in it), position NWU, m. */
    public final double[] statePositionNwuM = new double[3];
    /** Input: state velocity NWU, m/s. */
    public final double[] stateVelocityNwuMps = new double[3];
    /** Input: state attitude quaternion (w, x, y, z) NWU←FLU. */
    public final double[] stateAttitudeNwuFlu = new double[4];
    /** Input: state body rate FLU, rad/s. */
    public final double[] stateBodyRateFluRadps = new double[3];
    /** Input: arrival time of the latest autopilot message, ns ({@code StateSource.NO_MESSAGE} before any). */
    public long linkLastRxNs;
    /** Input: an operator target request was taken this tick (it is ignored while IDLE, but still an input). */
    public boolean targetRequested;
    /** Input: the requested target, NWU, m (meaningful when {@link #targetRequested}). */
    public final double[] requestedTargetNwuM = new double[3];
    /** Input: the requested yaw, rad (meaningful when {@link #targetRequested}). */
    public double requestedYawRad;
    /** Input: the controller was built with a policy whose metadata matched the configuration. */
    public boolean policyMatchesConfig;
    /**
     * Input: this tick's policy output was deliberately corrupted by fault injection (the demo's NaN, see
     * {@code FaultInjectingPolicy}); false on ticks the policy did not step. A replay re-applies it.
     */
    public boolean faultInjected;
    /** Mode after the supervisor's decision, as {@code FlightMode.ordinal()}. */
    public int mode;
    /** Mode before the decision. */
    public int previousMode;
    /** The decision changed the mode: this row is a transition event. */
    public boolean transitioned;
    /** Supervisor reason bits. */
    public int reasons;
    /** Operator command received this tick, as {@code OperatorCommand.ordinal()}. */
    public int command;
    /** Action-decoder flags of the policy output. */
    public int decoderFlags;
    /** Limit flags of the PID. */
    public int pidFlags;
    /** Cumulative fixed-point saturation events of the policy. */
    public long saturationEvents;
    /**
     * What keeps the SNN out after this tick's decision, with its numbers (the supervisor's
     * {@code SupervisorMemory.handOver}); the flight log explains a pending request from it off the tick thread.
     */
    public final HandOverStatus handOver = new HandOverStatus();
    /** Target position, NWU, m. */
    public final double[] targetNwuM = new double[3];
    /** Target yaw, rad. */
    public double targetYawRad;
    /** Observation given to the policy. */
    public final float[] observation = new float[ObservationBuilder.SIZE];
    /** Hidden spiking layers of the policy (0 for a non-spiking policy), at most {@link #MAX_SPIKE_LAYERS}. */
    public int spikeLayers;
    /** Spikes per hidden layer in this tick's policy step. */
    public final int[] spikeCounts = new int[MAX_SPIKE_LAYERS];
    /** The policy stepped this tick, so {@link #spikeBits} and {@link #watchedMembrane} are this tick's. */
    public boolean activityRecorded;
    /**
     * Which neurons spiked this tick, per hidden layer {@code k} the words {@code [k·W, (k+1)·W)} with
     * {@code W = NetworkActivityLayout.WORDS_PER_LAYER}; bit {@code i % 64} of word {@code i / 64} is neuron i.
     */
    public final long[] spikeBits = new long[MAX_SPIKE_LAYERS * NetworkActivityLayout.WORDS_PER_LAYER];
    /** Membranes of the watched neurons ({@link NetworkActivityLayout#watchedNeuron}), the float network's units. */
    public final float[] watchedMembrane = new float[NetworkActivityLayout.MAX_WATCHED];
    /** Raw policy outputs. */
    public final float[] action = new float[ObservationBuilder.ACTION_SIZE];
    /** The SNN's decoded setpoint. */
    public final double[] snnSetpoint = new double[SETPOINT_SIZE];
    /** The PID's setpoint. */
    public final double[] pidSetpoint = new double[SETPOINT_SIZE];
    /** The setpoint actually sent. */
    public final double[] sentSetpoint = new double[SETPOINT_SIZE];

    /** Writes {@code setpoint} into one of the {@code *Setpoint} arrays. */
    public static void store(AttitudeSetpoint setpoint, double[] into) {
        into[0] = setpoint.thrustNormalized;
        into[1] = setpoint.attitudeNwuFlu[0];
        into[2] = setpoint.attitudeNwuFlu[1];
        into[3] = setpoint.attitudeNwuFlu[2];
        into[4] = setpoint.attitudeNwuFlu[3];
        into[5] = setpoint.bodyRateFluRadps[2];
    }

    /** Copies every field of {@code other}. */
    public void copyFrom(TickRecord other) {
        tick = other.tick;
        nowNs = other.nowNs;
        deadlineNs = other.deadlineNs;
        missedTicks = other.missedTicks;
        previousTickNs = other.previousTickNs;
        stateTimeNs = other.stateTimeNs;
        stateReceived = other.stateReceived;
        System.arraycopy(other.statePositionNwuM, 0, statePositionNwuM, 0, 3);
        System.arraycopy(other.stateVelocityNwuMps, 0, stateVelocityNwuMps, 0, 3);
        System.arraycopy(other.stateAttitudeNwuFlu, 0, stateAttitudeNwuFlu, 0, 4);
        System.arraycopy(other.stateBodyRateFluRadps, 0, stateBodyRateFluRadps, 0, 3);
        linkLastRxNs = other.linkLastRxNs;
        targetRequested = other.targetRequested;
        System.arraycopy(other.requestedTargetNwuM, 0, requestedTargetNwuM, 0, 3);
        requestedYawRad = other.requestedYawRad;
        policyMatchesConfig = other.policyMatchesConfig;
        faultInjected = other.faultInjected;
        mode = other.mode;
        previousMode = other.previousMode;
        transitioned = other.transitioned;
        reasons = other.reasons;
        command = other.command;
        decoderFlags = other.decoderFlags;
        pidFlags = other.pidFlags;
        saturationEvents = other.saturationEvents;
        handOver.copyFrom(other.handOver);
        System.arraycopy(other.targetNwuM, 0, targetNwuM, 0, 3);
        targetYawRad = other.targetYawRad;
        System.arraycopy(other.observation, 0, observation, 0, observation.length);
        spikeLayers = other.spikeLayers;
        System.arraycopy(other.spikeCounts, 0, spikeCounts, 0, MAX_SPIKE_LAYERS);
        activityRecorded = other.activityRecorded;
        System.arraycopy(other.spikeBits, 0, spikeBits, 0, spikeBits.length);
        System.arraycopy(other.watchedMembrane, 0, watchedMembrane, 0, watchedMembrane.length);
        System.arraycopy(other.action, 0, action, 0, action.length);
        System.arraycopy(other.snnSetpoint, 0, snnSetpoint, 0, SETPOINT_SIZE);
        System.arraycopy(other.pidSetpoint, 0, pidSetpoint, 0, SETPOINT_SIZE);
        System.arraycopy(other.sentSetpoint, 0, sentSetpoint, 0, SETPOINT_SIZE);
    }
}
