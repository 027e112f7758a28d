package io.spikepilot.simulator.autopilot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.simulator.airframe.Airframes;
import org.junit.jupiter.api.Test;

class AttitudeControllerTest {
    private final AttitudeController controller = new AttitudeController(Airframes.x500().innerLoop());
    private final double[] level = {1, 0, 0, 0};
    private final double[] setpoint = new double[4];
    private final double[] rate = new double[3];

    @Test
    void noErrorNoRate() {
        controller.update(level, 0, level, 0, rate);
        assertEquals(0.0, rate[0]);
        assertEquals(0.0, rate[1]);
        assertEquals(0.0, rate[2]);
    }

    @Test
    void rollErrorGivesProportionalRollRate() {
        Quaternions.fromEulerZyx(Math.toRadians(20), 0, 0, setpoint);
        controller.update(level, 0, setpoint, 0, rate);
        // 6.5 · 2·sin(10°) = 2.2575 rad/s
        assertEquals(2.2575, rate[0], 1e-4);
        assertEquals(0.0, rate[1], 1e-12);
        assertEquals(0.0, rate[2], 1e-12);
    }

    @Test
    void yawErrorIsWeightedAsPx4Does() {
        Quaternions.fromEulerZyx(0, 0, Math.toRadians(20), setpoint);
        controller.update(level, 0, setpoint, 0, rate);
        // yaw weight 2.8/6.5; rate = 6.5 · 2·sin(0.430769 · 10°) = 0.976464 rad/s
        assertEquals(0.976464, rate[2], 1e-6);
        assertEquals(0.0, rate[0], 1e-12);
    }

    @Test
    void rateSetpointIsLimited() {
        Quaternions.fromEulerZyx(Math.toRadians(80), 0, 0, setpoint);
        controller.update(level, 0, setpoint, 0, rate);
        assertEquals(3.84, rate[0], 1e-12);
    }

    @Test
    void yawRateFeedForwardIsProjectedIntoTheBody() {
        double[] rolled = new double[4];
        Quaternions.fromEulerZyx(Math.toRadians(30), 0, 0, rolled);
        controller.update(rolled, 0, rolled, 1.0, rate);
        // World up seen from a body rolled 30°: (0, sin 30°, cos 30°).
        assertEquals(0.0, rate[0], 1e-12);
        assertEquals(0.5, rate[1], 1e-12);
        assertEquals(Math.cos(Math.toRadians(30)), rate[2], 1e-12);
    }
}
