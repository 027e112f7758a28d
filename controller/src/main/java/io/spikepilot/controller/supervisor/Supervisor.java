package io.spikepilot.controller.supervisor;

/**
 * The mode machine {@code IDLE → PID → SNN → PID → LAND → IDLE} as one decision per tick.
 *
 * <ul>
 *   <li>IDLE → PID on {@link OperatorCommand#TAKEOFF}, unless a take-off blocker holds (no fresh valid state, no
 *       link); the blockers are in the reasons of the refused tick.</li>
 *   <li>PID → SNN when the operator has asked for it, the SNN has stepped in shadow for the warm-up without a fault,
 *       has agreed with the PID for the agreement ticks, and no SNN fault holds this tick.</li>
 *   <li>SNN → PID in the same tick as any SNN fault (or {@link OperatorCommand#RELEASE_SNN}); the request and the
 *       warm-up are cleared, so returning needs a new warm-up and a new command.</li>
 *   <li>PID or SNN → LAND on {@link OperatorCommand#LAND}, state loss or link loss.</li>
 *   <li>LAND → IDLE once landed.</li>
 * </ul>
 *
 * <p>Every decision also says what keeps the SNN out ({@link SupervisorMemory#handOver}), so a request that does not
 * turn into a hand-over can be explained to the operator.
 *
 * <p>Stateless apart from its configuration: what persists between ticks lives in the {@link SupervisorMemory}
 * passed in. {@link #decide} allocates nothing, never throws and never reads a clock.
 */
public final class Supervisor {
    /** The reason bits each {@link HandOverBlock} stands for, where it stands for several. */
    private static final int POLICY_OUTPUT_BITS = Reasons.POLICY_NON_FINITE | Reasons.POLICY_SATURATED
            | Reasons.POLICY_FROZEN | Reasons.FIXED_POINT_SATURATION;
    private static final int ENVELOPE_BITS = Reasons.TILT_ENVELOPE | Reasons.SPEED_ENVELOPE
            | Reasons.POSITION_ENVELOPE;

    private final SupervisorConfig config;
    private final long staleLimitNs;

    /** @param config validated thresholds */
    public Supervisor(SupervisorConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("supervisor: config expected, found null");
        }
        this.config = config;
        this.staleLimitNs = config.periodNs() * config.staleStatePeriods();
    }

    /** The thresholds. */
    public SupervisorConfig config() {
        return config;
    }

    /**
     * Decides the mode for the tick at {@code nowNs}. Updates {@code memory} (mode, previous mode, transition flag,
     * counters) and returns the reasons: every condition that held this tick, plus {@link Reasons#OPERATOR_COMMAND}
     * when a command caused the transition and {@link Reasons#SNN_READY} when the SNN could take over.
     */
    public int decide(long nowNs, SupervisorInputs in, SupervisorMemory memory) {
        int conditions = conditions(nowNs, in, memory);
        OperatorCommand command = in.command == null ? OperatorCommand.NONE : in.command;
        if (command == OperatorCommand.ENGAGE_SNN && memory.mode == FlightMode.PID) {
            memory.snnRequested = true;
        } else if (command == OperatorCommand.RELEASE_SNN) {
            memory.snnRequested = false;
        }

        FlightMode next = memory.mode;
        int extra = Reasons.NONE;
        switch (memory.mode) {
            case IDLE -> {
                if (command == OperatorCommand.TAKEOFF && (conditions & Reasons.TAKEOFF_BLOCKERS) == 0) {
                    next = FlightMode.PID;
                    extra |= Reasons.OPERATOR_COMMAND;
                }
            }
            case PID -> {
                if (command == OperatorCommand.LAND) {
                    next = FlightMode.LAND;
                    extra |= Reasons.OPERATOR_COMMAND;
                } else if ((conditions & Reasons.LAND_FAULTS) != 0) {
                    next = FlightMode.LAND;
                } else {
                    countWarmup(conditions, in, memory);
                    if (snnReady(memory) && (conditions & Reasons.SNN_FAULTS) == 0) {
                        extra |= Reasons.SNN_READY;
                        if (memory.snnRequested) {
                            next = FlightMode.SNN;
                            extra |= Reasons.OPERATOR_COMMAND;
                        }
                    }
                }
            }
            case SNN -> {
                if (command == OperatorCommand.LAND) {
                    next = FlightMode.LAND;
                    extra |= Reasons.OPERATOR_COMMAND;
                } else if ((conditions & Reasons.LAND_FAULTS) != 0) {
                    next = FlightMode.LAND;
                } else if ((conditions & Reasons.SNN_FAULTS) != 0) {
                    next = FlightMode.PID;
                } else if (command == OperatorCommand.RELEASE_SNN) {
                    next = FlightMode.PID;
                    extra |= Reasons.OPERATOR_COMMAND;
                }
            }
            case LAND -> {
                if (in.landed) {
                    next = FlightMode.IDLE;
                }
            }
        }

        if (next != memory.mode && next != FlightMode.SNN) {
            // leaving SNN, entering PID from IDLE, landing: the SNN must warm up again and be asked again
            memory.snnRequested = false;
            memory.warmupTicks = 0;
            memory.agreementTicks = 0;
        }
        memory.previousMode = memory.mode;
        memory.transitioned = next != memory.mode;
        memory.mode = next;
        memory.reasons = conditions | extra;
        explainHandOver(nowNs, in, memory, conditions);
        return memory.reasons;
    }

    /**
     * Fills {@link SupervisorMemory#handOver} after the decision: the first gate that keeps the SNN from flying, in
     * the order an operator has to clear them (a policy that may never fly, then the state and link it flies on, the
     * loop, the policy's own output, the envelope, and only then the warm-up and the agreement that need time). A
     * request that never turns into a hand-over can then be explained, with numbers, off the tick thread.
     */
    private void explainHandOver(long nowNs, SupervisorInputs in, SupervisorMemory memory, int conditions) {
        HandOverStatus s = memory.handOver;
        FlightMode mode = memory.mode;
        s.mode = mode;
        s.requested = memory.snnRequested;
        s.warmupTicks = memory.warmupTicks;
        s.agreementTicks = memory.agreementTicks;
        s.thrustDiff = in.agreementThrustDiff;
        s.tiltDiffRad = in.agreementTiltDiffRad;
        s.tiltRad = in.tiltRad;
        s.speedMps = in.speedMps;
        s.positionErrorM = in.positionErrorM;
        s.stateAgeNs = in.stateReceived ? nowNs - in.stateTimeNs : -1;
        s.missedTicks = in.missedTicks;
        int bits = Reasons.NONE;
        HandOverBlock block;
        if (mode == FlightMode.SNN) {
            block = HandOverBlock.ENGAGED;
        } else if (mode != FlightMode.PID) {
            block = HandOverBlock.NOT_IN_PID;
        } else if ((conditions & Reasons.POLICY_CONFIG_MISMATCH) != 0) {
            block = HandOverBlock.POLICY_MISMATCH;
        } else if ((conditions & Reasons.STATE_UNTRUSTED) != 0) {
            block = HandOverBlock.STATE;
            bits = conditions & Reasons.STATE_UNTRUSTED;
        } else if ((conditions & Reasons.LINK_LOST) != 0) {
            block = HandOverBlock.LINK;
        } else if ((conditions & Reasons.LOOP_OVERRUN) != 0) {
            block = HandOverBlock.LOOP_OVERRUN;
        } else if ((conditions & POLICY_OUTPUT_BITS) != 0) {
            block = HandOverBlock.POLICY_OUTPUT;
            bits = conditions & POLICY_OUTPUT_BITS;
        } else if ((conditions & ENVELOPE_BITS) != 0) {
            block = HandOverBlock.ENVELOPE;
            bits = conditions & ENVELOPE_BITS;
        } else if (memory.warmupTicks < config.warmupTicks()) {
            block = HandOverBlock.WARMUP;
        } else if (memory.agreementTicks < config.agreementTicks()) {
            block = HandOverBlock.AGREEMENT;
        } else {
            block = HandOverBlock.READY;
        }
        s.block = block;
        s.blockingReasons = bits;
    }

    private int conditions(long nowNs, SupervisorInputs in, SupervisorMemory memory) {
        int c = Reasons.NONE;
        boolean stale = !stateFresh(nowNs, in.stateReceived, in.stateTimeNs);
        if (stale) {
            c |= Reasons.STATE_STALE;
        }
        if (in.stateReceived && !in.stateValid) {
            c |= Reasons.STATE_INVALID;
        }
        boolean good = !stale && in.stateValid;
        if (good) {
            memory.lastGoodStateNs = nowNs;
            memory.hadGoodState = true;
            if (!(in.tiltRad <= config.maxTiltRad())) {
                c |= Reasons.TILT_ENVELOPE;
            }
            if (!(in.speedMps <= config.maxSpeedMps())) {
                c |= Reasons.SPEED_ENVELOPE;
            }
            if (!(in.positionErrorM <= config.maxPositionErrorM())) {
                c |= Reasons.POSITION_ENVELOPE;
            }
        } else if (!memory.hadGoodState || nowNs - memory.lastGoodStateNs > config.stateLossNs()) {
            c |= Reasons.STATE_LOST;
        }

        double maxAbs = in.policyOutputMaxAbs;
        if (!Double.isFinite(maxAbs)) {
            c |= Reasons.POLICY_NON_FINITE;
            memory.saturatedTicks++;
        } else if (maxAbs >= config.outputSaturationLevel()) {
            memory.saturatedTicks++;
        } else {
            memory.saturatedTicks = 0;
        }
        if (memory.saturatedTicks >= config.saturatedTicksLimit()) {
            c |= Reasons.POLICY_SATURATED;
        }
        if (config.frozenOutputTicks() > 0 && in.policyOutputUnchangedTicks >= config.frozenOutputTicks()) {
            c |= Reasons.POLICY_FROZEN;
        }
        if (memory.lastSaturationEvents >= 0
                && in.policySaturationEvents - memory.lastSaturationEvents > config.maxSaturationEventsPerTick()) {
            c |= Reasons.FIXED_POINT_SATURATION;
        }
        memory.lastSaturationEvents = in.policySaturationEvents;

        if (in.missedTicks > config.maxMissedTicks()) {
            c |= Reasons.LOOP_OVERRUN;
        }
        if (!in.linkSeen || nowNs - in.linkLastRxNs > config.linkTimeoutNs()) {
            c |= Reasons.LINK_LOST;
        }
        if (!in.policyConfigMatches) {
            c |= Reasons.POLICY_CONFIG_MISMATCH;
        }
        if (in.landed) {
            c |= Reasons.LANDED;
        }
        return c;
    }

    /**
     * Whether a state estimate stamped {@code stateTimeNs} is fresh at {@code nowNs}: the rule behind
     * {@link Reasons#STATE_STALE}, for code that must know it before the tick's decision.
     */
    public boolean stateFresh(long nowNs, boolean received, long stateTimeNs) {
        return received && nowNs - stateTimeNs <= staleLimitNs;
    }

    private void countWarmup(int conditions, SupervisorInputs in, SupervisorMemory memory) {
        if ((conditions & Reasons.SNN_FAULTS) != 0) {
            memory.warmupTicks = 0;
            memory.agreementTicks = 0;
            return;
        }
        if (memory.warmupTicks < Integer.MAX_VALUE) {
            memory.warmupTicks++;
        }
        boolean agrees = in.agreementThrustDiff <= config.agreementThrust()
                && in.agreementTiltDiffRad <= config.agreementTiltRad();
        if (agrees) {
            if (memory.agreementTicks < Integer.MAX_VALUE) {
                memory.agreementTicks++;
            }
        } else {
            memory.agreementTicks = 0;
        }
    }

    private boolean snnReady(SupervisorMemory memory) {
        return memory.warmupTicks >= config.warmupTicks() && memory.agreementTicks >= config.agreementTicks();
    }
}
