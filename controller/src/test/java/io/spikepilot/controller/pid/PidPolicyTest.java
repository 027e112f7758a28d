package io.spikepilot.controller.pid;

import io.spikepilot.controller.testing.AllocationMeter;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spikepilot.controller.action.ActionDecoder;
import io.spikepilot.controller.action.AttitudeLimits;
import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.observation.ObservationBuilder;
import io.spikepilot.controller.state.AttitudeSetpoint;
import io.spikepilot.controller.state.VehicleState;
import org.junit.jupiter.api.Test;

class PidPolicyTest {
    private static final AttitudeLimits LIMITS =
            new AttitudeLimits(0.5, 0.1, 0.9, Math.toRadians(30), Math.toRadians(90));

    @Test
    void decodedActionReproducesThePidSetpoint() {
        VehicleState s = new VehicleState();
        s.resetAtRest(0);
        s.positionNwuM[0] = 0.7;
        s.positionNwuM[1] = -0.4;
        s.positionNwuM[2] = 1.2;
        s.velocityNwuMps[2] = 0.3;
        Quaternions.fromEulerZyx(0.05, -0.03, 0.4, s.attitudeNwuFlu);
        double[] target = {0.2, 0.1, 1.0};

        PositionPid reference = new PositionPid(PositionPidGains.px4Defaults(), LIMITS, 0.01);
        AttitudeSetpoint expected = new AttitudeSetpoint();
        reference.compute(s, target, 0.0, expected);

        PidPolicy policy = new PidPolicy(PositionPidGains.px4Defaults(), LIMITS, 0.01, 0.0);
        float[] obs = new float[ObservationBuilder.SIZE];
        float[] action = new float[4];
        ObservationBuilder.write(s, target, obs, 0);
        policy.step(obs, 0, action, 0);
        AttitudeSetpoint decoded = new AttitudeSetpoint();
        ActionDecoder.decodeAttitude(action, 0, LIMITS, Quaternions.yaw(s.attitudeNwuFlu), decoded);

        assertEquals(expected.thrustNormalized, decoded.thrustNormalized, 1e-6);
        assertEquals(Quaternions.roll(expected.attitudeNwuFlu), Quaternions.roll(decoded.attitudeNwuFlu), 1e-6);
        assertEquals(Quaternions.pitch(expected.attitudeNwuFlu), Quaternions.pitch(decoded.attitudeNwuFlu), 1e-6);
        assertEquals(expected.bodyRateFluRadps[2], decoded.bodyRateFluRadps[2], 1e-6);
    }

    @Test
    void hoverOnTargetIsTheZeroAction() {
        PidPolicy policy = new PidPolicy(PositionPidGains.px4Defaults(), LIMITS, 0.01, 0.0);
        VehicleState s = new VehicleState();
        s.resetAtRest(0);
        float[] obs = new float[ObservationBuilder.SIZE];
        float[] action = new float[4];
        ObservationBuilder.write(s, new double[3], obs, 0);
        policy.step(obs, 0, action, 0);
        for (float a : action) {
            assertEquals(0.0f, a, 0.0f);
        }
    }

    @Test
    void stepAllocatesNothing() {
        PidPolicy policy = new PidPolicy(PositionPidGains.px4Defaults(), LIMITS, 0.01, 0.0);
        float[] obs = new float[ObservationBuilder.SIZE];
        VehicleState s = new VehicleState();
        s.resetAtRest(0);
        ObservationBuilder.write(s, new double[] {1, 2, 3}, obs, 0);
        float[] action = new float[4];
        assertEquals(0, AllocationMeter.bytesAllocatedBy(() -> policy.step(obs, 0, action, 0), 200_000, 100_000));
    }
}
