package io.spikepilot.simulator.env;

import io.spikepilot.controller.action.ActionDecoder;
import io.spikepilot.controller.action.ActionSpace;
import io.spikepilot.controller.action.AttitudeLimits;
import io.spikepilot.controller.observation.ObservationBuilder;
import io.spikepilot.controller.state.AttitudeSetpoint;
import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.simulator.autopilot.InnerLoop;
import io.spikepilot.simulator.dynamics.Quadrotor;
import io.spikepilot.simulator.vehicle.SimulatedVehicle;
import java.util.SplittableRandom;

/**
 * One environment of the paper's hover task (paper-spec §1). Usually stepped through {@link QuadrotorEnvBatch};
 * usable alone.
 *
 * <p>Per step: the action is sanitized and decoded by the controller's {@link ActionDecoder} (non-finite or
 * out-of-range outputs are clamped and counted in {@link #invalidActionCount()}); {@code motors} holds the four
 * throttles for one RK4 step of the control period, {@code attitude} flies the decoded setpoint through the inner
 * loop for the control period. Then the reward ({@link RewardCurriculum}) and termination (|p_i| above the limit or
 * a non-finite state: terminated; the step limit: truncated) are computed on the true state, and the observations
 * are rebuilt: the 18 actor values from the delivered state (truth unless state delivery is on) plus noise if
 * enabled, and the 146 privileged values from the noise-free truth plus the 32-step action history (oldest first;
 * filled at reset with 2u − 1 of the initial motor states for {@code motors}, with the hover action 0 for
 * {@code attitude}).
 *
 * <p>After the episode ends the environment stays frozen (reward 0, done) until {@link #reset()}. Randomness comes
 * only from the environment's own {@link SplittableRandom}, so a seed fixes the whole trajectory. Allocation-free
 * after construction.
 */
public final class QuadrotorEnv {
    private static final int[] ATTITUDE_STREAM = {Quadrotor.Q, Quadrotor.Q + 1, Quadrotor.Q + 2, Quadrotor.Q + 3,
        Quadrotor.W, Quadrotor.W + 1, Quadrotor.W + 2};
    private static final int[] POSITION_STREAM = {Quadrotor.P, Quadrotor.P + 1, Quadrotor.P + 2,
        Quadrotor.V, Quadrotor.V + 1, Quadrotor.V + 2};

    private final EnvConfig config;
    private final boolean motors;
    private final long periodNs;
    private final double periodS;
    private final SplittableRandom random;
    private final RewardCurriculum curriculum;
    private final SimulatedVehicle vehicle;
    private final Quadrotor quadrotor;
    private final double[] state;
    private final AttitudeLimits limits;
    private final AttitudeSetpoint setpoint = new AttitudeSetpoint();
    private final double[] throttle = new double[4];
    private final double[] before = new double[Quadrotor.STATE_SIZE];
    private final float[] history = new float[ObservationBuilder.HISTORY_STEPS * ObservationBuilder.ACTION_SIZE];
    private final float[] observation = new float[ObservationBuilder.SIZE];
    private final float[] privileged = new float[ObservationBuilder.PRIVILEGED_SIZE];
    private final SampledStream attitudeStream;
    private final SampledStream positionStream;
    private final double hoverThrottle;
    private final InnerLoop guideLoop;
    private final double[] guideThrottle = new double[4];
    private final double[] guideAttitude = {1, 0, 0, 0};
    private int oldestHistoryStep;
    private int steps;
    private boolean done;
    private boolean truncated;
    private double reward;
    private double episodeReturn;
    private long invalidActionCount;

    /**
     * @param config      the task
     * @param random      this environment's own random source
     * @param curriculum  reward weights (shared by a batch, so one call changes the level of all)
     */
    public QuadrotorEnv(EnvConfig config, SplittableRandom random, RewardCurriculum curriculum) {
        this.config = config;
        this.motors = config.actionSpace() == ActionSpace.MOTORS;
        this.periodNs = config.controlPeriodNs();
        this.periodS = periodNs * 1e-9;
        this.random = random;
        this.curriculum = curriculum;
        this.vehicle = new SimulatedVehicle(config.airframe());
        this.quadrotor = vehicle.quadrotor();
        this.state = quadrotor.state();
        this.limits = config.attitudeLimits();
        this.hoverThrottle = config.airframe().hoverThrottle();
        this.guideLoop = new InnerLoop(config.airframe(), config.controlRateHz());
        EnvConfig.StateDeliveryConfig d = config.delivery();
        if (d.enabled()) {
            attitudeStream = new SampledStream(ATTITUDE_STREAM, 0, Math.round(1e9 / d.attitudeRateHz()),
                    Math.round(d.attitudeLatencyS() * 1e9), periodNs);
            positionStream = new SampledStream(POSITION_STREAM, -1, Math.round(1e9 / d.positionRateHz()),
                    Math.round(d.positionLatencyS() * 1e9), periodNs);
        } else {
            attitudeStream = null;
            positionStream = null;
        }
        reset();
    }

    /** Starts a new episode from the §1.5 distribution (plus randomisation and disturbances when enabled). */
    public void reset() {
        randomizeParameters();
        sampleInitialState();
        sampleDisturbance();
        startEpisode();
    }

    /**
     * Starts a new episode from a given state with all four motor states at {@code motorState} (evaluation from
     * chosen starts, tests). Randomisation and disturbances are drawn as in {@link #reset()}.
     */
    public void resetTo(VehicleState start, double motorState) {
        randomizeParameters();
        double[] p = start.positionNwuM;
        double[] q = start.attitudeNwuFlu;
        double[] v = start.velocityNwuMps;
        double[] w = start.bodyRateFluRadps;
        quadrotor.setState(p[0], p[1], p[2], q[0], q[1], q[2], q[3], v[0], v[1], v[2], w[0], w[1], w[2],
                motorState, motorState, motorState, motorState);
        sampleDisturbance();
        startEpisode();
    }

    private void startEpisode() {
        vehicle.restart(0L);
        guideLoop.reset();
        for (int k = 0; k < ObservationBuilder.HISTORY_STEPS; k++) {
            for (int i = 0; i < 4; i++) {
                history[k * 4 + i] = motors ? (float) (2.0 * state[Quadrotor.U + i] - 1.0) : 0.0f;
            }
        }
        oldestHistoryStep = 0;
        if (attitudeStream != null) {
            attitudeStream.reset(0L, state, (long) (random.nextDouble() * attitudeStream.periodNs()));
            positionStream.reset(0L, state, (long) (random.nextDouble() * positionStream.periodNs()));
        }
        steps = 0;
        done = false;
        truncated = false;
        reward = 0;
        episodeReturn = 0;
        buildObservations();
    }

    private void randomizeParameters() {
        EnvConfig.Randomization r = config.randomization();
        if (r.enabled()) {
            quadrotor.randomize(factor(r.massStd()), factor(r.thrustStd()), factor(r.inertiaStd()),
                    factor(r.torqueStd()));
        } else {
            quadrotor.randomize(1, 1, 1, 1);
        }
    }

    private double factor(double std) {
        double n = random.nextGaussian() * std;
        return n >= 0 ? 1.0 + n : 1.0 / (1.0 - n);
    }

    private void sampleInitialState() {
        EnvConfig.InitialStateConfig c = config.initialState();
        double u0 = random.nextDouble();
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        double u3 = random.nextDouble();
        if (random.nextDouble() < c.guidanceProbability()) {
            quadrotor.setState(0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, u0, u1, u2, u3);
            return;
        }
        double px = uniform(c.positionRangeM());
        double py = uniform(c.positionRangeM());
        double pz = uniform(c.positionRangeM());
        double qw;
        double qx;
        double qy;
        double qz;
        double cosHalfMax = Math.cos(0.5 * c.maxAngleRad());
        do {
            // Uniform random rotation (Shoemake's subgroup algorithm), rejected until its angle is small enough.
            double s1 = random.nextDouble();
            double t1 = 2 * Math.PI * random.nextDouble();
            double t2 = 2 * Math.PI * random.nextDouble();
            double a = Math.sqrt(1 - s1);
            double b = Math.sqrt(s1);
            qw = b * Math.cos(t2);
            qx = a * Math.sin(t1);
            qy = a * Math.cos(t1);
            qz = b * Math.sin(t2);
        } while (Math.abs(qw) < cosHalfMax);
        double vx = uniform(c.velocityRangeMps());
        double vy = uniform(c.velocityRangeMps());
        double vz = uniform(c.velocityRangeMps());
        double wx = uniform(c.rateRangeRadps());
        double wy = uniform(c.rateRangeRadps());
        double wz = uniform(c.rateRangeRadps());
        quadrotor.setState(px, py, pz, qw, qx, qy, qz, vx, vy, vz, wx, wy, wz, u0, u1, u2, u3);
    }

    private double uniform(double range) {
        return range * (2.0 * random.nextDouble() - 1.0);
    }

    private void sampleDisturbance() {
        EnvConfig.Disturbances d = config.disturbances();
        if (!d.enabled()) {
            quadrotor.setDisturbance(0, 0, 0, 0, 0, 0);
            return;
        }
        double weight = quadrotor.massKg() * config.airframe().gravityMps2();
        double f = d.forceStdPerWeight() * weight;
        double t = d.torqueStdMPerWeight() * weight;
        quadrotor.setDisturbance(f * random.nextGaussian(), f * random.nextGaussian(), f * random.nextGaussian(),
                t * random.nextGaussian(), t * random.nextGaussian(), t * random.nextGaussian());
    }

    /**
     * Applies {@code action[offset..offset+3]} for one control period and returns the reward. A finished episode
     * stays finished (reward 0) until {@link #reset()}.
     */
    public double step(float[] action, int offset) {
        if (done) {
            reward = 0;
            return 0;
        }
        long t0 = steps * periodNs;
        System.arraycopy(state, 0, before, 0, Quadrotor.STATE_SIZE);
        int flags;
        double actionSq = 0;
        int slot = oldestHistoryStep * 4;
        if (motors) {
            flags = ActionDecoder.decodeMotors(action, offset, throttle);
            quadrotor.setMotorCommands(throttle, 0);
            quadrotor.step(periodS);
            for (int i = 0; i < 4; i++) {
                double du = throttle[i] - hoverThrottle;
                actionSq += du * du;
                history[slot + i] = (float) (2.0 * throttle[i] - 1.0);
            }
        } else {
            flags = ActionDecoder.decodeAttitude(action, offset, limits, observedYaw(), setpoint);
            vehicle.apply(setpoint);
            vehicle.advance(periodNs);
            for (int i = 0; i < 4; i++) {
                double a = ActionDecoder.sanitize(action[offset + i]);
                actionSq += 0.25 * a * a;
                history[slot + i] = (float) a;
            }
        }
        oldestHistoryStep = (oldestHistoryStep + 1) % ObservationBuilder.HISTORY_STEPS;
        if (flags != ActionDecoder.OK) {
            invalidActionCount++;
        }
        steps++;
        long t1 = steps * periodNs;
        if (attitudeStream != null) {
            attitudeStream.advance(t0, before, t1, state);
            positionStream.advance(t0, before, t1, state);
        }
        evaluate(actionSq);
        buildObservations();
        return reward;
    }

    private void evaluate(double actionSq) {
        boolean finite = true;
        for (int i = 0; i < Quadrotor.U; i++) {
            finite &= Double.isFinite(state[i]);
        }
        if (!finite) {
            reward = 0;
            done = true;
            return;
        }
        double px = state[Quadrotor.P];
        double py = state[Quadrotor.P + 1];
        double pz = state[Quadrotor.P + 2];
        double vx = state[Quadrotor.V];
        double vy = state[Quadrotor.V + 1];
        double vz = state[Quadrotor.V + 2];
        double w = state[Quadrotor.Q];
        double x = state[Quadrotor.Q + 1];
        double y = state[Quadrotor.Q + 2];
        double z = state[Quadrotor.Q + 3];
        double roll = Math.atan2(2 * (w * x + y * z), 1 - 2 * (x * x + y * y));
        double pitch = Math.asin(Math.max(-1.0, Math.min(1.0, 2 * (w * y - z * x))));
        double yaw = Math.atan2(2 * (w * z + x * y), 1 - 2 * (y * y + z * z));
        reward = curriculum.reward(px * px + py * py + pz * pz, vx * vx + vy * vy + vz * vz,
                roll * roll + pitch * pitch + yaw * yaw, actionSq);
        episodeReturn += reward;
        double limit = config.positionLimitM();
        if (Math.abs(px) > limit || Math.abs(py) > limit || Math.abs(pz) > limit) {
            done = true;
        } else if (steps >= config.episodeSteps()) {
            done = true;
            truncated = true;
        }
    }

    private double observedYaw() {
        double w;
        double x;
        double y;
        double z;
        if (attitudeStream != null) {
            w = attitudeStream.delivered(0);
            x = attitudeStream.delivered(1);
            y = attitudeStream.delivered(2);
            z = attitudeStream.delivered(3);
        } else {
            w = state[Quadrotor.Q];
            x = state[Quadrotor.Q + 1];
            y = state[Quadrotor.Q + 2];
            z = state[Quadrotor.Q + 3];
        }
        return Math.atan2(2 * (w * z + x * y), 1 - 2 * (y * y + z * z));
    }

    private void buildObservations() {
        double[] s = state;
        ObservationBuilder.write(s[Quadrotor.P], s[Quadrotor.P + 1], s[Quadrotor.P + 2],
                s[Quadrotor.Q], s[Quadrotor.Q + 1], s[Quadrotor.Q + 2], s[Quadrotor.Q + 3],
                s[Quadrotor.V], s[Quadrotor.V + 1], s[Quadrotor.V + 2],
                s[Quadrotor.W], s[Quadrotor.W + 1], s[Quadrotor.W + 2], privileged, 0);
        ObservationBuilder.writeActionHistory(history, oldestHistoryStep, privileged, 0);
        if (attitudeStream != null) {
            SampledStream a = attitudeStream;
            SampledStream p = positionStream;
            ObservationBuilder.write(p.delivered(0), p.delivered(1), p.delivered(2),
                    a.delivered(0), a.delivered(1), a.delivered(2), a.delivered(3),
                    p.delivered(3), p.delivered(4), p.delivered(5),
                    a.delivered(4), a.delivered(5), a.delivered(6), observation, 0);
        } else {
            System.arraycopy(privileged, 0, observation, 0, ObservationBuilder.SIZE);
        }
        EnvConfig.ObservationNoise n = config.noise();
        if (n.enabled()) {
            addNoise(ObservationBuilder.POSITION, 3, n.positionM());
            addNoise(ObservationBuilder.ROTATION, 9, n.rotationMatrix());
            addNoise(ObservationBuilder.VELOCITY, 3, n.velocityMps());
            addNoise(ObservationBuilder.ANGULAR_VELOCITY, 3, n.rateRadps());
        }
    }

    private void addNoise(int from, int length, double sigma) {
        for (int i = from; i < from + length; i++) {
            observation[i] += (float) (sigma * random.nextGaussian());
        }
    }

    /**
     * The {@code motors} action that flies {@code setpoint} from the current true state: one update of an inner
     * loop run at the control rate (attitude P → rate PID → mixer), throttles mapped to a = 2u − 1, written into
     * {@code out[offset..offset+3]}. This is how an attitude-level guide (the PositionPid) flies the paper's motor
     * task; call it once per step, before {@link #step}, so the loop's rate derivative sees one control period.
     * An invalid setpoint (non-finite, non-unit quaternion) is replaced by level hover.
     */
    public void motorActionFor(AttitudeSetpoint setpoint, float[] out, int offset) {
        double thrust = setpoint.thrustNormalized;
        double[] q = setpoint.attitudeNwuFlu;
        double yawRate = setpoint.useYawRate ? setpoint.bodyRateFluRadps[2] : 0.0;
        double rollRate = setpoint.useRollRate ? setpoint.bodyRateFluRadps[0] : 0.0;
        double pitchRate = setpoint.usePitchRate ? setpoint.bodyRateFluRadps[1] : 0.0;
        if (setpoint.isValid(1e-3)) {
            double n = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
            for (int i = 0; i < 4; i++) {
                guideAttitude[i] = q[i] / n;
            }
            thrust = thrust < 0 ? 0 : (thrust > 1 ? 1 : thrust);
        } else {
            guideAttitude[0] = 1;
            guideAttitude[1] = 0;
            guideAttitude[2] = 0;
            guideAttitude[3] = 0;
            thrust = config.airframe().hoverThrustNormalized();
            yawRate = 0;
            rollRate = 0;
            pitchRate = 0;
        }
        guideLoop.update(state, thrust, guideAttitude, yawRate, rollRate, pitchRate, guideThrottle);
        for (int i = 0; i < 4; i++) {
            out[offset + i] = (float) (2.0 * guideThrottle[i] - 1.0);
        }
    }

    /** Copies the 18 actor observation values into {@code out[offset..offset+17]}. */
    public void observation(float[] out, int offset) {
        System.arraycopy(observation, 0, out, offset, ObservationBuilder.SIZE);
    }

    /** Copies the 146 privileged observation values into {@code out[offset..offset+145]}. */
    public void privilegedObservation(float[] out, int offset) {
        System.arraycopy(privileged, 0, out, offset, ObservationBuilder.PRIVILEGED_SIZE);
    }

    /** Copies the true state at the current time into {@code out}. */
    public void truthState(VehicleState out) {
        quadrotor.readState(steps * periodNs, out);
    }

    /** Reward of the last step. */
    public double reward() {
        return reward;
    }

    /** Whether the episode has ended (terminated or truncated). */
    public boolean done() {
        return done;
    }

    /** Whether the episode ended by reaching the step limit (a time-out, not a crash). */
    public boolean truncated() {
        return truncated;
    }

    /** Steps taken in this episode. */
    public int steps() {
        return steps;
    }

    /** Sum of rewards in this episode. */
    public double episodeReturn() {
        return episodeReturn;
    }

    /** Actions that had a non-finite or out-of-range component, since construction. */
    public long invalidActionCount() {
        return invalidActionCount;
    }

    /** The rigid body (for its motor states and parameters). */
    public Quadrotor quadrotor() {
        return quadrotor;
    }

    /** The configuration. */
    public EnvConfig config() {
        return config;
    }
}
