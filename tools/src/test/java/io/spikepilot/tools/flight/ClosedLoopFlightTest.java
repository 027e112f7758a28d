package io.spikepilot.tools.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.pid.PidPolicy;
import io.spikepilot.controller.pid.PositionPidGains;
import io.spikepilot.controller.loop.TargetRequest;
import io.spikepilot.controller.snn.FloatSnn;
import io.spikepilot.controller.snn.PaperInit;
import io.spikepilot.controller.snn.ResetRule;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.OperatorCommand;
import io.spikepilot.controller.supervisor.Reasons;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The flight loop against the simulated X500 (PX4-like inner loop) in lockstep at 100 Hz.
 *
 * <p>No trained network is on main yet, so the "SNN" channel is flown by {@link PidPolicy} (the guide behind the
 * policy interface: observation builder → policy → action decoder, the same path a network takes) and, to show the
 * agreement gate, by an untrained paper-initialised LIF network, which must never be handed control.
 *
 * <p>Documented envelope for every injected fault, from a hover at 1 m: the vehicle stays within 0.5 m of the hover
 * point and below 35° of tilt for 3 s after the injection (link loss: within 0.5 m horizontally, level, descending
 * slower than 1.5 m/s), and the first tick whose supervisor reasons hold the fault already sends a non-SNN setpoint.
 */
class ClosedLoopFlightTest {
    private static PidPolicy pidPolicy(SimulatorRig rig) {
        return new PidPolicy(PositionPidGains.px4Defaults(), rig.limits, rig.config.periodS(), 0.0);
    }

    private static SimulatorRig rigWith(FaultyPolicy[] holder) {
        SimulatorRig probe = new SimulatorRig(new PidPolicy(PositionPidGains.px4Defaults(),
                new io.spikepilot.controller.action.AttitudeLimits(0.5, 0.1, 0.95, 0.5, 1.5), 0.01, 0.0));
        FaultyPolicy faulty = new FaultyPolicy(pidPolicy(probe));
        holder[0] = faulty;
        return new SimulatorRig(faulty);
    }

    @Test
    void pidTakesOffAndHoldsOneMetre() {
        SimulatorRig rig = new SimulatorRig(new PidPolicy(PositionPidGains.px4Defaults(),
                new io.spikepilot.controller.action.AttitudeLimits(0.5, 0.1, 0.95, 0.5, 1.5), 0.01, 0.0));
        rig.takeOff();
        rig.ticks(800);
        assertEquals(FlightMode.PID, rig.controller.mode());
        assertTrue(rig.distanceTo(0, 0, 1.0) < 0.05, "8 s after take-off: " + rig.truth);
        assertTrue(rig.maxTiltRad < Math.toRadians(5), "a vertical climb stays level: " + rig.maxTiltRad);
    }

    @Test
    void pidStepResponseOfOneMetreSettlesWithLittleOvershoot() {
        SimulatorRig rig = new SimulatorRig(new PidPolicy(PositionPidGains.px4Defaults(),
                new io.spikepilot.controller.action.AttitudeLimits(0.5, 0.1, 0.95, 0.5, 1.5), 0.01, 0.0));
        rig.takeOff();
        rig.ticks(600);
        rig.inbox.submitTarget(new TargetRequest(1.0, 0.0, 1.0, 0.0));
        double peakX = 0;
        int reachedTick = -1;
        for (int i = 0; i < 800; i++) {
            rig.tick();
            peakX = Math.max(peakX, rig.truth.positionNwuM[0]);
            if (reachedTick < 0 && rig.truth.positionNwuM[0] >= 0.9) {
                reachedTick = i;
            }
        }
        assertEquals(FlightMode.PID, rig.controller.mode());
        assertTrue(rig.distanceTo(1.0, 0, 1.0) < 0.05, "8 s after the step: " + rig.truth);
        assertTrue(peakX < 1.25, "overshoot " + (peakX - 1.0));
        assertTrue(reachedTick > 0 && reachedTick < 300, "90 % of the step within 3 s, took ticks: " + reachedTick);
        assertTrue(rig.maxTiltRad < Math.toRadians(31), "tilt limit held: " + Math.toDegrees(rig.maxTiltRad));
    }

    /** Takes off on the PID, climbs, asks for the SNN and flies until it has it. */
    private static void engageSnn(SimulatorRig rig) {
        rig.takeOff();
        rig.ticks(500);
        rig.inbox.submit(OperatorCommand.ENGAGE_SNN);
        for (int i = 0; i < 200 && rig.controller.mode() != FlightMode.SNN; i++) {
            rig.tick();
        }
        assertEquals(FlightMode.SNN, rig.controller.mode(), Reasons.describe(rig.controller.lastReasons()));
    }

    @Test
    void policyPathHoldsHoverAndFliesTheStepWithoutFallingBack() {
        FaultyPolicy[] holder = new FaultyPolicy[1];
        SimulatorRig rig = rigWith(holder);
        engageSnn(rig);
        rig.inbox.submitTarget(new TargetRequest(1.0, 0.0, 1.0, 0.0));
        rig.ticks(800);
        assertEquals(FlightMode.SNN, rig.controller.mode());
        assertEquals(0, rig.controller.fallbacks());
        assertTrue(rig.distanceTo(1.0, 0, 1.0) < 0.05, "8 s after the step: " + rig.truth);
    }

    @Test
    void untrainedNetworkNeverGetsControl() {
        FloatSnn untrained = new FloatSnn(PaperInit.network(new int[] {18, 64, 64, 4}, 7L, ResetRule.SUBTRACT_DELAYED));
        SimulatorRig rig = new SimulatorRig(untrained);
        rig.takeOff();
        rig.ticks(300);
        rig.inbox.submit(OperatorCommand.ENGAGE_SNN);
        rig.ticks(500);
        assertEquals(FlightMode.PID, rig.controller.mode(), Reasons.describe(rig.controller.lastReasons()));
        assertTrue(rig.distanceTo(0, 0, 1.0) < 0.05, "the PID kept flying: " + rig.truth);
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                // name, reason bit expected, ticks from injection to detection at most
                Arguments.of("stale state", Reasons.STATE_STALE, 4),
                Arguments.of("NaN state", Reasons.STATE_INVALID, 0),
                Arguments.of("frozen policy output", Reasons.POLICY_FROZEN, 51),
                Arguments.of("saturated policy output", Reasons.POLICY_SATURATED, 4),
                Arguments.of("non-finite policy output", Reasons.POLICY_NON_FINITE, 0),
                Arguments.of("fixed-point saturation", Reasons.FIXED_POINT_SATURATION, 0),
                Arguments.of("200 ms loop stall", Reasons.LOOP_OVERRUN, 0),
                Arguments.of("link drop", Reasons.STATE_STALE, 4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void faultHandsOverWithinOneTickAndStaysInTheEnvelope(String name, int reason, int maxDetectionTicks) {
        FaultyPolicy[] holder = new FaultyPolicy[1];
        SimulatorRig rig = rigWith(holder);
        engageSnn(rig);
        rig.ticks(100);
        rig.maxTiltRad = 0;
        switch (name) {
            case "stale state" -> rig.fault = SimulatorRig.StateFault.FROZEN;
            case "NaN state" -> rig.fault = SimulatorRig.StateFault.NAN;
            case "frozen policy output" -> holder[0].fault = FaultyPolicy.Fault.FROZEN;
            case "saturated policy output" -> holder[0].fault = FaultyPolicy.Fault.SATURATED;
            case "non-finite policy output" -> holder[0].fault = FaultyPolicy.Fault.NON_FINITE;
            case "fixed-point saturation" -> holder[0].fault = FaultyPolicy.Fault.FIXED_POINT_SATURATION;
            case "200 ms loop stall" -> rig.stall(200 * SimulatorRig.MS);
            case "link drop" -> rig.fault = SimulatorRig.StateFault.LINK_DOWN;
            default -> throw new IllegalArgumentException(name);
        }
        int detectedAt = -1;
        double worstDistance = 0;
        double worstDescentMps = 0;
        for (int i = 0; i < 300; i++) {
            rig.tick(i == 0 && name.equals("200 ms loop stall") ? 20 : 0);
            int reasons = rig.controller.lastReasons();
            if (detectedAt < 0 && (reasons & reason) != 0) {
                detectedAt = i;
                assertNotEquals(FlightMode.SNN, rig.lastSentMode, "the detecting tick already sends the fallback");
            }
            if (i == 15 && (name.equals("stale state") || name.equals("NaN state"))) {
                rig.fault = SimulatorRig.StateFault.NONE; // a transient: the estimate recovers
            }
            if (name.equals("link drop")) {
                double dx = rig.truth.positionNwuM[0];
                double dy = rig.truth.positionNwuM[1];
                worstDistance = Math.max(worstDistance, Math.sqrt(dx * dx + dy * dy));
                worstDescentMps = Math.max(worstDescentMps, -rig.truth.velocityNwuMps[2]);
            } else {
                worstDistance = Math.max(worstDistance, rig.distanceTo(0, 0, 1.0));
            }
        }
        assertTrue(detectedAt >= 0 && detectedAt <= maxDetectionTicks, name + ": detected at tick " + detectedAt);
        assertEquals(1, rig.controller.fallbacks(), name);
        assertTrue(worstDistance < 0.5, name + ": worst distance " + worstDistance);
        assertTrue(rig.maxTiltRad < Math.toRadians(35), name + ": tilt " + Math.toDegrees(rig.maxTiltRad));
        if (name.equals("link drop")) {
            assertEquals(FlightMode.LAND, rig.controller.mode());
            assertTrue(worstDescentMps < 1.5, "descent " + worstDescentMps);
        } else {
            assertEquals(FlightMode.PID, rig.controller.mode(), name + ": no return to the SNN without a command");
        }
    }
}
