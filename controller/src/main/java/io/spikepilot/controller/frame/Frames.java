package io.spikepilot.controller.frame;

/**
 * Conversions between MAVLink's NED/FRD frames and the controller's NWU/FLU frames.
 *
 * <p>Both changes of frame are the rotation by 180° about the x axis, F = diag(1, −1, −1). Hence:
 * <ul>
 *   <li>a world vector: v_nwu = F v_ned;</li>
 *   <li>a body vector (angular rate, body force): ω_flu = F ω_frd;</li>
 *   <li>an attitude, body→world: R_nwu_flu = F R_ned_frd F, i.e. q = (w, x, y, z) ↦ (w, x, −y, −z);</li>
 *   <li>Euler angles (Z-Y-X): roll keeps its sign, pitch and yaw change sign.</li>
 * </ul>
 * Each conversion is its own inverse; the named pairs exist so call sites say which way they go. All methods
 * accept {@code out == in}.
 */
public final class Frames {
    private Frames() {
    }

    /** World vector NED → NWU. */
    public static void nedToNwu(double[] ned, double[] nwu) {
        flip(ned, nwu);
    }

    /** World vector NWU → NED. */
    public static void nwuToNed(double[] nwu, double[] ned) {
        flip(nwu, ned);
    }

    /** Body vector FRD → FLU. */
    public static void frdToFlu(double[] frd, double[] flu) {
        flip(frd, flu);
    }

    /** Body vector FLU → FRD. */
    public static void fluToFrd(double[] flu, double[] frd) {
        flip(flu, frd);
    }

    /** Attitude quaternion (w, x, y, z), FRD body → NED world, to FLU body → NWU world. */
    public static void quaternionNedFrdToNwuFlu(double[] qNedFrd, double[] qNwuFlu) {
        conjugateByFlip(qNedFrd, qNwuFlu);
    }

    /** Attitude quaternion (w, x, y, z), FLU body → NWU world, to FRD body → NED world. */
    public static void quaternionNwuFluToNedFrd(double[] qNwuFlu, double[] qNedFrd) {
        conjugateByFlip(qNwuFlu, qNedFrd);
    }

    /** Yaw angle (rad) about NED down → about NWU up. */
    public static double yawNedToNwu(double yawNedRad) {
        return -yawNedRad;
    }

    /** Pitch angle (rad) in FRD/NED → FLU/NWU (positive nose-up becomes negative). */
    public static double pitchFrdToFlu(double pitchFrdRad) {
        return -pitchFrdRad;
    }

    private static void flip(double[] in, double[] out) {
        out[0] = in[0];
        out[1] = -in[1];
        out[2] = -in[2];
    }

    private static void conjugateByFlip(double[] in, double[] out) {
        out[0] = in[0];
        out[1] = in[1];
        out[2] = -in[2];
        out[3] = -in[3];
    }
}
