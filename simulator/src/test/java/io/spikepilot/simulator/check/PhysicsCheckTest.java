package io.spikepilot.simulator.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.simulator.airframe.Airframes;
import org.junit.jupiter.api.Test;

class PhysicsCheckTest {
    @Test
    void stepResponseOfAFirstOrderLag() {
        double[] y = new double[2000];
        for (int i = 0; i < y.length; i++) {
            y[i] = 20 * (1 - Math.exp(-(i + 1) * 1e-3 / 0.1));
        }
        StepResponse r = StepResponse.of(y, 1e-3, 20);
        // 10→90 %: τ·ln 9 = 0.2197 s; within 2 %: τ·ln 50 = 0.3912 s; no overshoot.
        assertEquals(0.2197, r.riseTimeS(), 1.5e-3);
        assertEquals(0.3912, r.settleTimeS(), 1.5e-3);
        assertEquals(0.0, r.overshootPct());
    }

    @Test
    void paperLinesPassOnTheCrazyflie() {
        assertTrue(PhysicsCheck.hoverBalance(Airframes.crazyflie()).passed());
        assertEquals("+0.155 m/s²", PhysicsCheck.netAccelerationAtHoverThrottle(Airframes.crazyflie()).measured());
        assertEquals("0.0720 s", PhysicsCheck.motorLag(Airframes.crazyflie()).measured());
    }

    @Test
    void x500RollStepIsWellDamped() {
        StepResponse r = PhysicsCheck.rollStepResponse(Airframes.x500());
        assertTrue(r.settleTimeS() <= 0.40, "settle " + r.settleTimeS());
        assertTrue(r.overshootPct() < 1.0, "overshoot " + r.overshootPct());
        assertTrue(r.riseTimeS() > 0.1 && r.riseTimeS() < 0.25, "rise " + r.riseTimeS());
    }

    @Test
    void positionPidGuideKeepsMostPaperStartsInTheBoxFor50Steps() {
        // Seeded: 75 of 100 with the Crazyflie's inner-loop gains (the rest start too close to a wall, too fast or
        // too tilted to stop within 0.6 m).
        int survivors = PhysicsCheck.guideSurvivors(Airframes.crazyflie(), 100);
        assertTrue(survivors >= 70, "survivors " + survivors);
    }

    @Test
    void positionPidFliesTheX500AttitudeTaskThroughTheDecoder() {
        // PidPolicy.encode → ActionDecoder.decodeAttitude → inner loop: seeded, all 100 companion starts hover for
        // the whole episode (90 with every realism switch of x500-attitude.yaml on).
        int survivors = PhysicsCheck.attitudeGuideSurvivors(Airframes.x500(), 100);
        assertTrue(survivors >= 85, "survivors " + survivors);
    }

    @Test
    void x500HoverDriftIsTheThrustResidual() {
        assertEquals(-0.010, PhysicsCheck.hoverDriftM(Airframes.x500()), 0.002);
    }
}
