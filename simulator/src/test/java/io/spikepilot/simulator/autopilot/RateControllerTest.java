package io.spikepilot.simulator.autopilot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spikepilot.simulator.airframe.Airframes;
import org.junit.jupiter.api.Test;

class RateControllerTest {
    private static final double[] INERTIA = {0.021705, 0.021304, 0.039396};

    @Test
    void proportionalTermActsThroughTheInertia() {
        RateController c = new RateController(Airframes.x500().innerLoop(), INERTIA);
        double[] torque = new double[3];
        c.update(new double[] {1, 0, 0}, new double[] {0, 0, 0}, 0, 0.002, false, torque);
        // (33.75·1 + 5·1·0.002) · 0.021705 = 0.7327608 N·m
        assertEquals(0.7327608, torque[0], 1e-9);
    }

    @Test
    void integratorFreezesWhileSaturated() {
        RateController c = new RateController(Airframes.x500().innerLoop(), INERTIA);
        double[] torque = new double[3];
        double[] sp = {1, 0, 0};
        double[] w = {0, 0, 0};
        for (int i = 0; i < 100; i++) {
            c.update(sp, w, 0, 0.002, true, torque);
        }
        assertEquals(33.75 * 0.021705, torque[0], 1e-12);
        c.update(sp, w, 0, 0.002, false, torque);
        assertEquals((33.75 + 0.01) * 0.021705, torque[0], 1e-12);
    }

    @Test
    void integratorIsClamped() {
        RateController c = new RateController(Airframes.x500().innerLoop(), INERTIA);
        double[] torque = new double[3];
        for (int i = 0; i < 100_000; i++) {
            c.update(new double[] {1, 0, 0}, new double[] {0, 0, 0}, 0, 0.002, false, torque);
        }
        // P 33.75 + integral limit 10 rad/s².
        assertEquals(43.75 * 0.021705, torque[0], 1e-12);
    }
}
