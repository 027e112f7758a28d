package io.spikepilot.bridge.replay;

import io.spikepilot.controller.frame.Frames;
import io.spikepilot.controller.loop.StateSource;
import io.spikepilot.controller.state.VehicleState;

/**
 * The state stream of a PX4 ULog as the loop reads it: the latest vehicle_local_position (NED position and
 * velocity), vehicle_attitude (FRD→NED quaternion) and body rates (FRD), converted through {@link Frames}, stamped
 * like the live source with the time of the oldest part so the supervisor's staleness check covers the slowest topic.
 */
final class UlogStateSource implements StateSource {
    private static final long NEVER = Long.MIN_VALUE;
    private final double[] positionNwuM = new double[3];
    private final double[] velocityNwuMps = new double[3];
    private final double[] attitudeNwuFlu = {1, 0, 0, 0};
    private final double[] rateFluRadps = new double[3];
    private final double[] ned = new double[4];
    private long positionNs = NEVER;
    private long attitudeNs = NEVER;
    private long rateNs = NEVER;
    private long lastNs = NO_MESSAGE;

    /** A local-position sample; ignored when any value is not finite. */
    void position(long timeNs, double x, double y, double z, double vx, double vy, double vz) {
        seen(timeNs);
        if (!finite(x, y, z) || !finite(vx, vy, vz)) {
            return;
        }
        set(ned, x, y, z);
        Frames.nedToNwu(ned, positionNwuM);
        set(ned, vx, vy, vz);
        Frames.nedToNwu(ned, velocityNwuMps);
        positionNs = timeNs;
    }

    /** An attitude sample (w, x, y, z of FRD→NED); ignored unless close to a unit quaternion. */
    void attitude(long timeNs, double w, double x, double y, double z) {
        seen(timeNs);
        double norm = Math.sqrt(w * w + x * x + y * y + z * z);
        if (!Double.isFinite(norm) || Math.abs(norm - 1.0) > 0.01) {
            return;
        }
        ned[0] = w / norm;
        ned[1] = x / norm;
        ned[2] = y / norm;
        ned[3] = z / norm;
        Frames.quaternionNedFrdToNwuFlu(ned, attitudeNwuFlu);
        attitudeNs = timeNs;
    }

    /** A body-rate sample, FRD rad/s. */
    void rate(long timeNs, double p, double q, double r) {
        seen(timeNs);
        if (!finite(p, q, r)) {
            return;
        }
        set(ned, p, q, r);
        Frames.frdToFlu(ned, rateFluRadps);
        rateNs = timeNs;
    }

    private void seen(long timeNs) {
        lastNs = Math.max(lastNs, timeNs);
    }

    @Override
    public boolean readLatest(VehicleState out) {
        if (positionNs == NEVER || attitudeNs == NEVER || rateNs == NEVER) {
            return false;
        }
        out.timeNs = Math.min(positionNs, Math.min(attitudeNs, rateNs));
        System.arraycopy(positionNwuM, 0, out.positionNwuM, 0, 3);
        System.arraycopy(velocityNwuMps, 0, out.velocityNwuMps, 0, 3);
        System.arraycopy(attitudeNwuFlu, 0, out.attitudeNwuFlu, 0, 4);
        System.arraycopy(rateFluRadps, 0, out.bodyRateFluRadps, 0, 3);
        return true;
    }

    @Override
    public long lastMessageNs() {
        return lastNs;
    }

    private static boolean finite(double a, double b, double c) {
        return Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(c);
    }

    private static void set(double[] v, double a, double b, double c) {
        v[0] = a;
        v[1] = b;
        v[2] = c;
    }
}
