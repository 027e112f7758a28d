package io.spikepilot.controller.supervisor;

import io.spikepilot.controller.testing.AllocationMeter;
import static io.spikepilot.controller.supervisor.FlightMode.IDLE;
import static io.spikepilot.controller.supervisor.FlightMode.LAND;
import static io.spikepilot.controller.supervisor.FlightMode.PID;
import static io.spikepilot.controller.supervisor.FlightMode.SNN;
import static io.spikepilot.controller.supervisor.Reasons.FIXED_POINT_SATURATION;
import static io.spikepilot.controller.supervisor.Reasons.LANDED;
import static io.spikepilot.controller.supervisor.Reasons.LINK_LOST;
import static io.spikepilot.controller.supervisor.Reasons.LOOP_OVERRUN;
import static io.spikepilot.controller.supervisor.Reasons.NONE;
import static io.spikepilot.controller.supervisor.Reasons.OPERATOR_COMMAND;
import static io.spikepilot.controller.supervisor.Reasons.POLICY_CONFIG_MISMATCH;
import static io.spikepilot.controller.supervisor.Reasons.POLICY_NON_FINITE;
import static io.spikepilot.controller.supervisor.Reasons.POLICY_SATURATED;
import static io.spikepilot.controller.supervisor.Reasons.POSITION_ENVELOPE;
import static io.spikepilot.controller.supervisor.Reasons.SNN_READY;
import static io.spikepilot.controller.supervisor.Reasons.SPEED_ENVELOPE;
import static io.spikepilot.controller.supervisor.Reasons.STATE_INVALID;
import static io.spikepilot.controller.supervisor.Reasons.STATE_LOST;
import static io.spikepilot.controller.supervisor.Reasons.STATE_STALE;
import static io.spikepilot.controller.supervisor.Reasons.TILT_ENVELOPE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SupervisorTest {
    private static final long MS = 1_000_000L;
    private static final long NOW = 10_000 * MS;
    /**
     * 100 Hz; stale after 3 periods (30 ms); state loss 500 ms; link 1 s; K = 5 saturated ticks at |a| ≥ 0.99;
     * frozen after 50 unchanged ticks;
     * no fixed-point saturation tolerated; envelope 0.6 rad, 5 m/s, 3 m; 2 missed ticks tolerated; warm-up 50 ticks;
     * agreement 10 ticks within 0.05 thrust and 0.1 rad.
     */
    static final SupervisorConfig CONFIG = SupervisorConfig.builder(10 * MS).maxTiltRad(0.6).warmupTicks(50)
            .agreementTicks(10).agreementTiltRad(0.1).build();

    private final Supervisor supervisor = new Supervisor(CONFIG);

    static SupervisorInputs healthy() {
        SupervisorInputs in = new SupervisorInputs();
        in.stateReceived = true;
        in.stateTimeNs = NOW;
        in.stateValid = true;
        in.tiltRad = 0.1;
        in.speedMps = 0.5;
        in.positionErrorM = 0.2;
        in.policyOutputMaxAbs = 0.3;
        in.policySaturationEvents = 10;
        in.agreementThrustDiff = 0.01;
        in.agreementTiltDiffRad = 0.01;
        in.linkSeen = true;
        in.linkLastRxNs = NOW;
        return in;
    }

    /** Memory of a vehicle that has been flying in {@code mode} with good state up to the previous tick. */
    static SupervisorMemory flying(FlightMode mode) {
        SupervisorMemory m = new SupervisorMemory();
        m.mode = mode;
        m.previousMode = mode;
        m.hadGoodState = mode != IDLE;
        m.lastGoodStateNs = NOW - 10 * MS;
        m.lastSaturationEvents = 10;
        return m;
    }

    private static Arguments row(String name, FlightMode from, BiConsumer<SupervisorInputs, SupervisorMemory> setup,
                                 FlightMode expectedMode, int expectedReasons) {
        return Arguments.of(name, from, setup, expectedMode, expectedReasons);
    }

    static Stream<Arguments> table() {
        return Stream.of(
            row("idle stays idle", IDLE, (in, m) -> { }, IDLE, NONE),
            row("idle takes off with the PID", IDLE, (in, m) -> in.command = OperatorCommand.TAKEOFF,
                    PID, OPERATOR_COMMAND),
            row("take-off refused without a fresh state", IDLE, (in, m) -> {
                in.command = OperatorCommand.TAKEOFF;
                in.stateTimeNs = NOW - 40 * MS;
            }, IDLE, STATE_STALE | STATE_LOST),
            row("take-off refused without a link", IDLE, (in, m) -> {
                in.command = OperatorCommand.TAKEOFF;
                in.linkSeen = false;
            }, IDLE, LINK_LOST),
            row("take-off allowed with a mismatched policy (the PID flies)", IDLE, (in, m) -> {
                in.command = OperatorCommand.TAKEOFF;
                in.policyConfigMatches = false;
            }, PID, OPERATOR_COMMAND | POLICY_CONFIG_MISMATCH),
            row("idle ignores a request for the SNN", IDLE, (in, m) -> in.command = OperatorCommand.ENGAGE_SNN,
                    IDLE, NONE),

            row("healthy SNN keeps flying", SNN, (in, m) -> { }, SNN, NONE),
            row("state exactly 3 periods old is still fresh", SNN, (in, m) -> in.stateTimeNs = NOW - 30 * MS,
                    SNN, NONE),
            row("stale state falls back to the PID", SNN, (in, m) -> in.stateTimeNs = NOW - 31 * MS,
                    PID, STATE_STALE),
            row("NaN state falls back to the PID", SNN, (in, m) -> in.stateValid = false, PID, STATE_INVALID),
            row("non-finite policy output falls back", SNN, (in, m) -> in.policyOutputMaxAbs = Double.NaN,
                    PID, POLICY_NON_FINITE),
            row("4th saturated tick is tolerated", SNN, (in, m) -> {
                in.policyOutputMaxAbs = 1.0;
                m.saturatedTicks = 3;
            }, SNN, NONE),
            row("5th saturated tick falls back", SNN, (in, m) -> {
                in.policyOutputMaxAbs = 1.0;
                m.saturatedTicks = 4;
            }, PID, POLICY_SATURATED),
            row("outputs unchanged for 49 ticks are tolerated", SNN, (in, m) -> in.policyOutputUnchangedTicks = 49,
                    SNN, NONE),
            row("outputs frozen for 50 ticks fall back", SNN, (in, m) -> in.policyOutputUnchangedTicks = 50,
                    PID, Reasons.POLICY_FROZEN),
            row("fixed-point saturation falls back", SNN, (in, m) -> in.policySaturationEvents = 11,
                    PID, FIXED_POINT_SATURATION),
            row("tilt outside the envelope falls back", SNN, (in, m) -> in.tiltRad = 0.7, PID, TILT_ENVELOPE),
            row("speed outside the envelope falls back", SNN, (in, m) -> in.speedMps = 6, PID, SPEED_ENVELOPE),
            row("position error outside the envelope falls back", SNN, (in, m) -> in.positionErrorM = 4,
                    PID, POSITION_ENVELOPE),
            row("two missed ticks are tolerated", SNN, (in, m) -> in.missedTicks = 2, SNN, NONE),
            row("three missed ticks fall back", SNN, (in, m) -> in.missedTicks = 3, PID, LOOP_OVERRUN),
            row("policy/config mismatch falls back", SNN, (in, m) -> in.policyConfigMatches = false,
                    PID, POLICY_CONFIG_MISMATCH),
            row("operator releases the SNN", SNN, (in, m) -> in.command = OperatorCommand.RELEASE_SNN,
                    PID, OPERATOR_COMMAND),
            row("operator lands from the SNN", SNN, (in, m) -> in.command = OperatorCommand.LAND,
                    LAND, OPERATOR_COMMAND),
            row("link loss lands", SNN, (in, m) -> in.linkLastRxNs = NOW - 1001 * MS, LAND, LINK_LOST),
            row("state lost for 500 ms lands", SNN, (in, m) -> {
                in.stateTimeNs = NOW - 600 * MS;
                m.lastGoodStateNs = NOW - 501 * MS;
            }, LAND, STATE_STALE | STATE_LOST),

            row("requested, warmed up and agreeing: SNN takes over", PID, (in, m) -> {
                m.snnRequested = true;
                m.warmupTicks = 49;
                m.agreementTicks = 9;
            }, SNN, OPERATOR_COMMAND | SNN_READY),
            row("one warm-up tick short stays on the PID", PID, (in, m) -> {
                m.snnRequested = true;
                m.warmupTicks = 48;
                m.agreementTicks = 9;
            }, PID, NONE),
            row("warmed up but not requested stays on the PID, ready", PID, (in, m) -> {
                m.warmupTicks = 60;
                m.agreementTicks = 20;
            }, PID, SNN_READY),
            row("disagreement blocks the take-over", PID, (in, m) -> {
                m.snnRequested = true;
                m.warmupTicks = 60;
                m.agreementTicks = 20;
                in.agreementThrustDiff = 0.06;
            }, PID, NONE),
            row("the engage command itself takes over when ready", PID, (in, m) -> {
                m.warmupTicks = 60;
                m.agreementTicks = 20;
                in.command = OperatorCommand.ENGAGE_SNN;
            }, SNN, OPERATOR_COMMAND | SNN_READY),
            row("a fault during warm-up blocks the take-over", PID, (in, m) -> {
                m.snnRequested = true;
                m.warmupTicks = 60;
                m.agreementTicks = 20;
                in.policyOutputMaxAbs = Double.POSITIVE_INFINITY;
            }, PID, POLICY_NON_FINITE),
            row("operator lands from the PID", PID, (in, m) -> in.command = OperatorCommand.LAND,
                    LAND, OPERATOR_COMMAND),
            row("link loss lands from the PID", PID, (in, m) -> in.linkSeen = false, LAND, LINK_LOST),
            row("stale state keeps the PID flying (hold on the last estimate)", PID,
                    (in, m) -> in.stateTimeNs = NOW - 100 * MS, PID, STATE_STALE),

            row("landing continues in the air", LAND, (in, m) -> { }, LAND, NONE),
            row("landed: back to idle", LAND, (in, m) -> in.landed = true, IDLE, LANDED),
            row("land ignores take-off until landed", LAND, (in, m) -> in.command = OperatorCommand.TAKEOFF,
                    LAND, NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decisionTable(String name, FlightMode from, BiConsumer<SupervisorInputs, SupervisorMemory> setup,
                       FlightMode expectedMode, int expectedReasons) {
        SupervisorInputs in = healthy();
        SupervisorMemory m = flying(from);
        setup.accept(in, m);
        int reasons = supervisor.decide(NOW, in, m);
        assertEquals(expectedMode, m.mode, name);
        assertEquals(Reasons.describe(expectedReasons), Reasons.describe(reasons), name);
        assertEquals(from != expectedMode, m.transitioned, name);
        assertEquals(from, m.previousMode, name);
    }

    @Test
    void afterAFallbackTheSnnNeedsANewWarmupAndANewCommand() {
        SupervisorMemory m = flying(SNN);
        m.snnRequested = true;
        m.warmupTicks = 500;
        m.agreementTicks = 500;
        SupervisorInputs in = healthy();
        in.stateValid = false;
        supervisor.decide(NOW, in, m);
        assertEquals(PID, m.mode);
        assertFalse(m.snnRequested);
        assertEquals(0, m.warmupTicks);

        in.stateValid = true;
        long t = NOW;
        for (int i = 0; i < 49; i++) {
            t += 10 * MS;
            in.stateTimeNs = t;
            in.linkLastRxNs = t;
            supervisor.decide(t, in, m);
        }
        // 49 healthy ticks: one short of the warm-up even with a command
        in.command = OperatorCommand.ENGAGE_SNN;
        t += 10 * MS;
        in.stateTimeNs = t;
        in.linkLastRxNs = t;
        supervisor.decide(t, in, m);
        assertEquals(SNN, m.mode, "the 50th healthy tick completes the warm-up and the command is latched");
    }

    @Test
    void warmedUpSnnWithoutACommandNeverTakesOver() {
        SupervisorMemory m = flying(PID);
        SupervisorInputs in = healthy();
        long t = NOW;
        for (int i = 0; i < 1000; i++) {
            t += 10 * MS;
            in.stateTimeNs = t;
            in.linkLastRxNs = t;
            supervisor.decide(t, in, m);
            assertEquals(PID, m.mode);
        }
        assertTrue((m.reasons & SNN_READY) != 0);
    }

    @Test
    void saturationMustBeConsecutive() {
        SupervisorMemory m = flying(SNN);
        SupervisorInputs in = healthy();
        for (int i = 0; i < 20; i++) {
            in.policyOutputMaxAbs = (i % 4 == 3) ? 0.5 : 1.0;
            supervisor.decide(NOW, in, m);
            assertEquals(SNN, m.mode, "tick " + i);
        }
    }

    @Test
    void decideAllocatesNothing() {
        SupervisorMemory m = flying(PID);
        SupervisorInputs in = healthy();
        long bytes = AllocationMeter.bytesAllocatedBy(() -> {
            in.stateTimeNs += 10 * MS;
            in.linkLastRxNs = in.stateTimeNs;
            supervisor.decide(in.stateTimeNs, in, m);
        }, 200_000, 100_000);
        assertEquals(0, bytes);
    }

    @Test
    void reasonsDescribeThemselves() {
        assertEquals("STATE_STALE|LOOP_OVERRUN", Reasons.describe(STATE_STALE | LOOP_OVERRUN));
        assertEquals("NONE", Reasons.describe(NONE));
    }

    @Test
    void configIsValidatedWithTheFieldName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SupervisorConfig.builder(10 * MS)
                .staleStatePeriods(0).build());
        assertTrue(e.getMessage().contains("staleStatePeriods") && e.getMessage().contains("found 0"),
                e.getMessage());
    }

    @Test
    void periodOutsideFiftyToFiveHundredHertzIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SupervisorConfig.builder(1 * MS)
                .build());
        assertTrue(e.getMessage().contains("periodNs"), e.getMessage());
    }

    @Test
    void theBuilderSetsEachFieldByItsName() {
        SupervisorConfig positional = new SupervisorConfig(5 * MS, 4, 600 * MS, 1200 * MS, 6, 0.98, 40, 2, 0.7, 6.0,
                4.0, 3, 70, 20, 0.04, 0.2);
        SupervisorConfig named = SupervisorConfig.builder(5 * MS).staleStatePeriods(4).stateLossNs(600 * MS)
                .linkTimeoutNs(1200 * MS).saturatedTicksLimit(6).outputSaturationLevel(0.98).frozenOutputTicks(40)
                .maxSaturationEventsPerTick(2).maxTiltRad(0.7).maxSpeedMps(6.0).maxPositionErrorM(4.0)
                .maxMissedTicks(3).warmupTicks(70).agreementTicks(20).agreementThrust(0.04).agreementTiltRad(0.2)
                .build();
        assertEquals(positional, named);
    }
}
