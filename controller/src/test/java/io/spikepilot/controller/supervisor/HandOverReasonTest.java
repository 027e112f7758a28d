package io.spikepilot.controller.supervisor;

import static io.spikepilot.controller.supervisor.FlightMode.IDLE;
import static io.spikepilot.controller.supervisor.FlightMode.PID;
import static io.spikepilot.controller.supervisor.SupervisorTest.CONFIG;
import static io.spikepilot.controller.supervisor.SupervisorTest.flying;
import static io.spikepilot.controller.supervisor.SupervisorTest.healthy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.testing.AllocationMeter;
import org.junit.jupiter.api.Test;

/**
 * What {@link Supervisor#decide} says keeps the SNN out ({@link SupervisorMemory#handOver}): the first blocking gate
 * and its numbers. CONFIG: warm-up 50 ticks, agreement 10 ticks within 0.05 thrust and 0.1 rad, stale beyond 30 ms,
 * envelope 0.6 rad / 5 m/s / 3 m, 2 missed ticks tolerated.
 */
class HandOverReasonTest {
    private static final long MS = 1_000_000L;
    private static final long NOW = 10_000 * MS;

    private final Supervisor supervisor = new Supervisor(CONFIG);
    private final SupervisorInputs in = healthy();
    private final SupervisorMemory memory = flying(PID);
    private long nowNs = NOW;

    /** {@code n} ticks 10 ms apart with the current inputs and a fresh state and link at each. */
    private void ticks(int n) {
        for (int i = 0; i < n; i++) {
            in.stateTimeNs = nowNs;
            in.linkLastRxNs = nowNs;
            supervisor.decide(nowNs, in, memory);
            in.command = OperatorCommand.NONE;
            nowNs += 10 * MS;
        }
    }

    @Test
    void aRequestDuringTheWarmUpIsBlockedByTheWarmUpWithItsProgress() {
        in.command = OperatorCommand.ENGAGE_SNN;
        ticks(20);
        HandOverStatus s = memory.handOver;
        assertEquals(HandOverBlock.WARMUP, s.block);
        assertTrue(s.requested);
        assertEquals(20, s.warmupTicks);
        assertEquals(20, s.agreementTicks);
        assertTrue(s.describe(CONFIG).startsWith("warm-up 20/50 ticks (supervisor.warmup_ticks); agreement with the "
                + "PID: agrees now"), s.describe(CONFIG));
    }

    @Test
    void aPolicyThatDisagreesOnThrustIsBlockedByAgreementWithTheDifferenceAndTheLimit() {
        in.agreementThrustDiff = 0.12;
        in.command = OperatorCommand.ENGAGE_SNN;
        ticks(60);
        HandOverStatus s = memory.handOver;
        assertEquals(PID, memory.mode);
        assertEquals(HandOverBlock.AGREEMENT, s.block);
        assertEquals(60, s.warmupTicks);
        assertEquals(0, s.agreementTicks);
        assertEquals(0.12, s.thrustDiff);
        assertEquals("agreement with the PID: disagrees, thrust differs by 0.120 beyond supervisor.agreement_thrust "
                + "0.050, tilt by 0.6 deg within supervisor.agreement_tilt_deg 5.7; agreeing with the PID for 0/10 "
                + "ticks (supervisor.agreement_ticks)", s.describe(CONFIG));
    }

    @Test
    void aTiltDisagreementCountsAsWellAsAThrustOne() {
        in.agreementTiltDiffRad = 0.2;
        ticks(60);
        assertEquals(HandOverBlock.AGREEMENT, memory.handOver.block);
        assertTrue(memory.handOver.describe(CONFIG).contains("tilt by 11.5 deg beyond supervisor.agreement_tilt_deg "
                + "5.7"), memory.handOver.describe(CONFIG));
    }

    @Test
    void aStaleStateBlocksWithItsAgeAndRestartsTheWarmUp() {
        ticks(30);
        in.stateTimeNs = nowNs - 45 * MS;
        supervisor.decide(nowNs, in, memory);
        HandOverStatus s = memory.handOver;
        assertEquals(HandOverBlock.STATE, s.block);
        assertEquals(Reasons.STATE_STALE, s.blockingReasons);
        assertEquals(45 * MS, s.stateAgeNs);
        assertEquals(0, s.warmupTicks);
        assertEquals("state estimate STATE_STALE: latest 45 ms old (stale beyond 30 ms: "
                + "supervisor.stale_state_periods 3)", s.describe(CONFIG));
    }

    @Test
    void theEnvelopeNamesEveryLimitCrossed() {
        in.tiltRad = 0.7;
        in.positionErrorM = 4.0;
        ticks(1);
        HandOverStatus s = memory.handOver;
        assertEquals(HandOverBlock.ENVELOPE, s.block);
        assertEquals(Reasons.TILT_ENVELOPE | Reasons.POSITION_ENVELOPE, s.blockingReasons);
        assertEquals("outside the envelope: tilt 40.1 deg (supervisor.max_tilt_deg 34.4), 4.00 m from the target "
                + "(supervisor.max_position_error_m 3.00)", s.describe(CONFIG));
    }

    @Test
    void aMismatchedPolicyIsNamedBeforeEverythingElse() {
        in.policyConfigMatches = false;
        in.stateValid = false;
        ticks(1);
        assertEquals(HandOverBlock.POLICY_MISMATCH, memory.handOver.block);
    }

    @Test
    void theStateIsNamedBeforeTheEnvelopeAndTheLoop() {
        in.missedTicks = 5;
        in.stateValid = false;
        ticks(1);
        assertEquals(HandOverBlock.STATE, memory.handOver.block);
        assertEquals(Reasons.STATE_INVALID, memory.handOver.blockingReasons);
    }

    @Test
    void loopOverrunAndPolicyOutputAreNamed() {
        in.missedTicks = 3;
        ticks(1);
        assertEquals(HandOverBlock.LOOP_OVERRUN, memory.handOver.block);
        assertEquals("the loop skipped 3 ticks before this one (supervisor.max_missed_ticks 2)",
                memory.handOver.describe(CONFIG));
        in.missedTicks = 0;
        in.policyOutputMaxAbs = Double.NaN;
        ticks(1);
        assertEquals(HandOverBlock.POLICY_OUTPUT, memory.handOver.block);
        assertEquals(Reasons.POLICY_NON_FINITE, memory.handOver.blockingReasons);
    }

    @Test
    void readyWithoutARequestThenEngagedAtTheRequest() {
        ticks(50);
        assertEquals(HandOverBlock.READY, memory.handOver.block);
        assertFalse(memory.handOver.blocked());
        assertFalse(memory.handOver.requested);
        in.command = OperatorCommand.ENGAGE_SNN;
        ticks(1);
        assertEquals(FlightMode.SNN, memory.mode);
        assertEquals(HandOverBlock.ENGAGED, memory.handOver.block);
    }

    @Test
    void onTheGroundTheHandOverNeedsPidFlight() {
        SupervisorMemory idle = flying(IDLE);
        supervisor.decide(NOW, in, idle);
        assertEquals(HandOverBlock.NOT_IN_PID, idle.handOver.block);
        assertEquals("the hand-over starts only from PID flight, found mode IDLE", idle.handOver.describe(CONFIG));
    }

    @Test
    void aFallbackFromTheSnnClearsTheRequestAndNamesTheFault() {
        ticks(50);
        in.command = OperatorCommand.ENGAGE_SNN;
        ticks(1);
        in.speedMps = 6.0;
        ticks(1);
        assertEquals(PID, memory.mode);
        assertEquals(HandOverBlock.ENVELOPE, memory.handOver.block);
        assertFalse(memory.handOver.requested);
    }

    @Test
    void explainingTheDecisionAllocatesNothing() {
        in.agreementThrustDiff = 0.12;
        in.command = OperatorCommand.ENGAGE_SNN;
        long bytes = AllocationMeter.bytesAllocatedBy(() -> ticks(1), 100_000, 100_000);
        assertEquals(0, bytes);
        assertEquals(HandOverBlock.AGREEMENT, memory.handOver.block);
    }
}
