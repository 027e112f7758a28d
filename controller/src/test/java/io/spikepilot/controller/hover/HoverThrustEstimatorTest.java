package io.spikepilot.controller.hover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.pid.PositionPid;
import org.junit.jupiter.api.Test;

class HoverThrustEstimatorTest {
    private static final double PERIOD_S = 0.01;
    private final HoverThrustEstimator estimator = new HoverThrustEstimator(150, 3000, PERIOD_S);
    private final double[] velocity = new double[3];

    private void hover(int ticks, double thrust, double tiltRad) {
        for (int i = 0; i < ticks; i++) {
            estimator.observe(true, thrust, false, tiltRad, velocity, 0.02);
        }
    }

    @Test
    void aTiltedHoverGivesTheVerticalComponentOfItsThrust() {
        // 0.5 of vertical thrust needs 0.5 / cos(3 deg) along a body axis tilted 3 degrees
        double tilt = Math.toRadians(3);
        hover(149, 0.5 / Math.cos(tilt), tilt);
        assertEquals(HoverThrustEstimator.COLLECTING, estimator.status());
        hover(1, 0.5 / Math.cos(tilt), tilt);
        assertEquals(HoverThrustEstimator.READY, estimator.status());
        assertEquals(0.5, estimator.estimate(), 1e-12);
        assertEquals(149, estimator.readyAtTick());
    }

    @Test
    void aClimbingWindowIsCorrectedForItsAcceleration() {
        // speeding up at 0.05 m/s^2 (vz from -0.05 to +0.0245 m/s over 150 ticks) takes hover * (1 + a/g) of thrust;
        // uncorrected, the mean would read 0.5026
        double a = 0.05;
        double thrust = 0.5 * (1 + a / PositionPid.GRAVITY_MPS2);
        for (int i = 0; i < 150; i++) {
            velocity[2] = -0.05 + a * PERIOD_S * i;
            estimator.observe(true, thrust, false, 0.0, velocity, 0.0);
        }
        assertEquals(HoverThrustEstimator.READY, estimator.status());
        assertEquals(0.5, estimator.estimate(), 1e-9);
    }

    @Test
    void anUnsettledTickRestartsTheWindow() {
        hover(100, 0.7, 0.0);
        velocity[2] = 0.3; // a climb: not a hover
        estimator.observe(true, 0.9, false, 0.0, velocity, 0.02);
        velocity[2] = 0.0;
        hover(149, 0.5, 0.0);
        assertEquals(HoverThrustEstimator.COLLECTING, estimator.status());
        hover(1, 0.5, 0.0);
        assertEquals(0.5, estimator.estimate(), 1e-12, "none of the 0.7 before the climb is in the mean");
    }

    @Test
    void ticksTheSnnOrNoTrustedStateFliesAreNotCounted() {
        for (int i = 0; i < 500; i++) {
            estimator.observe(false, 0.9, false, 0.0, velocity, 0.0);
        }
        assertEquals(HoverThrustEstimator.COLLECTING, estimator.status());
        hover(150, 0.5, 0.0);
        assertEquals(0.5, estimator.estimate(), 1e-12);
        assertEquals(649, estimator.readyAtTick());
    }

    @Test
    void farFromTheTargetHeightOrAtAThrustLimitIsNoHover() {
        for (int i = 0; i < 200; i++) {
            estimator.observe(true, 0.5, false, 0.0, velocity, 0.2);
            estimator.observe(true, 0.9, true, 0.0, velocity, 0.0);
        }
        assertEquals(HoverThrustEstimator.COLLECTING, estimator.status());
    }

    @Test
    void givesUpAfterItsTimeWithoutASettledWindow() {
        velocity[0] = 1.0;
        hover(2999, 0.5, 0.0);
        assertEquals(HoverThrustEstimator.COLLECTING, estimator.status());
        hover(1, 0.5, 0.0);
        assertEquals(HoverThrustEstimator.GAVE_UP, estimator.status());
        assertTrue(Double.isNaN(estimator.estimate()));
        assertEquals(30.0, estimator.giveUpS(), 1e-12);
    }

    @Test
    void rejectsAWindowTooShortToAverage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HoverThrustEstimator(5, 100, PERIOD_S));
        assertTrue(e.getMessage().contains("windowTicks"), e.getMessage());
    }
}
