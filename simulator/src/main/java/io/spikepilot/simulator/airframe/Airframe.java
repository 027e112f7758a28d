package io.spikepilot.simulator.airframe;

import java.util.List;

/**
 * The physical constants of a quadrotor (paper-spec §4: quadratic thrust curve on the relative motor state
 * u ∈ [0, 1], first-order motor lag, yaw torque k_m·T per rotor, diagonal inertia) and the gains of its inner loop.
 *
 * <p>Immutable and validated at construction: every number finite, masses/inertias/time constants positive, four
 * rotors with torque directions ±1, a thrust curve that is non-negative on [0, 1] and increasing at hover and at
 * full throttle, and a hover throttle at which 4·T(u) is within 5 % of m·g. Error messages name the field, the expected value and the value found.
 *
 * <p>Normalized collective thrust (PX4's meaning, what an {@code AttitudeSetpoint} carries) maps linearly onto the
 * motor throttle, as PX4 does with its thrust-model factor {@code THR_MDL_FAC} = 0; hence the hover thrust equals
 * the hover throttle.
 */
public final class Airframe {
    /** Number of rotors the simulator supports. */
    public static final int ROTORS = 4;
    /** Allowed relative mismatch between 4·T(hoverThrottle) and m·g. */
    public static final double HOVER_BALANCE_TOLERANCE = 0.05;

    private final String name;
    private final String source;
    private final double massKg;
    private final double gravityMps2;
    private final double[] inertiaKgM2;
    private final double[] thrustCurveN;
    private final double torqueConstantM;
    private final double motorTimeConstantS;
    private final double hoverThrottle;
    private final Rotor[] rotors;
    private final InnerLoopGains innerLoop;

    /**
     * Validates and builds an airframe.
     *
     * @param name                short identifier, e.g. {@code crazyflie}
     * @param source              where the numbers come from (citation)
     * @param massKg              total mass, kg
     * @param gravityMps2         magnitude of gravity, m/s² (acts along −z world)
     * @param inertiaKgM2         diagonal inertia (Jxx, Jyy, Jzz) about FLU body axes, kg·m²
     * @param thrustCurveN        (c0, c1, c2): thrust per rotor T(u) = c0 + c1·u + c2·u², N
     * @param torqueConstantM     k_m: yaw torque per newton of thrust, N·m/N
     * @param motorTimeConstantS  first-order motor lag τ_m, s
     * @param hoverThrottle       relative motor state that holds altitude
     * @param rotors              exactly four rotors
     * @param innerLoop           inner-loop gains
     */
    public Airframe(String name, String source, double massKg, double gravityMps2, double[] inertiaKgM2,
                    double[] thrustCurveN, double torqueConstantM, double motorTimeConstantS, double hoverThrottle,
                    List<Rotor> rotors, InnerLoopGains innerLoop) {
        Validation v = new Validation("airframe '" + name + "'");
        v.require(name != null && !name.isBlank(), "name", "a non-empty string", String.valueOf(name));
        this.name = name;
        this.source = source == null ? "" : source;
        this.massKg = v.positive("massKg", massKg);
        this.gravityMps2 = v.positive("gravityMps2", gravityMps2);
        this.inertiaKgM2 = v.positiveVector("inertiaKgM2", inertiaKgM2, 3);
        this.thrustCurveN = v.finiteVector("thrustCurveN", thrustCurveN, 3);
        this.torqueConstantM = v.positive("torqueConstantM", torqueConstantM);
        this.motorTimeConstantS = v.positive("motorTimeConstantS", motorTimeConstantS);
        this.hoverThrottle = v.inRange("hoverThrottle", hoverThrottle, 0.0, 1.0);
        v.require(rotors != null && rotors.size() == ROTORS, "rotors", "a list of " + ROTORS + " rotors",
                rotors == null ? "nothing" : rotors.size() + " rotors");
        this.rotors = rotors.toArray(new Rotor[0]);
        for (int i = 0; i < ROTORS; i++) {
            Rotor r = this.rotors[i];
            String f = "rotors[" + i + "]";
            v.finite(f + ".positionFluM[0]", r.xFluM());
            v.finite(f + ".positionFluM[1]", r.yFluM());
            v.finite(f + ".positionFluM[2]", r.zFluM());
            v.require(r.torqueDirection() == 1 || r.torqueDirection() == -1, f + ".torqueDirection", "+1 or -1",
                    String.valueOf(r.torqueDirection()));
        }
        // The thrust curve must push everywhere and grow through hover and full throttle, or the mixer cannot
        // turn torque into throttle differences. (The Crazyflie curve dips slightly near u = 0, which is fine.)
        double lowestThrust = Math.min(thrustN(0.0), thrustN(1.0));
        if (thrustCurveN[2] > 0) {
            double uMin = -thrustCurveN[1] / (2 * thrustCurveN[2]);
            if (uMin > 0 && uMin < 1) {
                lowestThrust = Math.min(lowestThrust, thrustN(uMin));
            }
        }
        v.require(lowestThrust >= 0.0, "thrustCurveN", "T(u) >= 0 for u in [0, 1]",
                "a minimum of " + lowestThrust + " N");
        v.require(slopeNPerThrottle(hoverThrottle) > 0.0 && slopeNPerThrottle(1.0) > 0.0, "thrustCurveN",
                "dT/du > 0 at hoverThrottle and at u = 1", "dT/du(hover) = " + slopeNPerThrottle(hoverThrottle)
                        + ", dT/du(1) = " + slopeNPerThrottle(1.0));
        double weight = massKg * gravityMps2;
        double hover = ROTORS * thrustN(hoverThrottle);
        v.require(Math.abs(hover - weight) <= HOVER_BALANCE_TOLERANCE * weight, "hoverThrottle",
                String.format("4*T(u) within 5%% of m*g = %.6g N", weight),
                String.format("4*T(%s) = %.6g N", hoverThrottle, hover));
        v.require(innerLoop != null, "innerLoop", "a mapping of inner-loop gains", "nothing");
        v.inRange("innerLoop.rateHz", innerLoop.rateHz(), 250.0, 100_000.0);
        v.nonNegativeVector("innerLoop.attitudeP", innerLoop.attitudeP(), 3);
        v.nonNegativeVector("innerLoop.rateP", innerLoop.rateP(), 3);
        v.nonNegativeVector("innerLoop.rateI", innerLoop.rateI(), 3);
        v.nonNegativeVector("innerLoop.rateD", innerLoop.rateD(), 3);
        v.nonNegativeVector("innerLoop.rateIntegratorLimit", innerLoop.rateIntegratorLimit(), 3);
        v.positiveVector("innerLoop.maxRateRadps", innerLoop.maxRateRadps(), 3);
        v.require(innerLoop.attitudeP()[0] > 0, "innerLoop.attitudeP[0]", "a positive roll gain",
                String.valueOf(innerLoop.attitudeP()[0]));
        this.innerLoop = innerLoop;
    }

    /** Thrust of one rotor at relative motor state {@code u}, N. */
    public double thrustN(double u) {
        return thrustCurveN[0] + thrustCurveN[1] * u + thrustCurveN[2] * u * u;
    }

    /** dT/du at {@code u}, N per unit throttle. */
    public double slopeNPerThrottle(double u) {
        return thrustCurveN[1] + 2.0 * thrustCurveN[2] * u;
    }

    /** Normalized collective thrust that holds altitude (PX4 MPC_THR_HOVER); equals the hover throttle. */
    public double hoverThrustNormalized() {
        return hoverThrottle;
    }

    /** Identifier, e.g. {@code crazyflie}. */
    public String name() {
        return name;
    }

    /** Citation of where the numbers come from. */
    public String source() {
        return source;
    }

    public double massKg() {
        return massKg;
    }

    /** Gravity magnitude, m/s². */
    public double gravityMps2() {
        return gravityMps2;
    }

    /** Diagonal inertia about body x, y, z (copy), kg·m². */
    public double[] inertiaKgM2() {
        return inertiaKgM2.clone();
    }

    /** Thrust-curve coefficients (c0, c1, c2) (copy), N. */
    public double[] thrustCurveN() {
        return thrustCurveN.clone();
    }

    /** Yaw torque per newton of thrust, N·m/N. */
    public double torqueConstantM() {
        return torqueConstantM;
    }

    public double motorTimeConstantS() {
        return motorTimeConstantS;
    }

    /** Relative motor state that holds altitude. */
    public double hoverThrottle() {
        return hoverThrottle;
    }

    /** Rotor {@code i} (0..3). */
    public Rotor rotor(int i) {
        return rotors[i];
    }

    /** Inner-loop gains. */
    public InnerLoopGains innerLoop() {
        return innerLoop;
    }

    @Override
    public String toString() {
        return "Airframe{" + name + ", m=" + massKg + " kg, hover throttle=" + hoverThrottle + "}";
    }

    /** Collects the checks so each message has the same shape: context, field, expected, found. */
    static final class Validation {
        private final String context;

        Validation(String context) {
            this.context = context;
        }

        void require(boolean ok, String field, String expected, String found) {
            if (!ok) {
                throw new IllegalArgumentException(String.format("%s: field '%s': expected %s, found %s",
                        context, field, expected, found));
            }
        }

        double finite(String field, double value) {
            require(Double.isFinite(value), field, "a finite number", String.valueOf(value));
            return value;
        }

        double positive(String field, double value) {
            require(Double.isFinite(value) && value > 0, field, "a positive finite number", String.valueOf(value));
            return value;
        }

        double inRange(String field, double value, double lo, double hi) {
            require(Double.isFinite(value) && value > lo && value < hi, field,
                    "a finite number in (" + lo + ", " + hi + ")", String.valueOf(value));
            return value;
        }

        double[] finiteVector(String field, double[] values, int length) {
            checkLength(field, values, length);
            for (int i = 0; i < length; i++) {
                finite(field + "[" + i + "]", values[i]);
            }
            return values.clone();
        }

        double[] positiveVector(String field, double[] values, int length) {
            checkLength(field, values, length);
            for (int i = 0; i < length; i++) {
                positive(field + "[" + i + "]", values[i]);
            }
            return values.clone();
        }

        double[] nonNegativeVector(String field, double[] values, int length) {
            checkLength(field, values, length);
            for (int i = 0; i < length; i++) {
                require(Double.isFinite(values[i]) && values[i] >= 0, field + "[" + i + "]",
                        "a non-negative finite number", String.valueOf(values[i]));
            }
            return values.clone();
        }

        private void checkLength(String field, double[] values, int length) {
            require(values != null && values.length == length, field, "a list of " + length + " numbers",
                    values == null ? "nothing" : "a list of " + values.length);
        }
    }
}
