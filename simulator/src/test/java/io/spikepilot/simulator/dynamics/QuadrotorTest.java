package io.spikepilot.simulator.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.testing.AllocationMeter;
import io.spikepilot.simulator.airframe.Airframe;
import io.spikepilot.simulator.airframe.Airframes;
import org.junit.jupiter.api.Test;

class QuadrotorTest {
    private static final Airframe CRAZYFLIE = Airframes.crazyflie();

    @Test
    void crazyflieHoverThrottleNearlyBalancesWeight() {
        // paper-spec §6.8: 4·T(0.667) = 4·0.06726077 = 0.269 N against m·g = 0.265 N.
        assertEquals(0.2690431, 4 * CRAZYFLIE.thrustN(0.667), 1e-7);
        assertEquals(0.26487, CRAZYFLIE.massKg() * CRAZYFLIE.gravityMps2(), 1e-7);
    }

    @Test
    void crazyflieAtHoverThrottleAcceleratesUpAt015() {
        Quadrotor q = new Quadrotor(CRAZYFLIE);
        q.resetAtRest(0.667);
        q.step(0.01);
        // (0.2690431 − 0.26487) / 0.027 = 0.15456 m/s²
        assertEquals(0.15456, q.state()[Quadrotor.V + 2] / 0.01, 1e-4);
    }

    @Test
    void motorStateReaches63PercentOfAStepAfterTau() {
        Quadrotor q = new Quadrotor(CRAZYFLIE);
        q.resetAtRest(0.0);
        q.setMotorCommand(0, 1.0);
        for (int i = 0; i < 72; i++) {
            q.step(0.001);
        }
        assertEquals(0.6321206, q.motorState(0), 1e-6);
    }

    @Test
    void motorLagAtThePaperStepOf10ms() {
        Quadrotor q = new Quadrotor(CRAZYFLIE);
        q.resetAtRest(0.0);
        q.setMotorCommands(new double[] {1, 1, 1, 1}, 0);
        q.step(0.01);
        // 1 − exp(−0.01/0.072) = 0.129675; RK4 matches to O(h⁵).
        assertEquals(0.129675, q.motorState(2), 1e-5);
    }

    @Test
    void freeFallFollowsHalfGTSquared() {
        // Motors off still give T(0) = c0 = 0.0213 N each, so use the X500 (c0 = 0) for true free fall.
        Quadrotor x = new Quadrotor(Airframes.x500());
        x.resetAtRest(0.0);
        for (int i = 0; i < 100; i++) {
            x.step(0.01);
        }
        // z = −½·9.81·1² = −4.905 m, v = −9.81 m/s after 1 s.
        assertEquals(-4.905, x.state()[Quadrotor.P + 2], 1e-9);
        assertEquals(-9.81, x.state()[Quadrotor.V + 2], 1e-9);
    }

    @Test
    void crazyflieWithMotorsOffFallsSlowerByItsIdleThrust() {
        Quadrotor q = new Quadrotor(CRAZYFLIE);
        q.resetAtRest(0.0);
        for (int i = 0; i < 100; i++) {
            q.step(0.01);
        }
        // a = 4·0.0213/0.027 − 9.81 = −6.65444 m/s² → z = −3.32722 m after 1 s.
        assertEquals(-3.32722, q.state()[Quadrotor.P + 2], 1e-5);
    }

    @Test
    void rollTorqueGivesAngularAccelerationThroughInertia() {
        Quadrotor q = new Quadrotor(Airframes.x500());
        q.resetAtRest(0.0);
        q.setDisturbance(0, 0, 0, 0.01, 0, 0);
        q.step(0.001);
        // ω̇x = τ/Jxx = 0.01 / 0.021705 = 0.460723 rad/s²
        assertEquals(0.460723e-3, q.state()[Quadrotor.W], 1e-9);
    }

    @Test
    void differentialRotorThrustRollsThroughTheArm() {
        Quadrotor q = new Quadrotor(CRAZYFLIE);
        // Left rotors (2, 3) at full, right rotors (0, 1) at zero: τx = 2·0.028·(T(1) − T(0)).
        q.setState(0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1);
        q.step(1e-6);
        double tau = 2 * 0.028 * (CRAZYFLIE.thrustN(1) - CRAZYFLIE.thrustN(0));
        assertEquals(tau / 1.029e-5 * 1e-6, q.state()[Quadrotor.W], 1e-9);
    }

    @Test
    void yawTorqueFromRotorDrag() {
        Quadrotor q = new Quadrotor(CRAZYFLIE);
        // Rotors 1 and 3 (+z torque) at full, 0 and 2 (−z) off: τz = k_m·2·(T(1) − T(0)).
        q.setState(0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1);
        q.step(1e-6);
        double tau = 4.665e-3 * 2 * (CRAZYFLIE.thrustN(1) - CRAZYFLIE.thrustN(0));
        assertEquals(tau / 2.005e-5 * 1e-6, q.state()[Quadrotor.W + 2], 1e-9);
        assertEquals(0.0, q.state()[Quadrotor.W], 1e-15);
    }

    @Test
    void quaternionStaysUnitOverALongTumble() {
        Quadrotor q = new Quadrotor(Airframes.x500());
        q.setState(0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 7.0, -3.0, 11.0, 0.5, 0.5, 0.5, 0.5);
        double[] s = q.state();
        for (int i = 0; i < 100_000; i++) {
            q.step(0.01);
            double n = Math.sqrt(s[3] * s[3] + s[4] * s[4] + s[5] * s[5] + s[6] * s[6]);
            if (Math.abs(n - 1.0) > 1e-12) {
                throw new AssertionError("norm " + n + " at step " + i);
            }
        }
        assertTrue(Double.isFinite(s[Quadrotor.W]));
    }

    @Test
    void torqueFreeTumbleConservesRotationalEnergy() {
        Quadrotor q = new Quadrotor(Airframes.x500());
        q.setState(0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 2.0, -1.0, 3.0, 0, 0, 0, 0);
        double[] s = q.state();
        double e0 = energy(s);
        for (int i = 0; i < 1000; i++) {
            q.step(0.001);
        }
        assertEquals(e0, energy(s), 1e-9);
    }

    private static double energy(double[] s) {
        double wx = s[Quadrotor.W];
        double wy = s[Quadrotor.W + 1];
        double wz = s[Quadrotor.W + 2];
        return 0.5 * (0.021705 * wx * wx + 0.021304 * wy * wy + 0.039396 * wz * wz);
    }

    @Test
    void nanMotorCommandIsClampedAndCounted() {
        Quadrotor q = new Quadrotor(CRAZYFLIE);
        q.resetAtRest(0.5);
        assertFalse(q.setMotorCommand(1, Double.NaN));
        assertFalse(q.setMotorCommand(2, 1.7));
        assertEquals(2, q.invalidCommandCount());
        assertEquals(0.0, q.motorCommand(1));
        assertEquals(1.0, q.motorCommand(2));
        q.step(0.01);
        for (double v : q.state()) {
            assertTrue(Double.isFinite(v));
        }
    }

    @Test
    void randomizedMassChangesTheAcceleration() {
        Quadrotor q = new Quadrotor(Airframes.x500());
        q.randomize(2.0, 1.0, 1.0, 1.0);
        double u = 0.55496;
        q.setState(0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, u, u, u, u);
        q.step(0.001);
        // Thrust 19.62 N on 4 kg: a = 4.905 − 9.81 = −4.905 m/s².
        assertEquals(-4.905e-3, q.state()[Quadrotor.V + 2], 1e-6);
    }

    @Test
    void stepAllocatesNothing() {
        Quadrotor q = new Quadrotor(CRAZYFLIE);
        q.resetAtRest(0.667);
        long bytes = AllocationMeter.bytesAllocatedBy(() -> q.step(0.01), 20_000, 10_000);
        assertEquals(0, bytes);
    }
}
