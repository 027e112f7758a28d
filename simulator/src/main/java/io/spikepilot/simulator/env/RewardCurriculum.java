package io.spikepilot.simulator.env;

/**
 * The reward of paper-spec §1.7 with the curriculum of Table S3:
 *
 * <pre>
 * r = C_rs − C_rp·‖p‖² − C_rv·‖v‖² − C_rq·(φ² + θ² + ψ²) − C_ra·‖action − baseline‖²
 * </pre>
 *
 * with p and v the true position (target at the origin) and velocity, and (φ, θ, ψ) the Z-Y-X Euler angles of the
 * true attitude (q_des = level, ψ_des = 0). The orientation term is the Euler-angle form the paper writes, as the
 * spec recommends (not the code's 2·acos(1 − q_z²)).
 *
 * <p>Action term: {@code motors} uses the relative throttle u = (a + 1)/2 against the airframe's hover throttle
 * (C_rab = 0.667 for the Crazyflie, as in L2F's own reward); {@code attitude} uses (a − a_hover)/2 with
 * a_hover = 0 — the action that hovers by construction of the decoder — halved so that a full-range deviation costs
 * the same as in {@code motors}.
 *
 * <p>Curriculum levels 0..6 ("updated in six steps"): each coefficient moves linearly from its start value at level
 * 0 to its end value at level 6.
 */
public final class RewardCurriculum {
    /** Highest curriculum level. */
    public static final int MAX_LEVEL = 6;
    // Table S3, start and end: C_rp, C_rv, C_ra, C_rq, C_rs.
    private static final double[] START = {1.0, 0.01, 0.14, 0.25, 1.0};
    private static final double[] END = {3.5, 0.10, 0.50, 0.25, 1.0};

    private int level;
    private double position;
    private double velocity;
    private double action;
    private double orientation;
    private double survival;

    /** Starts at level 0. */
    public RewardCurriculum() {
        setLevel(0);
    }

    /** Sets the level, 0..{@value #MAX_LEVEL}; throws outside that range. */
    public void setLevel(int level) {
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("reward curriculum: field 'level': expected 0.." + MAX_LEVEL
                    + ", found " + level);
        }
        this.level = level;
        double f = level / (double) MAX_LEVEL;
        position = lerp(0, f);
        velocity = lerp(1, f);
        action = lerp(2, f);
        orientation = lerp(3, f);
        survival = lerp(4, f);
    }

    private static double lerp(int i, double f) {
        return START[i] + (END[i] - START[i]) * f;
    }

    /**
     * Reward of one step.
     *
     * @param positionSq     ‖p − p_des‖², m²
     * @param velocitySq     ‖v − v_des‖², m²/s²
     * @param orientationSq  φ² + θ² + ψ², rad²
     * @param actionSq       ‖action − baseline‖² in the units described above
     */
    public double reward(double positionSq, double velocitySq, double orientationSq, double actionSq) {
        return survival - position * positionSq - velocity * velocitySq - orientation * orientationSq
                - action * actionSq;
    }

    /** Current level. */
    public int level() {
        return level;
    }

    /** C_rp at the current level. */
    public double positionWeight() {
        return position;
    }

    /** C_rv at the current level. */
    public double velocityWeight() {
        return velocity;
    }

    /** C_ra at the current level. */
    public double actionWeight() {
        return action;
    }

    /** C_rq at the current level. */
    public double orientationWeight() {
        return orientation;
    }

    /** C_rs at the current level. */
    public double survivalBonus() {
        return survival;
    }
}
