package io.spikepilot.controller.supervisor;

/**
 * Everything the supervisor looks at in one tick, filled in place by the loop (one preallocated instance). Plain
 * fields, so a log row or a test table can set them directly.
 */
public final class SupervisorInputs {
    /** Whether any state estimate has arrived yet. */
    public boolean stateReceived;
    /** Time of validity of the latest state estimate, ns. */
    public long stateTimeNs;
    /** The latest state is finite with a unit quaternion. */
    public boolean stateValid;
    /** Tilt of the latest state, rad. */
    public double tiltRad;
    /** Speed of the latest state, m/s. */
    public double speedMps;
    /** Distance between the latest position and the target, m. */
    public double positionErrorM;
    /** The vehicle is on the ground. */
    public boolean landed;
    /** Largest |policy output| this tick; NaN or ∞ when any output was not finite. */
    public double policyOutputMaxAbs;
    /** Consecutive ticks the policy outputs stayed bit-identical while the observation changed. */
    public int policyOutputUnchangedTicks;
    /** Cumulative fixed-point saturation events reported by the policy. */
    public long policySaturationEvents;
    /** |SNN thrust − PID thrust| this tick, normalized thrust. */
    public double agreementThrustDiff;
    /** Angle between the SNN's and the PID's thrust directions this tick, rad. */
    public double agreementTiltDiffRad;
    /** Ticks the loop skipped just before this one (0 when on time). */
    public long missedTicks;
    /** Whether any autopilot message has arrived yet. */
    public boolean linkSeen;
    /** Arrival time of the latest autopilot message, ns. */
    public long linkLastRxNs;
    /** The operator's request this tick. */
    public OperatorCommand command = OperatorCommand.NONE;
    /** The policy's metadata matches the flight configuration. */
    public boolean policyConfigMatches = true;

    /** Copies every field of {@code other}. */
    public void copyFrom(SupervisorInputs other) {
        stateReceived = other.stateReceived;
        stateTimeNs = other.stateTimeNs;
        stateValid = other.stateValid;
        tiltRad = other.tiltRad;
        speedMps = other.speedMps;
        positionErrorM = other.positionErrorM;
        landed = other.landed;
        policyOutputMaxAbs = other.policyOutputMaxAbs;
        policyOutputUnchangedTicks = other.policyOutputUnchangedTicks;
        policySaturationEvents = other.policySaturationEvents;
        agreementThrustDiff = other.agreementThrustDiff;
        agreementTiltDiffRad = other.agreementTiltDiffRad;
        missedTicks = other.missedTicks;
        linkSeen = other.linkSeen;
        linkLastRxNs = other.linkLastRxNs;
        command = other.command;
        policyConfigMatches = other.policyConfigMatches;
    }
}
