package io.spikepilot.controller.pid;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.action.ActionDecoder;
import io.spikepilot.controller.action.AttitudeLimits;
import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.state.AttitudeSetpoint;
import io.spikepilot.controller.state.VehicleState;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

class PositionPidPropertiesTest {
    private static final AttitudeLimits LIMITS =
            new AttitudeLimits(0.5, 0.1, 0.9, Math.toRadians(30), Math.toRadians(90));

    @Property(tries = 2000)
    void everyOutputIsAValidSetpointInsideTheLimitsAndTheActionBox(
            @ForAll @DoubleRange(min = -1000, max = 1000) double ex,
            @ForAll @DoubleRange(min = -1000, max = 1000) double ey,
            @ForAll @DoubleRange(min = -1000, max = 1000) double ez,
            @ForAll @DoubleRange(min = -50, max = 50) double vx,
            @ForAll @DoubleRange(min = -50, max = 50) double vz,
            @ForAll @DoubleRange(min = -3.2, max = 3.2) double roll,
            @ForAll @DoubleRange(min = -1.5, max = 1.5) double pitch,
            @ForAll @DoubleRange(min = -3.2, max = 3.2) double yaw,
            @ForAll @DoubleRange(min = -10, max = 10) double targetYaw) {
        PositionPid pid = new PositionPid(PositionPidGains.px4Defaults(), LIMITS, 0.01);
        VehicleState s = new VehicleState();
        s.resetAtRest(0);
        s.positionNwuM[0] = ex;
        s.positionNwuM[1] = ey;
        s.positionNwuM[2] = ez;
        s.velocityNwuMps[0] = vx;
        s.velocityNwuMps[2] = vz;
        Quaternions.fromEulerZyx(roll, pitch, yaw, s.attitudeNwuFlu);
        AttitudeSetpoint out = new AttitudeSetpoint();
        double[] target = {0, 0, 0};
        for (int i = 0; i < 3; i++) {
            pid.compute(s, target, targetYaw, out);
            s.velocityNwuMps[1] += 1.0; // a changing measurement exercises the derivative
        }
        assertTrue(out.isValid(1e-9), out.toString());
        assertTrue(out.thrustNormalized >= 0.1 && out.thrustNormalized <= 0.9, out.toString());
        assertTrue(Quaternions.tilt(out.attitudeNwuFlu) <= Math.toRadians(30) + 1e-9, out.toString());
        assertTrue(Math.abs(out.bodyRateFluRadps[2]) <= Math.toRadians(90) + 1e-12, out.toString());
        float[] action = new float[4];
        PidPolicy.encode(out, LIMITS, action, 0);
        for (float a : action) {
            assertTrue(ActionDecoder.flagsOf(a) == ActionDecoder.OK, "action " + a);
        }
        // the heading of the output is the vehicle's: roll and pitch alone carry the thrust direction
        double yawOut = Quaternions.yaw(out.attitudeNwuFlu);
        double yawIn = Quaternions.yaw(s.attitudeNwuFlu);
        assertTrue(Math.abs(Quaternions.wrapPi(yawOut - yawIn)) < 1e-6 || Quaternions.tilt(s.attitudeNwuFlu) > 1.5,
                "yaw " + yawOut + " vs " + yawIn);
    }
}
