package io.spikepilot.controller.observation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.controller.testing.AllocationMeter;
import org.junit.jupiter.api.Test;

class ObservationBuilderTest {
    @Test
    void layoutHasTheNumbersOfThePaper() {
        assertEquals(18, ObservationBuilder.SIZE);
        assertEquals(146, ObservationBuilder.PRIVILEGED_SIZE);
        assertEquals(18, ObservationBuilder.NAMES.length);
    }

    @Test
    void levelHoverAboveTargetGivesPositionErrorAndIdentityMatrix() {
        VehicleState s = new VehicleState();
        s.positionNwuM[0] = 1.0;
        s.positionNwuM[2] = 2.5;
        s.velocityNwuMps[1] = -0.25;
        s.bodyRateFluRadps[2] = 0.5;
        float[] out = new float[18];
        ObservationBuilder.write(s, new double[] {0.5, 0, 2.0}, out, 0);
        assertArrayEquals(new float[] {0.5f, 0, 0.5f, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, -0.25f, 0, 0, 0, 0.5f}, out);
    }

    @Test
    void rotationBlockIsTheRowMajorMatrixOfTheAttitude() {
        VehicleState s = new VehicleState();
        Quaternions.fromEulerZyx(0.3, -0.2, 1.1, s.attitudeNwuFlu);
        double[] r = new double[9];
        Quaternions.toRotationMatrix(s.attitudeNwuFlu, r);
        float[] out = new float[18];
        ObservationBuilder.write(s, new double[3], out, 0);
        for (int i = 0; i < 9; i++) {
            assertEquals((float) r[i], out[ObservationBuilder.ROTATION + i], 1e-7f);
        }
    }

    @Test
    void actionHistoryIsWrittenOldestFirst() {
        float[] ring = new float[ObservationBuilder.HISTORY_STEPS * 4];
        for (int step = 0; step < ObservationBuilder.HISTORY_STEPS; step++) {
            for (int a = 0; a < 4; a++) {
                ring[step * 4 + a] = step + a / 10f;
            }
        }
        float[] out = new float[ObservationBuilder.PRIVILEGED_SIZE];
        ObservationBuilder.writeActionHistory(ring, 5, out, 0);
        assertEquals(5.0f, out[18]);
        assertEquals(5.3f, out[21]);
        assertEquals(31.0f, out[18 + 26 * 4]);
        assertEquals(0.0f, out[18 + 27 * 4]);
        assertEquals(4.3f, out[145]);
    }

    @Test
    void writingAllocatesNothing() {
        VehicleState s = new VehicleState();
        double[] target = new double[3];
        float[] out = new float[18];
        long bytes = AllocationMeter.bytesAllocatedBy(() -> ObservationBuilder.write(s, target, out, 0), 20_000, 100_000);
        assertEquals(0, bytes);
    }
}
