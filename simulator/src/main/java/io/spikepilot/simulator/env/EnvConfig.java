package io.spikepilot.simulator.env;

import io.spikepilot.controller.action.ActionSpace;
import io.spikepilot.controller.action.AttitudeLimits;
import io.spikepilot.simulator.airframe.Airframe;

/**
 * Everything that defines an environment. {@link #paper(Airframe)} and {@link #attitude(Airframe)} give the
 * defaults; the {@code with*} methods return modified copies. Validated at construction.
 *
 * @param actionSpace     {@code motors}: 4 motor commands in [−1, 1], u = (a + 1)/2, one RK4 step per control step;
 *                        {@code attitude}: {@code ActionDecoder.decodeAttitude} with {@link #attitudeLimits}, flown
 *                        through the inner loop for one control period
 * @param airframe        the vehicle
 * @param controlRateHz   policy rate, Hz (paper: 100)
 * @param episodeSteps    steps after which the episode is truncated (paper: 500)
 * @param positionLimitM  episode terminates when |p_i| exceeds this on any axis, m (paper: 0.6)
 * @param initialState    initial-state distribution (paper-spec §1.5)
 * @param attitudeLimits  envelope of the {@code attitude} action space
 * @param noise           observation noise (off by default)
 * @param disturbances    constant external force/torque per episode (off by default)
 * @param randomization   per-episode parameter randomisation (off by default)
 * @param delivery        autopilot-like state delivery: sample-and-hold per stream, latency (off by default)
 */
public record EnvConfig(ActionSpace actionSpace, Airframe airframe, double controlRateHz, int episodeSteps,
                        double positionLimitM, InitialStateConfig initialState, AttitudeLimits attitudeLimits,
                        ObservationNoise noise, Disturbances disturbances, Randomization randomization,
                        StateDeliveryConfig delivery) {
    /** Checks every field; messages name the field, the expectation and the value found. */
    public EnvConfig {
        require(actionSpace != null, "actionSpace", "motors or attitude", "nothing");
        require(airframe != null, "airframe", "an airframe", "nothing");
        require(Double.isFinite(controlRateHz) && controlRateHz >= 1 && controlRateHz <= 10_000, "controlRateHz",
                "a number in [1, 10000]", String.valueOf(controlRateHz));
        require(episodeSteps >= 1, "episodeSteps", "at least 1", String.valueOf(episodeSteps));
        require(Double.isFinite(positionLimitM) && positionLimitM > 0, "positionLimitM", "a positive number",
                String.valueOf(positionLimitM));
        require(initialState != null, "initialState", "a distribution", "nothing");
        require(attitudeLimits != null, "attitudeLimits", "limits", "nothing");
        require(noise != null, "noise", "a noise setting", "nothing");
        require(disturbances != null, "disturbances", "a disturbance setting", "nothing");
        require(randomization != null, "randomization", "a randomisation setting", "nothing");
        require(delivery != null, "delivery", "a state-delivery setting", "nothing");
    }

    /**
     * The paper's task: {@code motors} action space, 100 Hz, 500 steps, ±0.6 m, §1.5 initial states, every switch
     * off. With the Crazyflie airframe this is the environment the paper trained in.
     */
    public static EnvConfig paper(Airframe airframe) {
        return new EnvConfig(ActionSpace.MOTORS, airframe, 100.0, 500, 0.6, InitialStateConfig.paper(),
                defaultAttitudeLimits(airframe), ObservationNoise.off(), Disturbances.off(), Randomization.off(),
                StateDeliveryConfig.off());
    }

    /** The same task flown through the autopilot: {@code attitude} action space, otherwise as {@link #paper}. */
    public static EnvConfig attitude(Airframe airframe) {
        return paper(airframe).withActionSpace(ActionSpace.ATTITUDE);
    }

    /**
     * Default envelope of the {@code attitude} action space: thrust 0.1 … hover … 0.9 (hover from the airframe),
     * 35° maximum tilt, 90°/s maximum yaw rate.
     */
    public static AttitudeLimits defaultAttitudeLimits(Airframe airframe) {
        return new AttitudeLimits(airframe.hoverThrustNormalized(), 0.1, 0.9, Math.toRadians(35), Math.toRadians(90));
    }

    /** Copy with another action space. */
    public EnvConfig withActionSpace(ActionSpace space) {
        return new EnvConfig(space, airframe, controlRateHz, episodeSteps, positionLimitM, initialState,
                attitudeLimits, noise, disturbances, randomization, delivery);
    }

    /** Copy with observation noise on or off (σ of paper-spec §1.2). */
    public EnvConfig withNoise(ObservationNoise n) {
        return new EnvConfig(actionSpace, airframe, controlRateHz, episodeSteps, positionLimitM, initialState,
                attitudeLimits, n, disturbances, randomization, delivery);
    }

    /** Copy with another disturbance setting. */
    public EnvConfig withDisturbances(Disturbances d) {
        return new EnvConfig(actionSpace, airframe, controlRateHz, episodeSteps, positionLimitM, initialState,
                attitudeLimits, noise, d, randomization, delivery);
    }

    /** Copy with another randomisation setting. */
    public EnvConfig withRandomization(Randomization r) {
        return new EnvConfig(actionSpace, airframe, controlRateHz, episodeSteps, positionLimitM, initialState,
                attitudeLimits, noise, disturbances, r, delivery);
    }

    /** Copy with another state-delivery setting. */
    public EnvConfig withDelivery(StateDeliveryConfig d) {
        return new EnvConfig(actionSpace, airframe, controlRateHz, episodeSteps, positionLimitM, initialState,
                attitudeLimits, noise, disturbances, randomization, d);
    }

    /** Copy with another initial-state distribution. */
    public EnvConfig withInitialState(InitialStateConfig i) {
        return new EnvConfig(actionSpace, airframe, controlRateHz, episodeSteps, positionLimitM, i,
                attitudeLimits, noise, disturbances, randomization, delivery);
    }

    /** Copy with another attitude envelope. */
    public EnvConfig withAttitudeLimits(AttitudeLimits l) {
        return new EnvConfig(actionSpace, airframe, controlRateHz, episodeSteps, positionLimitM, initialState,
                l, noise, disturbances, randomization, delivery);
    }

    /** Copy with another episode length. */
    public EnvConfig withEpisodeSteps(int steps) {
        return new EnvConfig(actionSpace, airframe, controlRateHz, steps, positionLimitM, initialState,
                attitudeLimits, noise, disturbances, randomization, delivery);
    }

    public long controlPeriodNs() {
        return Math.round(1e9 / controlRateHz);
    }

    static void require(boolean ok, String field, String expected, String found) {
        if (!ok) {
            throw new IllegalArgumentException(String.format("environment config: field '%s': expected %s, found %s",
                    field, expected, found));
        }
    }

    static double requireNonNegative(String field, double v) {
        require(Double.isFinite(v) && v >= 0, field, "a non-negative finite number", String.valueOf(v));
        return v;
    }

    /**
     * Initial-state distribution (paper-spec §1.5, L2F {@code init_90_deg}).
     *
     * @param guidanceProbability  chance of starting exactly at hover (p = 0, level, at rest); paper 0.1
     * @param positionRangeM       p_i ~ U(−r, r); paper 0.5
     * @param maxAngleRad          uniform random rotation rejected until its angle 2·acos|w| ≤ this; paper π/2
     * @param velocityRangeMps     v_i ~ U(−r, r); paper 1
     * @param rateRangeRadps       ω_i ~ U(−r, r); paper 1
     */
    public record InitialStateConfig(double guidanceProbability, double positionRangeM, double maxAngleRad,
                                     double velocityRangeMps, double rateRangeRadps) {
        /** Validates ranges. */
        public InitialStateConfig {
            require(guidanceProbability >= 0 && guidanceProbability <= 1, "initialState.guidanceProbability",
                    "a number in [0, 1]", String.valueOf(guidanceProbability));
            requireNonNegative("initialState.positionRangeM", positionRangeM);
            require(maxAngleRad > 0.05 && maxAngleRad <= Math.PI, "initialState.maxAngleRad",
                    "a number in (0.05, pi]", String.valueOf(maxAngleRad));
            requireNonNegative("initialState.velocityRangeMps", velocityRangeMps);
            requireNonNegative("initialState.rateRangeRadps", rateRangeRadps);
        }

        /** The paper's values. */
        public static InitialStateConfig paper() {
            return new InitialStateConfig(0.1, 0.5, Math.PI / 2, 1.0, 1.0);
        }

        /**
         * Starts for a companion-computer-sized quad taking over from the autopilot in flight: ±0.3 m, tilt ≤ 30°,
         * ±0.5 m/s, ±0.5 rad/s (guidance probability 0.1 as in the paper). An X500 on its PX4-like inner loop cannot
         * right itself from the paper's 90° starts inside ±0.6 m: the PositionPid guide keeps only about half of
         * them in the box for 50 steps, against 99 of 100 of these.
         */
        public static InitialStateConfig companion() {
            return new InitialStateConfig(0.1, 0.3, Math.PI / 6, 0.5, 0.5);
        }
    }

    /**
     * Gaussian noise on the 18 actor observations (never on the privileged ones). σ defaults are L2F's at
     * f2252ce (paper-spec §1.2).
     *
     * @param enabled            off by default
     * @param positionM          σ of the position error, m (0.05)
     * @param rotationMatrix     σ of each rotation-matrix element (0.001)
     * @param velocityMps        σ of the velocity, m/s (0.1)
     * @param rateRadps          σ of the body rates, rad/s (0.2)
     */
    public record ObservationNoise(boolean enabled, double positionM, double rotationMatrix, double velocityMps,
                                   double rateRadps) {
        /** Validates the sigmas. */
        public ObservationNoise {
            requireNonNegative("noise.positionM", positionM);
            requireNonNegative("noise.rotationMatrix", rotationMatrix);
            requireNonNegative("noise.velocityMps", velocityMps);
            requireNonNegative("noise.rateRadps", rateRadps);
        }

        /** Off, with the paper's sigmas ready for {@link #on()}. */
        public static ObservationNoise off() {
            return new ObservationNoise(false, 0.05, 0.001, 0.1, 0.2);
        }

        /** On with the paper's sigmas. */
        public static ObservationNoise on() {
            return new ObservationNoise(true, 0.05, 0.001, 0.1, 0.2);
        }
    }

    /**
     * A constant external force (NWU world) and torque (FLU body) drawn per episode and axis from N(0, σ). Defaults
     * scale [L2F-orig]'s Crazyflie values (σ_F = m·g/20, σ_τ = m·g/10000 m) with the airframe's weight.
     *
     * @param enabled             off by default
     * @param forceStdPerWeight   σ_F / (m·g)
     * @param torqueStdMPerWeight σ_τ / (m·g), m
     */
    public record Disturbances(boolean enabled, double forceStdPerWeight, double torqueStdMPerWeight) {
        /** Validates the sigmas. */
        public Disturbances {
            requireNonNegative("disturbances.forceStdPerWeight", forceStdPerWeight);
            requireNonNegative("disturbances.torqueStdMPerWeight", torqueStdMPerWeight);
        }

        /** Off, with the default sigmas ready for {@link #on()}. */
        public static Disturbances off() {
            return new Disturbances(false, 0.05, 1e-4);
        }

        /** On with the default sigmas. */
        public static Disturbances on() {
            return new Disturbances(true, 0.05, 1e-4);
        }
    }

    /**
     * Per-episode randomisation of the physical parameters, the L2F way (paper-spec §4.2): each parameter is
     * multiplied by f = 1 + n for n ≥ 0 and f = 1/(1 − n) for n &lt; 0, n ~ N(0, σ). The inner loop keeps the
     * nominal values, as a real autopilot would.
     *
     * @param enabled     off by default
     * @param massStd     σ for the mass
     * @param thrustStd   σ for the thrust-curve coefficients
     * @param inertiaStd  σ for the inertia
     * @param torqueStd   σ for the rotor torque constant
     */
    public record Randomization(boolean enabled, double massStd, double thrustStd, double inertiaStd,
                                double torqueStd) {
        /** Validates the sigmas. */
        public Randomization {
            requireNonNegative("randomization.massStd", massStd);
            requireNonNegative("randomization.thrustStd", thrustStd);
            requireNonNegative("randomization.inertiaStd", inertiaStd);
            requireNonNegative("randomization.torqueStd", torqueStd);
        }

        /** Off, with σ = 0.1 ready for {@link #on()}. */
        public static Randomization off() {
            return new Randomization(false, 0.1, 0.1, 0.1, 0.1);
        }

        /** On with σ = 0.1 for every parameter. */
        public static Randomization on() {
            return new Randomization(true, 0.1, 0.1, 0.1, 0.1);
        }
    }

    /**
     * How an autopilot delivers state to a companion computer (mavlink-ecosystem §1.5): the attitude stream
     * (ATTITUDE_QUATERNION: attitude and body rates) and the position stream (LOCAL_POSITION_NED: position and
     * velocity) are each sampled at their own rate, with a random phase per episode, and become visible to the
     * policy a latency later; in between, the last delivered value is held. Defaults: PX4's onboard-link rates,
     * attitude 50 Hz and position 30 Hz, with 10 ms latency. Privileged observations, reward and termination always
     * use the true state.
     *
     * @param enabled             off by default
     * @param attitudeRateHz      attitude stream rate, Hz
     * @param attitudeLatencyS    attitude stream latency, s
     * @param positionRateHz      position stream rate, Hz
     * @param positionLatencyS    position stream latency, s
     */
    public record StateDeliveryConfig(boolean enabled, double attitudeRateHz, double attitudeLatencyS,
                                      double positionRateHz, double positionLatencyS) {
        /** Validates rates and latencies. */
        public StateDeliveryConfig {
            require(Double.isFinite(attitudeRateHz) && attitudeRateHz >= 1 && attitudeRateHz <= 1000,
                    "delivery.attitudeRateHz", "a number in [1, 1000]", String.valueOf(attitudeRateHz));
            require(Double.isFinite(positionRateHz) && positionRateHz >= 1 && positionRateHz <= 1000,
                    "delivery.positionRateHz", "a number in [1, 1000]", String.valueOf(positionRateHz));
            require(Double.isFinite(attitudeLatencyS) && attitudeLatencyS >= 0 && attitudeLatencyS <= 1,
                    "delivery.attitudeLatencyS", "a number in [0, 1]", String.valueOf(attitudeLatencyS));
            require(Double.isFinite(positionLatencyS) && positionLatencyS >= 0 && positionLatencyS <= 1,
                    "delivery.positionLatencyS", "a number in [0, 1]", String.valueOf(positionLatencyS));
        }

        /** Off, with PX4's onboard defaults ready for {@link #px4Onboard()}. */
        public static StateDeliveryConfig off() {
            return new StateDeliveryConfig(false, 50, 0.010, 30, 0.010);
        }

        /** On: attitude 50 Hz, position 30 Hz, 10 ms latency each. */
        public static StateDeliveryConfig px4Onboard() {
            return new StateDeliveryConfig(true, 50, 0.010, 30, 0.010);
        }
    }
}
