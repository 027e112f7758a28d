package io.spikepilot.controller.observation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.controller.testing.AllocationMeter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ObservedStateTest {
    @Test
    void readsBackWhatTheBuilderWroteRelativeToTheTarget() {
        SplittableRandom r = new SplittableRandom(3);
        ObservedState observed = new ObservedState();
        float[] obs = new float[2 * ObservationBuilder.SIZE];
        for (int n = 0; n < 1000; n++) {
            VehicleState s = new VehicleState();
            double[] target = new double[3];
            for (int i = 0; i < 3; i++) {
                s.positionNwuM[i] = r.nextDouble(-3, 3);
                s.velocityNwuMps[i] = r.nextDouble(-2, 2);
                s.bodyRateFluRadps[i] = r.nextDouble(-4, 4);
                target[i] = r.nextDouble(-3, 3);
            }
            Quaternions.fromEulerZyx(r.nextDouble(-3, 3), r.nextDouble(-1.5, 1.5), r.nextDouble(-3, 3),
                    s.attitudeNwuFlu);
            ObservationBuilder.write(s, target, obs, ObservationBuilder.SIZE);
            VehicleState back = observed.read(obs, ObservationBuilder.SIZE);
            for (int i = 0; i < 3; i++) {
                // float precision of the observation
                assertEquals(s.positionNwuM[i] - target[i], back.positionNwuM[i], 1e-6);
                assertEquals(s.velocityNwuMps[i], back.velocityNwuMps[i], 1e-6);
                assertEquals(s.bodyRateFluRadps[i], back.bodyRateFluRadps[i], 1e-6);
            }
            // q and −q are one rotation
            double dot = 0;
            for (int i = 0; i < 4; i++) {
                dot += s.attitudeNwuFlu[i] * back.attitudeNwuFlu[i];
            }
            assertEquals(1.0, Math.abs(dot), 1e-6);
        }
    }

    @Test
    void readingAllocatesNothing() {
        ObservedState observed = new ObservedState();
        float[] obs = new float[ObservationBuilder.SIZE];
        ObservationBuilder.write(new VehicleState(), new double[] {0.1, 0.2, -0.3}, obs, 0);
        assertEquals(0, AllocationMeter.bytesAllocatedBy(() -> observed.read(obs, 0), 50_000, 10_000));
    }
}
