package io.spikepilot.controller.pid;

import io.spikepilot.controller.testing.AllocationMeter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.action.AttitudeLimits;
import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.state.AttitudeSetpoint;
import io.spikepilot.controller.state.VehicleState;
import org.junit.jupiter.api.Test;

class PositionPidTest {
    /** Hover 0.5, thrust 0.1..0.9, 30° tilt, 90°/s yaw rate. */
    private static final AttitudeLimits LIMITS =
            new AttitudeLimits(0.5, 0.1, 0.9, Math.toRadians(30), Math.toRadians(90));
    /** P 1.0 / 1.0, velocity P 1.8 / 4.0, I 0.4 / 2.0, no D; 2 m/s across, 1.5 up, 1 down. */
    private static final PositionPidGains GAINS =
            new PositionPidGains(1.0, 1.0, 1.8, 4.0, 0.4, 2.0, 0.0, 0.0, 2.0, 1.5, 1.0, 3.0, 5.0, 2.0);
    private static final double PERIOD_S = 0.01;

    private final PositionPid pid = new PositionPid(GAINS, LIMITS, PERIOD_S);
    private final VehicleState state = new VehicleState();
    private final AttitudeSetpoint out = new AttitudeSetpoint();
    private final double[] target = new double[3];

    @Test
    void atRestOnTargetCommandsExactlyHoverThrustAndLevel() {
        state.resetAtRest(0);
        int flags = pid.compute(state, target, 0.0, out);
        assertEquals(PositionPid.OK, flags);
        assertEquals(0.5, out.thrustNormalized, 1e-12);
        assertEquals(1.0, out.attitudeNwuFlu[0], 1e-12);
        assertEquals(0.0, Quaternions.tilt(out.attitudeNwuFlu), 1e-12);
        assertEquals(0.0, out.bodyRateFluRadps[2], 1e-12);
    }

    @Test
    void oneMetreNorthErrorPitchesNoseDownByAtanOfAccelOverG() {
        // v_sp = 1.0 m/s, a = 1.8 m/s² north; tilt = atan(1.8 / 9.80665); positive FLU pitch is nose-down
        state.resetAtRest(0);
        target[0] = 1.0;
        pid.compute(state, target, 0.0, out);
        assertEquals(0.1815283410024887, Quaternions.pitch(out.attitudeNwuFlu), 1e-12);
        assertEquals(0.0, Quaternions.roll(out.attitudeNwuFlu), 1e-12);
        assertEquals(0.5083527823820594, out.thrustNormalized, 1e-12);
    }

    @Test
    void oneMetreWestErrorRollsLeftWithNegativeFluRoll() {
        state.resetAtRest(0);
        target[1] = 1.0;
        pid.compute(state, target, 0.0, out);
        assertEquals(-0.1815283410024887, Quaternions.roll(out.attitudeNwuFlu), 1e-12);
        assertEquals(0.0, Quaternions.pitch(out.attitudeNwuFlu), 1e-12);
    }

    @Test
    void headingWestANorthErrorBecomesAPositiveRollAndKeepsTheCurrentYaw() {
        state.resetAtRest(0);
        Quaternions.fromEulerZyx(0, 0, Math.PI / 2, state.attitudeNwuFlu);
        target[0] = 1.0;
        pid.compute(state, target, Math.PI / 2, out);
        assertEquals(0.1815283410024887, Quaternions.roll(out.attitudeNwuFlu), 1e-12);
        assertEquals(0.0, Quaternions.pitch(out.attitudeNwuFlu), 1e-12);
        assertEquals(Math.PI / 2, Quaternions.yaw(out.attitudeNwuFlu), 1e-12);
    }

    @Test
    void largeErrorSaturatesSpeedAndTiltAtTheLimits() {
        state.resetAtRest(0);
        state.velocityNwuMps[0] = -5.0;
        target[0] = 100.0;
        int flags = pid.compute(state, target, 0.0, out);
        assertEquals(PositionPid.VELOCITY_LIMITED | PositionPid.TILT_LIMITED, flags);
        assertEquals(2.0, pid.velocitySetpointMps(0), 1e-12);
        assertEquals(Math.toRadians(30), Quaternions.tilt(out.attitudeNwuFlu), 1e-12);
        assertEquals(0.5773502691896257, out.thrustNormalized, 1e-12);
    }

    @Test
    void thrustClampsAtMaximumAndTheVerticalIntegratorHolds() {
        state.resetAtRest(0);
        state.velocityNwuMps[2] = -3.0;
        target[2] = 10.0;
        int flags = pid.compute(state, target, 0.0, out);
        assertTrue((flags & PositionPid.THRUST_MAX) != 0);
        assertEquals(0.9, out.thrustNormalized, 0.0);
        assertEquals(0.0, pid.integratorMps2(2), 0.0);
    }

    @Test
    void thrustClampsAtMinimumAndTheVerticalIntegratorHolds() {
        state.resetAtRest(0);
        state.velocityNwuMps[2] = 3.0;
        target[2] = -10.0;
        int flags = pid.compute(state, target, 0.0, out);
        assertTrue((flags & PositionPid.THRUST_MIN) != 0);
        assertEquals(0.1, out.thrustNormalized, 0.0);
        assertEquals(0.0, pid.integratorMps2(2), 0.0);
    }

    @Test
    void verticalIntegratorIntegratesVelocityErrorWithTheFixedPeriod() {
        // 0.5 m/s sink on target: I += 2.0 * 0.5 * 0.01
        state.resetAtRest(0);
        state.velocityNwuMps[2] = -0.5;
        pid.compute(state, target, 0.0, out);
        assertEquals(0.01, pid.integratorMps2(2), 1e-15);
    }

    @Test
    void horizontalIntegratorSettlesWhereTrackingAntiWindupBalancesInsteadOfWindingUp() {
        // held at the tilt limit with a 7 m/s velocity error: e = (2/Kp)(Kp e + I − g tan 30°)
        // ⇒ I = 0.9·7 − 12.6 + 9.80665·tan 30° = −0.63813 m/s² (plain integration would reach the +3 bound)
        state.resetAtRest(0);
        state.velocityNwuMps[0] = -5.0;
        target[0] = 100.0;
        for (int i = 0; i < 6000; i++) {
            pid.compute(state, target, 0.0, out);
        }
        assertEquals(-0.6381279826515573, pid.integratorMps2(0), 1e-6);
        assertEquals(Math.toRadians(30), Quaternions.tilt(out.attitudeNwuFlu), 1e-12);
    }

    @Test
    void integratorIsBoundedByItsLimit() {
        // a steady 0.1 m/s sink never saturates the thrust (0.5 · (0.4 + 5 + g) / g = 0.775), so only the bound stops it
        state.resetAtRest(0);
        state.velocityNwuMps[2] = -0.1;
        for (int i = 0; i < 10_000; i++) {
            pid.compute(state, target, 0.0, out);
        }
        assertEquals(5.0, pid.integratorMps2(2), 1e-12);
    }

    @Test
    void integratorStopsWhereTheThrustSaturates() {
        // a steady 1 m/s sink: the thrust reaches 0.9 when 4 + I = 0.8 g, i.e. I = 3.86 m/s², and integration stops
        state.resetAtRest(0);
        state.velocityNwuMps[2] = -1.0;
        for (int i = 0; i < 10_000; i++) {
            pid.compute(state, target, 0.0, out);
        }
        assertEquals(3.86, pid.integratorMps2(2), 0.021);
    }

    @Test
    void yawErrorWrapsAcrossPiTheShortWay() {
        // at +179°, target −179°: the short way is +2°, so +2 · 2° = +0.0698 rad/s, not −716°/s
        state.resetAtRest(0);
        Quaternions.fromEulerZyx(0, 0, Math.toRadians(179), state.attitudeNwuFlu);
        pid.compute(state, target, Math.toRadians(-179), out);
        assertEquals(0.06981317007977318, out.bodyRateFluRadps[2], 1e-9);
        assertTrue(out.useYawRate);
    }

    @Test
    void yawRateFeedForwardIsLimited() {
        state.resetAtRest(0);
        pid.compute(state, target, Math.toRadians(170), out);
        assertEquals(Math.toRadians(90), out.bodyRateFluRadps[2], 1e-12);
    }

    @Test
    void derivativeDampsOnMeasuredAccelerationWithTheFixedPeriod() {
        PositionPid damped = new PositionPid(
                new PositionPidGains(1.0, 1.0, 1.8, 4.0, 0.0, 0.0, 0.2, 0.5, 2.0, 1.5, 1.0, 3.0, 5.0, 2.0),
                LIMITS, PERIOD_S);
        state.resetAtRest(0);
        damped.compute(state, target, 0.0, out);
        state.velocityNwuMps[2] = 0.01; // 1 m/s² upward over one 10 ms period
        damped.compute(state, target, 0.0, out);
        // P: 4.0 · (0 − 0.01) = −0.04; D: −0.5 · 1.0 = −0.5
        assertEquals(-0.54, damped.accelerationSetpointMps2(2), 1e-12);
    }

    @Test
    void invalidStateYieldsLevelHoverAndKeepsTheIntegrator() {
        state.resetAtRest(0);
        state.velocityNwuMps[2] = -0.5;
        pid.compute(state, target, 0.0, out);
        state.positionNwuM[0] = Double.NaN;
        int flags = pid.compute(state, target, 0.0, out);
        assertEquals(PositionPid.INVALID_STATE, flags);
        assertEquals(0.5, out.thrustNormalized, 0.0);
        assertEquals(1.0, out.attitudeNwuFlu[0], 0.0);
        assertEquals(0.01, pid.integratorMps2(2), 1e-15);
    }

    @Test
    void nonUnitQuaternionIsAnInvalidState() {
        state.resetAtRest(0);
        state.attitudeNwuFlu[0] = 0.9;
        assertEquals(PositionPid.INVALID_STATE, pid.compute(state, target, 0.0, out));
    }

    @Test
    void trackingTheActiveSetpointMakesTheHandOverBumpless() {
        state.resetAtRest(0);
        state.positionNwuM[0] = 0.3;
        state.velocityNwuMps[1] = 0.2;
        AttitudeSetpoint active = new AttitudeSetpoint();
        active.thrustNormalized = 0.56;
        Quaternions.fromEulerZyx(0.08, -0.12, 0.0, active.attitudeNwuFlu);
        pid.compute(state, target, 0.0, out);
        pid.trackActive(active);
        pid.compute(state, target, 0.0, out);
        // one integration step (≤ Ki · e · T) separates the two
        assertEquals(0.08, Quaternions.roll(out.attitudeNwuFlu), 2e-3);
        assertEquals(-0.12, Quaternions.pitch(out.attitudeNwuFlu), 2e-3);
        assertEquals(0.56, out.thrustNormalized, 2e-3);
    }

    @Test
    void resetZeroesTheIntegrator() {
        state.resetAtRest(0);
        state.velocityNwuMps[2] = -0.5;
        pid.compute(state, target, 0.0, out);
        pid.reset();
        assertEquals(0.0, pid.integratorMps2(2), 0.0);
    }

    @Test
    void pointMassFlownByThePidSettlesOnTheTarget() {
        // ideal attitude tracking: a = b_z · T · g / hover − g ẑ; 1 m north and 1 m down from the target
        state.resetAtRest(0);
        target[0] = 1.0;
        target[2] = 1.0;
        double[] bodyZ = new double[3];
        double[] up = {0, 0, 1};
        double peakOvershootM = 0;
        for (int i = 0; i < 1000; i++) {
            pid.compute(state, target, 0.0, out);
            Quaternions.rotate(out.attitudeNwuFlu, up, bodyZ);
            double scale = out.thrustNormalized * PositionPid.GRAVITY_MPS2 / LIMITS.hoverThrust();
            for (int k = 0; k < 3; k++) {
                double a = bodyZ[k] * scale - (k == 2 ? PositionPid.GRAVITY_MPS2 : 0);
                state.velocityNwuMps[k] += a * PERIOD_S;
                state.positionNwuM[k] += state.velocityNwuMps[k] * PERIOD_S;
            }
            peakOvershootM = Math.max(peakOvershootM, state.positionNwuM[0] - 1.0);
        }
        assertEquals(1.0, state.positionNwuM[0], 0.01);
        assertEquals(1.0, state.positionNwuM[2], 0.01);
        assertTrue(peakOvershootM < 0.2, "overshoot " + peakOvershootM);
    }

    @Test
    void computeAndTrackAllocateNothing() {
        state.resetAtRest(0);
        target[0] = 1.0;
        AttitudeSetpoint active = new AttitudeSetpoint();
        active.setLevel(0.5);
        long bytes = AllocationMeter.bytesAllocatedBy(() -> {
            pid.compute(state, target, 0.3, out);
            pid.trackActive(active);
        }, 200_000, 100_000);
        assertEquals(0, bytes);
    }

    @Test
    void gainsAreValidatedWithTheFieldName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new PositionPidGains(1.0, -1.0, 1.8, 4.0, 0.4, 2.0, 0, 0, 2, 1.5, 1, 3, 5, 2));
        assertTrue(e.getMessage().contains("positionGainZPerS"), e.getMessage());
        assertTrue(e.getMessage().contains("-1.0"), e.getMessage());
    }

    @Test
    void nanGainIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new PositionPidGains(1.0, 1.0, 1.8, 4.0, Double.NaN, 2.0, 0, 0, 2, 1.5, 1, 3, 5, 2));
        assertTrue(e.getMessage().contains("velocityIntegralXyPerS2"), e.getMessage());
    }

    @Test
    void periodOutsideTheSupportedRangeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PositionPid(GAINS, LIMITS, 0.0));
        assertTrue(e.getMessage().contains("periodS"), e.getMessage());
    }

    @Test
    void retargetKeepsTheOutputAndThenHoldsTheNewTarget() {
        // 12 cm short of the target at rest: the PID pitches towards it; moved to where the vehicle is, the next
        // output must continue this one (to within one integration step), not drop the 12 cm error at once
        state.resetAtRest(0);
        target[0] = 0.12;
        pid.compute(state, target, 0.0, out);
        double pitchBefore = Quaternions.pitch(out.attitudeNwuFlu);
        assertTrue(pitchBefore > 0.02, "pitched towards the target: " + pitchBefore);
        double[] here = {0, 0, 0};
        pid.retarget(state, here);
        assertEquals(0.0, pid.velocitySetpointMps(0), 1e-12);
        pid.compute(state, here, 0.0, out);
        assertEquals(pitchBefore, Quaternions.pitch(out.attitudeNwuFlu), 1e-4);
        // the integrator holds what the old error contributed: 1.8 * 1.0 * 0.12 m/s^2 plus one step of I
        assertEquals(0.216, pid.integratorMps2(0), 1e-3);
    }
}
