package io.spikepilot.simulator.autopilot;

import io.spikepilot.simulator.airframe.Airframe;
import io.spikepilot.simulator.airframe.Rotor;

/**
 * Turns normalized collective thrust and a torque demand into four motor throttles in [0, 1].
 *
 * <p>Collective thrust maps linearly onto throttle (PX4 with {@code THR_MDL_FAC} = 0). Torque is allocated through
 * the inverse of the rotor effectiveness matrix (rows: collective, roll arm y_i, pitch arm −x_i, yaw d_i·k_m),
 * divided by the thrust slope dT/du at hover so that a torque in N·m becomes a throttle difference.
 *
 * <p>Saturation, in priority order: roll and pitch, then collective thrust, then yaw. The collective is shifted by
 * the least amount that fits the roll/pitch differences into [0, 1]; if they span more than the whole range they are
 * scaled down to fit. Yaw is then added with the largest share (0..1) that keeps every motor in range. Any such
 * adjustment is reported as saturation, which freezes the rate integrators.
 */
public final class Mixer {
    private final double[] rollPerNm = new double[4];
    private final double[] pitchPerNm = new double[4];
    private final double[] yawPerNm = new double[4];
    private final double[] rollPitch = new double[4];
    private final double[] yaw = new double[4];

    /** Builds the allocation from the airframe's nominal geometry and thrust curve. */
    public Mixer(Airframe airframe) {
        double[][] b = new double[4][4];
        for (int i = 0; i < 4; i++) {
            Rotor r = airframe.rotor(i);
            b[0][i] = 1.0;
            b[1][i] = r.yFluM();
            b[2][i] = -r.xFluM();
            b[3][i] = r.torqueDirection() * airframe.torqueConstantM();
        }
        double[][] inv = invert(b, airframe.name());
        double slope = airframe.slopeNPerThrottle(airframe.hoverThrottle());
        for (int i = 0; i < 4; i++) {
            rollPerNm[i] = inv[i][1] / slope;
            pitchPerNm[i] = inv[i][2] / slope;
            yawPerNm[i] = inv[i][3] / slope;
        }
    }

    /**
     * Writes four throttles into {@code throttleOut[0..3]} and returns true when the demand had to be reduced.
     *
     * @param collective  normalized collective thrust, [0, 1]
     * @param torque      torque demand (FLU, N·m)
     */
    public boolean mix(double collective, double[] torque, double[] throttleOut) {
        boolean saturated = false;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 4; i++) {
            rollPitch[i] = rollPerNm[i] * torque[0] + pitchPerNm[i] * torque[1];
            yaw[i] = yawPerNm[i] * torque[2];
            min = Math.min(min, rollPitch[i]);
            max = Math.max(max, rollPitch[i]);
        }
        double range = max - min;
        if (range > 1.0) {
            double scale = 1.0 / range;
            for (int i = 0; i < 4; i++) {
                rollPitch[i] *= scale;
            }
            min *= scale;
            max *= scale;
            saturated = true;
        }
        double thrust = collective;
        if (thrust + max > 1.0) {
            thrust = 1.0 - max;
            saturated = true;
        }
        if (thrust + min < 0.0) {
            thrust = -min;
            saturated = true;
        }
        double yawShare = 1.0;
        for (int i = 0; i < 4; i++) {
            double base = thrust + rollPitch[i];
            double y = yaw[i];
            if (base + y > 1.0) {
                yawShare = Math.min(yawShare, (1.0 - base) / y);
            } else if (base + y < 0.0) {
                yawShare = Math.min(yawShare, -base / y);
            }
        }
        if (yawShare < 1.0) {
            yawShare = Math.max(0.0, yawShare);
            saturated = true;
        }
        for (int i = 0; i < 4; i++) {
            double u = thrust + rollPitch[i] + yawShare * yaw[i];
            throttleOut[i] = u < 0.0 ? 0.0 : (u > 1.0 ? 1.0 : u);
        }
        return saturated;
    }

    /** Gauss-Jordan inverse with partial pivoting; throws when the rotors cannot make independent torques. */
    private static double[][] invert(double[][] m, String name) {
        int n = m.length;
        double[][] a = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], 0, a[i], 0, n);
            a[i][n + i] = 1.0;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot][col]) < 1e-12) {
                throw new IllegalArgumentException("airframe '" + name + "': field 'rotors': expected a layout that"
                        + " produces independent thrust, roll, pitch and yaw, found a singular effectiveness matrix");
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            double p = a[col][col];
            for (int c = 0; c < 2 * n; c++) {
                a[col][c] /= p;
            }
            for (int r = 0; r < n; r++) {
                if (r != col) {
                    double f = a[r][col];
                    for (int c = 0; c < 2 * n; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], n, inv[i], 0, n);
        }
        return inv;
    }
}
