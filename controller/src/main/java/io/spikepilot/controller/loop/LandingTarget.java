package io.spikepilot.controller.loop;

import io.spikepilot.controller.state.VehicleState;

/**
 * The target a PID-guided landing flies: it starts where the vehicle is, descends at the landing speed to half a
 * metre below the take-off ground, and never rises above the vehicle, so a landing never commands a climb.
 *
 * <p>After ticks without a trusted state (the open-loop descent of a state loss) it restarts from where the vehicle
 * is once the state is back. Before, it resumed from the altitude it had when the state was lost, above a vehicle
 * that had kept descending, and the PID climbed back towards it. Allocation-free; loop thread only.
 */
final class LandingTarget {
    /** How far below the take-off ground the target goes, so the vehicle is pressed down until it is landed, m. */
    static final double BELOW_GROUND_M = 0.5;

    private final double[] targetNwuM = new double[3];
    private final double stepM;
    private double floorZNwuM;
    private boolean needsRestart;

    /**
     * @param landSpeedMps descent speed, m/s
     * @param periodS      control period, s
     */
    LandingTarget(double landSpeedMps, double periodS) {
        this.stepM = landSpeedMps * periodS;
    }

    /**
     * Starts a landing from {@code fromNwuM} (the vehicle's position, or the hover target when there is no usable
     * state); {@code trusted} false makes the first trusted tick restart it from the vehicle.
     */
    void start(double[] fromNwuM, double groundZNwuM, boolean trusted) {
        targetNwuM[0] = fromNwuM[0];
        targetNwuM[1] = fromNwuM[1];
        targetNwuM[2] = fromNwuM[2];
        floorZNwuM = groundZNwuM - BELOW_GROUND_M;
        needsRestart = !trusted;
    }

    /**
     * One landing tick, before the PID computes: descend (trusted state), restart from the vehicle after a stretch
     * without a trusted state, or, without one now, hold and remember to restart.
     */
    void advance(VehicleState state, boolean trusted) {
        if (!trusted) {
            needsRestart = true;
            return;
        }
        double[] p = state.positionNwuM;
        if (needsRestart) {
            targetNwuM[0] = p[0];
            targetNwuM[1] = p[1];
            targetNwuM[2] = p[2];
            needsRestart = false;
            return;
        }
        double z = targetNwuM[2] - stepM;
        z = z < floorZNwuM ? floorZNwuM : z;
        // a vehicle sinking faster than the target descends must not be asked to climb back up to it
        targetNwuM[2] = z > p[2] ? p[2] : z;
    }

    /** The target, NWU m (live array). */
    double[] targetNwuM() {
        return targetNwuM;
    }
}
