package io.spikepilot.controller.supervisor;

import java.util.Locale;

/**
 * Why the SNN does or does not take over, as computed by {@link Supervisor#decide} every tick: the first blocking
 * gate and the numbers behind every gate, as primitives, so the tick fills it in place and a reader off the tick
 * thread (the flight log, a ground command's ack, the flight summary) can say what holds the hand-over and by how
 * much. Filled whether or not the SNN was asked for, so an answer to a request can be given before the tick that
 * takes it.
 *
 * <p>{@link #describe} formats for people and allocates: never call it on the tick thread.
 */
public final class HandOverStatus {
    /** The first gate that blocks the hand-over, or {@link HandOverBlock#READY} / {@link HandOverBlock#ENGAGED}. */
    public HandOverBlock block = HandOverBlock.NOT_IN_PID;
    /** Mode after the decision. */
    public FlightMode mode = FlightMode.IDLE;
    /** The operator has asked for the SNN and the request stands (the supervisor's latch). */
    public boolean requested;
    /** The reason bits behind {@link #block} (state, link, overrun, policy-output or envelope bits); 0 otherwise. */
    public int blockingReasons;
    /** Healthy shadow ticks of the warm-up so far. */
    public int warmupTicks;
    /** Consecutive ticks the SNN has agreed with the PID. */
    public int agreementTicks;
    /** |SNN thrust − PID thrust| this tick, normalized thrust. */
    public double thrustDiff;
    /** Angle between the SNN's and the PID's thrust directions this tick, rad. */
    public double tiltDiffRad;
    /** The vehicle's tilt, rad (NaN without a valid state). */
    public double tiltRad;
    /** The vehicle's speed, m/s. */
    public double speedMps;
    /** Distance from the target, m. */
    public double positionErrorM;
    /** Age of the latest state estimate at the tick, ns; −1 when none has arrived. */
    public long stateAgeNs;
    /** Ticks the loop skipped just before this one. */
    public long missedTicks;

    /** Copies every field of {@code other} (for a reader that keeps the latest one). */
    public void copyFrom(HandOverStatus other) {
        block = other.block;
        mode = other.mode;
        requested = other.requested;
        blockingReasons = other.blockingReasons;
        warmupTicks = other.warmupTicks;
        agreementTicks = other.agreementTicks;
        thrustDiff = other.thrustDiff;
        tiltDiffRad = other.tiltDiffRad;
        tiltRad = other.tiltRad;
        speedMps = other.speedMps;
        positionErrorM = other.positionErrorM;
        stateAgeNs = other.stateAgeNs;
        missedTicks = other.missedTicks;
    }

    /** Whether the SNN cannot take over at the next tick (neither ready nor flying). */
    public boolean blocked() {
        return block != HandOverBlock.READY && block != HandOverBlock.ENGAGED;
    }

    /**
     * The block and its numbers against the configured limits, named by their {@code flight.yaml} keys, e.g.
     * {@code agreement with the PID: thrust differs by 0.120 (supervisor.agreement_thrust 0.050), ...}.
     */
    public String describe(SupervisorConfig config) {
        return switch (block) {
            case READY -> "nothing blocks: warmed up (" + warmup(config) + ") and " + agreedTicks(config);
            case ENGAGED -> "the SNN flies";
            case NOT_IN_PID -> "the hand-over starts only from PID flight, found mode " + mode;
            case POLICY_MISMATCH -> "the policy does not match the flight configuration (layout, action space, rate "
                    + "or airframe; see the pre-flight log): it may never fly";
            case STATE -> "state estimate " + Reasons.describe(blockingReasons) + ": " + stateAge(config);
            case LINK -> "no message from the autopilot within supervisor.link_timeout_ms "
                    + config.linkTimeoutNs() / 1_000_000L;
            case LOOP_OVERRUN -> String.format(Locale.ROOT, "the loop skipped %d ticks before this one "
                    + "(supervisor.max_missed_ticks %d)", missedTicks, config.maxMissedTicks());
            case POLICY_OUTPUT -> "policy output " + Reasons.describe(blockingReasons)
                    + "; the warm-up restarts after it";
            case ENVELOPE -> "outside the envelope: " + envelope(config);
            case WARMUP -> "warm-up " + warmup(config) + "; " + agreement(config);
            case AGREEMENT -> agreement(config);
        };
    }

    private String warmup(SupervisorConfig config) {
        return warmupTicks + "/" + config.warmupTicks() + " ticks (supervisor.warmup_ticks)";
    }

    private String agreedTicks(SupervisorConfig config) {
        return "agreeing with the PID for " + agreementTicks + "/" + config.agreementTicks()
                + " ticks (supervisor.agreement_ticks)";
    }

    private String agreement(SupervisorConfig config) {
        boolean thrustOk = thrustDiff <= config.agreementThrust();
        boolean tiltOk = tiltDiffRad <= config.agreementTiltRad();
        String verdict = thrustOk && tiltOk ? "agrees now" : "disagrees";
        return String.format(Locale.ROOT, "agreement with the PID: %s, thrust differs by %.3f %s "
                        + "supervisor.agreement_thrust %.3f, tilt by %.1f deg %s supervisor.agreement_tilt_deg %.1f; %s",
                verdict, thrustDiff, thrustOk ? "within" : "beyond", config.agreementThrust(),
                Math.toDegrees(tiltDiffRad), tiltOk ? "within" : "beyond", Math.toDegrees(config.agreementTiltRad()),
                agreedTicks(config));
    }

    private String stateAge(SupervisorConfig config) {
        long limitMs = config.periodNs() * config.staleStatePeriods() / 1_000_000L;
        if (stateAgeNs < 0) {
            return "no state estimate has arrived";
        }
        return String.format(Locale.ROOT, "latest %.0f ms old (stale beyond %d ms: supervisor.stale_state_periods %d)",
                stateAgeNs / 1e6, limitMs, config.staleStatePeriods());
    }

    private String envelope(SupervisorConfig config) {
        StringBuilder sb = new StringBuilder();
        if ((blockingReasons & Reasons.TILT_ENVELOPE) != 0) {
            sb.append(String.format(Locale.ROOT, "tilt %.1f deg (supervisor.max_tilt_deg %.1f)",
                    Math.toDegrees(tiltRad), Math.toDegrees(config.maxTiltRad())));
        }
        if ((blockingReasons & Reasons.SPEED_ENVELOPE) != 0) {
            sb.append(sb.length() > 0 ? ", " : "").append(String.format(Locale.ROOT,
                    "speed %.2f m/s (supervisor.max_speed_mps %.2f)", speedMps, config.maxSpeedMps()));
        }
        if ((blockingReasons & Reasons.POSITION_ENVELOPE) != 0) {
            sb.append(sb.length() > 0 ? ", " : "").append(String.format(Locale.ROOT,
                    "%.2f m from the target (supervisor.max_position_error_m %.2f)", positionErrorM,
                    config.maxPositionErrorM()));
        }
        return sb.toString();
    }
}
