package io.spikepilot.calibration;

import io.spikepilot.controller.policy.Policy;
import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.simulator.env.QuadrotorEnv;
import io.spikepilot.simulator.env.RewardCurriculum;
import java.util.SplittableRandom;

/**
 * Seeded closed-loop episodes of a policy in the simulator's training environment. The same seed gives the same initial
 * state for every policy, so float and fixed runs of one seed are directly comparable.
 */
public final class SimulatorRollouts {
    private SimulatorRollouts() {
    }

    /**
     * Runs one episode from reset to done.
     *
     * @param record keep the observations (calibration data, open-loop replay)
     */
    public static Episode run(Policy policy, EnvConfig config, long seed, boolean record) {
        QuadrotorEnv env = new QuadrotorEnv(config, new SplittableRandom(seed), new RewardCurriculum());
        int n = policy.observationSize();
        float[] obs = new float[n];
        float[] action = new float[policy.actionSize()];
        float[] trace = record ? new float[config.episodeSteps() * n] : new float[0];
        policy.reset();
        int steps = 0;
        while (!env.done()) {
            env.observation(obs, 0);
            if (record) {
                System.arraycopy(obs, 0, trace, steps * n, n);
            }
            policy.step(obs, 0, action, 0);
            env.step(action, 0);
            steps++;
        }
        return new Episode(seed, record ? java.util.Arrays.copyOf(trace, steps * n) : trace, steps,
                env.episodeReturn());
    }
}
