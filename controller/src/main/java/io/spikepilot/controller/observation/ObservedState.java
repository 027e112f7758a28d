package io.spikepilot.controller.observation;

import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.state.VehicleState;

/**
 * The inverse of {@link ObservationBuilder#write}: the vehicle state an observation describes, relative to its target
 * (position = the error p − target, so the target is the origin; attitude rebuilt from the rotation matrix). The PID
 * policy on the vehicle and the trainer's guide both read their observation through this one class, so the guide that
 * trains a network sees exactly what the PID that flies beside it sees. Reuses one state: allocation-free, not
 * thread-safe.
 */
public final class ObservedState {
    private final VehicleState state = new VehicleState();
    private final double[] rotation = new double[9];

    /** The state in {@code observation[offset ..]}; valid until the next call. */
    public VehicleState read(float[] observation, int offset) {
        for (int i = 0; i < 3; i++) {
            state.positionNwuM[i] = observation[offset + ObservationBuilder.POSITION + i];
            state.velocityNwuMps[i] = observation[offset + ObservationBuilder.VELOCITY + i];
            state.bodyRateFluRadps[i] = observation[offset + ObservationBuilder.ANGULAR_VELOCITY + i];
        }
        for (int i = 0; i < 9; i++) {
            rotation[i] = observation[offset + ObservationBuilder.ROTATION + i];
        }
        Quaternions.fromRotationMatrix(rotation, state.attitudeNwuFlu);
        return state;
    }
}
