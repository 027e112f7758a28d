package io.spikepilot.simulator.vehicle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.state.AttitudeSetpoint;
import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.controller.testing.AllocationMeter;
import io.spikepilot.simulator.airframe.Airframes;
import org.junit.jupiter.api.Test;

class SimulatedVehicleTest {
    private static final long MS = 1_000_000L;

    /** Steps a 20° roll setpoint from hover and returns the roll (deg) at each millisecond for 1.5 s. */
    private static double[] rollStep(SimulatedVehicle v) {
        AttitudeSetpoint sp = new AttitudeSetpoint();
        sp.setLevel(v.hoverThrust());
        Quaternions.fromEulerZyx(Math.toRadians(20), 0, 0, sp.attitudeNwuFlu);
        v.apply(sp);
        VehicleState s = new VehicleState();
        double[] roll = new double[1500];
        for (int i = 0; i < roll.length; i++) {
            v.advance(MS);
            v.readState(s);
            roll[i] = Math.toDegrees(Quaternions.roll(s.attitudeNwuFlu));
        }
        return roll;
    }

    /** Time (s) after which the roll stays within ±0.4° (2 %) of 20°. */
    private static double settleTimeS(double[] roll) {
        int last = -1;
        for (int i = 0; i < roll.length; i++) {
            if (Math.abs(roll[i] - 20.0) > 0.4) {
                last = i;
            }
        }
        return (last + 1) * 1e-3;
    }

    @Test
    void x500SettlesA20DegreeRollWithin400ms() {
        double[] roll = rollStep(new SimulatedVehicle(Airframes.x500()));
        assertTrue(settleTimeS(roll) <= 0.40, "settle time " + settleTimeS(roll));
        double peak = java.util.Arrays.stream(roll).max().orElseThrow();
        assertTrue(peak < 21.0, "overshoot to " + peak);
    }

    @Test
    void crazyflieSettlesA20DegreeRollWithin400ms() {
        double[] roll = rollStep(new SimulatedVehicle(Airframes.crazyflie()));
        assertTrue(settleTimeS(roll) <= 0.40, "settle time " + settleTimeS(roll));
    }

    @Test
    void rollStepDoesNotCoupleIntoPitchOrYaw() {
        SimulatedVehicle v = new SimulatedVehicle(Airframes.x500());
        rollStep(v);
        VehicleState s = new VehicleState();
        v.readState(s);
        assertEquals(0.0, Quaternions.pitch(s.attitudeNwuFlu), 1e-6);
        assertEquals(0.0, Quaternions.yaw(s.attitudeNwuFlu), 1e-6);
    }

    @Test
    void x500HoversOnItsInnerLoopAtItsHoverThrust() {
        SimulatedVehicle v = new SimulatedVehicle(Airframes.x500());
        AttitudeSetpoint sp = new AttitudeSetpoint();
        sp.setLevel(0.55496);
        v.apply(sp);
        for (int i = 0; i < 1000; i++) {
            v.advance(10 * MS);
        }
        VehicleState s = new VehicleState();
        v.readState(s);
        assertEquals(10_000 * MS, s.timeNs);
        // 4·15.926·0.55496² = 19.61959 N vs 19.62 N: −0.0002 m/s², i.e. −0.010 m over 10 s.
        assertEquals(-0.010, s.positionNwuM[2], 0.005);
        assertEquals(0.0, s.positionNwuM[0], 1e-9);
        assertEquals(1.0, s.attitudeNwuFlu[0], 1e-12);
    }

    @Test
    void yawRateFeedForwardTurnsTheVehicle() {
        SimulatedVehicle v = new SimulatedVehicle(Airframes.x500());
        AttitudeSetpoint sp = new AttitudeSetpoint();
        sp.setLevel(v.hoverThrust());
        sp.bodyRateFluRadps[2] = 0.5;
        sp.useYawRate = true;
        VehicleState s = new VehicleState();
        // Track the yaw like a companion computer does: attitude yaw = current yaw, rate as feed-forward.
        for (int i = 0; i < 200; i++) {
            v.readState(s);
            Quaternions.fromEulerZyx(0, 0, Quaternions.yaw(s.attitudeNwuFlu), sp.attitudeNwuFlu);
            v.apply(sp);
            v.advance(10 * MS);
        }
        v.readState(s);
        assertEquals(0.5, s.bodyRateFluRadps[2], 0.02);
    }

    @Test
    void resultDoesNotDependOnHowTimeIsSliced() {
        SimulatedVehicle a = new SimulatedVehicle(Airframes.x500());
        SimulatedVehicle b = new SimulatedVehicle(Airframes.x500());
        AttitudeSetpoint sp = new AttitudeSetpoint();
        sp.setLevel(0.6);
        Quaternions.fromEulerZyx(0.2, -0.1, 0.3, sp.attitudeNwuFlu);
        a.apply(sp);
        b.apply(sp);
        a.advance(1000 * MS);
        for (int i = 0; i < 333; i++) {
            b.advance(3 * MS);
        }
        b.advance(MS);
        VehicleState sa = new VehicleState();
        VehicleState sb = new VehicleState();
        a.readState(sa);
        b.readState(sb);
        for (int i = 0; i < 3; i++) {
            assertEquals(sa.positionNwuM[i], sb.positionNwuM[i], 1e-9);
        }
    }

    @Test
    void nanSetpointKeepsThePreviousOneAndIsCounted() {
        SimulatedVehicle v = new SimulatedVehicle(Airframes.x500());
        AttitudeSetpoint sp = new AttitudeSetpoint();
        sp.setLevel(Double.NaN);
        sp.attitudeNwuFlu[0] = Double.NaN;
        assertFalse(v.apply(sp));
        assertEquals(1, v.rejectedSetpointCount());
        for (int i = 0; i < 100; i++) {
            v.advance(10 * MS);
        }
        VehicleState s = new VehicleState();
        v.readState(s);
        assertTrue(s.isValid(1e-9));
        assertEquals(0.0, s.positionNwuM[2], 0.01);
    }

    @Test
    void outOfRangeThrustIsClampedAndCounted() {
        SimulatedVehicle v = new SimulatedVehicle(Airframes.x500());
        AttitudeSetpoint sp = new AttitudeSetpoint();
        sp.setLevel(3.0);
        assertFalse(v.apply(sp));
        sp.setLevel(0.5);
        assertTrue(v.apply(sp));
        assertEquals(1, v.rejectedSetpointCount());
    }

    @Test
    void advanceAllocatesNothing() {
        SimulatedVehicle v = new SimulatedVehicle(Airframes.x500());
        AttitudeSetpoint sp = new AttitudeSetpoint();
        sp.setLevel(v.hoverThrust());
        VehicleState s = new VehicleState();
        long bytes = AllocationMeter.bytesAllocatedBy(() -> {
            v.apply(sp);
            v.advance(10 * MS);
            v.readState(s);
        }, 20_000, 10_000);
        assertEquals(0, bytes);
    }
}
