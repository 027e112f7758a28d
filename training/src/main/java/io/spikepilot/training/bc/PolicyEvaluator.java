package io.spikepilot.training.bc;

import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.simulator.env.QuadrotorEnvBatch;
import java.util.function.IntFunction;

/**
 * Flies a policy on a fixed set of seeded episodes the way the paper tests: the guide flies the first
 * {@code guideSteps} steps while the policy is stepped on the same observations to warm its membranes (its output is
 * discarded), then the policy flies until the episode ends. The same seed gives the same initial states every time, so
 * evaluations during training are comparable.
 */
public final class PolicyEvaluator {
    private final EnvConfig config;
    private final int episodes;
    private final long seed;
    private final int guideSteps;

    public PolicyEvaluator(EnvConfig config, int episodes, long seed, int guideSteps) {
        if (episodes < 1 || guideSteps < 0) {
            throw new IllegalArgumentException("evaluation: need ≥ 1 episode and ≥ 0 guide steps, found " + episodes
                    + ", " + guideSteps);
        }
        this.config = config;
        this.episodes = episodes;
        this.seed = seed;
        this.guideSteps = guideSteps;
    }

    public int episodes() {
        return episodes;
    }

    public long seed() {
        return seed;
    }

    /**
     * @param policies one fresh policy per episode (index → policy); each is reset before use
     * @param guide    guide for {@code episodes} environments
     */
    public Evaluation evaluate(IntFunction<Policy> policies, Guide guide) {
        return run(policies, guide, guideSteps, 0);
    }

    /**
     * As {@link #evaluate(IntFunction, Guide)}, with the reward at curriculum level {@code curriculumLevel}
     * (0..6); the episodes' initial states do not depend on the level, so returns at two levels are comparable
     * episode by episode.
     */
    public Evaluation evaluate(IntFunction<Policy> policies, Guide guide, int curriculumLevel) {
        return run(policies, guide, guideSteps, curriculumLevel);
    }

    /** The guide flies the whole of every episode (the reference the policy is compared with). */
    public Evaluation evaluateGuide(Guide guide) {
        return evaluateGuide(guide, 0);
    }

    /**
     * The guide flies the whole of every episode with the reward at {@code curriculumLevel} (0 … {@code
     * RewardCurriculum.MAX_LEVEL}); the paper's final test returns are at the end of the curriculum.
     */
    public Evaluation evaluateGuide(Guide guide, int curriculumLevel) {
        return run(null, guide, Integer.MAX_VALUE, curriculumLevel);
    }

    private Evaluation run(IntFunction<Policy> policies, Guide guide, int guideSteps, int curriculumLevel) {
        Policy[] policy = null;
        if (policies != null) {
            policy = new Policy[episodes];
            for (int e = 0; e < episodes; e++) {
                policy[e] = policies.apply(e);
            }
        }
        VehicleState state = new VehicleState();
        double[] error = new double[2];
        boolean guideOnly = policies == null;
        try (QuadrotorEnvBatch batch = new QuadrotorEnvBatch(config, episodes, seed)) {
            batch.setCurriculumLevel(curriculumLevel);
            GuidedRollout.fly(batch, config.episodeSteps(), policy, guide, guideSteps, false,
                    new GuidedRollout.Watcher() {
                        @Override
                        public void after(QuadrotorEnvBatch b, int e, int t, boolean done) {
                            // the tracking error of the flight being judged: the policy's, or the guide's throughout
                            if (t >= guideSteps || guideOnly) {
                                b.truthState(e, state);
                                double[] p = state.positionNwuM;
                                error[0] += Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
                                error[1]++;
                            }
                        }
                    });
            double returns = 0;
            double lengths = 0;
            int crashes = 0;
            for (int e = 0; e < episodes; e++) {
                returns += batch.env(e).episodeReturn();
                lengths += batch.env(e).steps();
                if (!batch.truncated(e)) {
                    crashes++;
                }
            }
            return new Evaluation(returns / episodes, lengths / episodes, crashes,
                    error[1] == 0 ? Double.NaN : error[0] / error[1], episodes);
        }
    }
}
