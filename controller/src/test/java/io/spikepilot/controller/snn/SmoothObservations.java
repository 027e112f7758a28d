package io.spikepilot.controller.snn;

import java.util.SplittableRandom;

/**
 * Seeded smooth observation sequences shaped like the paper's 18 inputs (position error ±~1.5 m, a rotation matrix of a
 * slowly turning attitude, velocity ±~2 m/s, body rates ±~4 rad/s), for runtime tests.
 */
final class SmoothObservations {
    private final SplittableRandom random;
    private final double[] pos = new double[3];
    private final double[] vel = new double[3];
    private final double[] rate = new double[3];
    private double roll;
    private double pitch;
    private double yaw;

    SmoothObservations(long seed) {
        random = new SplittableRandom(seed);
        for (int i = 0; i < 3; i++) {
            pos[i] = random.nextDouble(-1, 1);
        }
    }

    void next(float[] out) {
        for (int i = 0; i < 3; i++) {
            rate[i] = 0.95 * rate[i] + random.nextDouble(-0.6, 0.6);
            vel[i] = 0.97 * vel[i] + random.nextDouble(-0.15, 0.15);
            pos[i] = 0.995 * pos[i] + 0.01 * vel[i];
        }
        roll = 0.98 * roll + 0.01 * rate[0];
        pitch = 0.98 * pitch + 0.01 * rate[1];
        yaw += 0.01 * rate[2];
        double cr = Math.cos(roll), sr = Math.sin(roll), cp = Math.cos(pitch), sp = Math.sin(pitch);
        double cy = Math.cos(yaw), sy = Math.sin(yaw);
        double[] r = {cy * cp, cy * sp * sr - sy * cr, cy * sp * cr + sy * sr,
            sy * cp, sy * sp * sr + cy * cr, sy * sp * cr - cy * sr,
            -sp, cp * sr, cp * cr};
        for (int i = 0; i < 3; i++) {
            out[i] = (float) pos[i];
            out[12 + i] = (float) vel[i];
            out[15 + i] = (float) rate[i];
        }
        for (int i = 0; i < 9; i++) {
            out[3 + i] = (float) r[i];
        }
    }
}
