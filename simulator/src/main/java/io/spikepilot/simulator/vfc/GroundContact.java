package io.spikepilot.simulator.vfc;

import io.spikepilot.simulator.dynamics.Quadrotor;

/**
 * A flat, rigid ground at z = 0 (NWU, up positive) for take-off and landing.
 *
 * <p>The rigid-body model has no ground, so after each step this puts back a vehicle that went below it: height 0,
 * no downward speed. While it rests there with less thrust than weight it is held level and still (yaw kept), the way
 * landing gear holds a real frame.
 */
public final class GroundContact {
    private GroundContact() {
    }

    /**
     * Applies the ground to {@code quad}'s state. Returns true when the vehicle is resting on the ground (at z = 0 and
     * not pushed up by its rotors).
     */
    public static boolean apply(Quadrotor quad) {
        double[] x = quad.state();
        if (x[Quadrotor.P + 2] > 0.0) {
            return false;
        }
        double thrustN = 0;
        for (int i = 0; i < 4; i++) {
            thrustN += quad.thrustN(x[Quadrotor.U + i]);
        }
        boolean resting = thrustN < quad.massKg() * quad.airframe().gravityMps2();
        double vz = Math.max(0.0, x[Quadrotor.V + 2]);
        if (resting) {
            // Level out, keep the heading: q = (cos ψ/2, 0, 0, sin ψ/2).
            double qw = x[Quadrotor.Q];
            double qz = x[Quadrotor.Q + 3];
            double n = Math.hypot(qw, qz);
            double cw = n > 1e-9 ? qw / n : 1.0;
            double cz = n > 1e-9 ? qz / n : 0.0;
            quad.setState(x[Quadrotor.P], x[Quadrotor.P + 1], 0.0, cw, 0, 0, cz, 0, 0, 0, 0, 0, 0,
                    x[Quadrotor.U], x[Quadrotor.U + 1], x[Quadrotor.U + 2], x[Quadrotor.U + 3]);
        } else {
            quad.setState(x[Quadrotor.P], x[Quadrotor.P + 1], 0.0,
                    x[Quadrotor.Q], x[Quadrotor.Q + 1], x[Quadrotor.Q + 2], x[Quadrotor.Q + 3],
                    x[Quadrotor.V], x[Quadrotor.V + 1], vz,
                    x[Quadrotor.W], x[Quadrotor.W + 1], x[Quadrotor.W + 2],
                    x[Quadrotor.U], x[Quadrotor.U + 1], x[Quadrotor.U + 2], x[Quadrotor.U + 3]);
        }
        return resting;
    }
}
