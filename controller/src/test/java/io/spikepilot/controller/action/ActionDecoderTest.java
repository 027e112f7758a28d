package io.spikepilot.controller.action;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.state.AttitudeSetpoint;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class ActionDecoderTest {
    private static final AttitudeLimits X500 = new AttitudeLimits(0.555, 0.1, 0.9, Math.toRadians(30), Math.toRadians(90));

    @Test
    void motorsMapMinusOneToZeroAndOneToFullThrottle() {
        double[] u = new double[4];
        int flags = ActionDecoder.decodeMotors(new float[] {-1, 1, 0, 0.334f}, 0, u);
        assertEquals(ActionDecoder.OK, flags);
        assertArrayEquals(new double[] {0, 1, 0.5, 0.667}, u, 1e-6);
    }

    @Test
    void nanAndOutOfRangeOutputsAreNeutralizedAndFlagged() {
        double[] u = new double[4];
        int flags = ActionDecoder.decodeMotors(new float[] {Float.NaN, 3, -7, 0}, 0, u);
        assertEquals(ActionDecoder.CLAMPED | ActionDecoder.NON_FINITE, flags);
        assertArrayEquals(new double[] {0.5, 1, 0, 0.5}, u, 0.0);
    }

    @Test
    void zeroAttitudeActionHoversLevelAtCurrentYaw() {
        AttitudeSetpoint sp = new AttitudeSetpoint();
        int flags = ActionDecoder.decodeAttitude(new float[4], 0, X500, 0.7, sp);
        assertEquals(ActionDecoder.OK, flags);
        assertEquals(0.555, sp.thrustNormalized, 1e-12);
        assertEquals(0.0, Quaternions.tilt(sp.attitudeNwuFlu), 1e-12);
        assertEquals(0.7, Quaternions.yaw(sp.attitudeNwuFlu), 1e-12);
        assertEquals(0.0, sp.bodyRateFluRadps[2], 0.0);
        assertTrue(sp.useYawRate);
    }

    @Test
    void fullScaleActionsReachTheLimits() {
        AttitudeSetpoint sp = new AttitudeSetpoint();
        ActionDecoder.decodeAttitude(new float[] {1, 1, 0, -1}, 0, X500, 0, sp);
        assertEquals(0.9, sp.thrustNormalized, 1e-12);
        assertEquals(Math.toRadians(30), Quaternions.roll(sp.attitudeNwuFlu), 1e-12);
        assertEquals(-Math.toRadians(90), sp.bodyRateFluRadps[2], 1e-12);
        ActionDecoder.decodeAttitude(new float[] {-1, 0, -1, 0}, 0, X500, 0, sp);
        assertEquals(0.1, sp.thrustNormalized, 1e-12);
        assertEquals(-Math.toRadians(30), Quaternions.pitch(sp.attitudeNwuFlu), 1e-12);
    }

    @Property
    void thrustMappingInvertsOnTheUnitInterval(@ForAll @DoubleRange(min = -1, max = 1) double a) {
        assertEquals(a, ActionDecoder.actionOfThrust(ActionDecoder.thrustOf(a, X500), X500), 1e-12);
    }

    @Test
    void limitsRejectHoverOutsideTheThrustRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AttitudeLimits(0.95, 0.1, 0.9, 0.5, 1.0));
        assertTrue(e.getMessage().contains("hoverThrust"), e.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> new AttitudeLimits(0.5, 0.1, 0.9, Double.NaN, 1.0));
        assertTrue(nan.getMessage().contains("maxTiltRad") && nan.getMessage().contains("NaN"), nan.getMessage());
    }
}
