package io.spikepilot.simulator.autopilot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.simulator.airframe.Airframe;
import io.spikepilot.simulator.airframe.Airframes;
import org.junit.jupiter.api.Test;

class MixerTest {
    private static final Airframe X500 = Airframes.x500();
    private final Mixer mixer = new Mixer(X500);
    private final double[] u = new double[4];

    @Test
    void noTorqueGivesTheCollectiveOnEveryMotor() {
        assertFalse(mixer.mix(0.55, new double[] {0, 0, 0}, u));
        for (double v : u) {
            assertEquals(0.55, v, 1e-12);
        }
    }

    @Test
    void rollTorqueIsProducedThroughTheArms() {
        // Slope at hover 2·15.926·0.55496 = 17.6766 N per unit throttle; 0.1 N·m over four rotors at |y| = 0.17678 m
        // needs ΔT = 0.1/(4·0.17678) = 0.141419 N each, Δu = 0.0080003.
        assertFalse(mixer.mix(0.5, new double[] {0.1, 0, 0}, u));
        assertEquals(0.5 - 0.0080003, u[0], 1e-6); // front-right, y < 0
        assertEquals(0.5 + 0.0080003, u[1], 1e-6); // back-left, y > 0
        assertEquals(0.5 + 0.0080003, u[2], 1e-6); // front-left
        assertEquals(0.5 - 0.0080003, u[3], 1e-6); // back-right
    }

    @Test
    void producedTorqueMatchesTheDemandThroughTheLinearisedThrust() {
        double[] torque = {0.05, -0.08, 0.02};
        mixer.mix(0.55496, torque, u);
        double slope = X500.slopeNPerThrottle(X500.hoverThrottle());
        double tx = 0;
        double ty = 0;
        double tz = 0;
        for (int i = 0; i < 4; i++) {
            double dT = slope * (u[i] - 0.55496);
            tx += X500.rotor(i).yFluM() * dT;
            ty += -X500.rotor(i).xFluM() * dT;
            tz += X500.rotor(i).torqueDirection() * X500.torqueConstantM() * dT;
        }
        assertEquals(0.05, tx, 1e-12);
        assertEquals(-0.08, ty, 1e-12);
        assertEquals(0.02, tz, 1e-12);
    }

    @Test
    void highCollectiveGivesWayToRoll() {
        assertTrue(mixer.mix(0.995, new double[] {0.1, 0, 0}, u));
        // The collective drops to 1 − 0.0080003 so the roll differential survives intact.
        assertEquals(1.0, u[1], 1e-12);
        assertEquals(1.0 - 2 * 0.0080003, u[0], 1e-6);
    }

    @Test
    void oversizedRollDemandIsScaledIntoRange() {
        assertTrue(mixer.mix(0.5, new double[] {100, 0, 0}, u));
        assertEquals(0.0, u[0], 1e-12);
        assertEquals(1.0, u[1], 1e-12);
    }

    @Test
    void yawIsCutFirstWhenThereIsNoHeadroom() {
        assertTrue(mixer.mix(1.0, new double[] {0, 0, 0.5}, u));
        // At full collective nothing can rise, so yaw is dropped entirely rather than the motors clipped unevenly.
        for (double v : u) {
            assertEquals(1.0, v, 1e-12);
        }
    }

    @Test
    void motorsStayInRangeForAnyDemand() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            double[] t = {r.nextDouble(-5, 5), r.nextDouble(-5, 5), r.nextDouble(-5, 5)};
            mixer.mix(r.nextDouble(), t, u);
            for (double v : u) {
                assertTrue(v >= 0 && v <= 1, "throttle " + v);
            }
        }
    }
}
