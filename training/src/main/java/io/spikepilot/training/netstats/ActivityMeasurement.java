package io.spikepilot.training.netstats;

import io.spikepilot.controller.policy.Policy;
import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.training.bc.Evaluation;
import io.spikepilot.training.bc.Guide;
import io.spikepilot.training.bc.PolicyEvaluator;
import java.util.function.Supplier;

/**
 * Measures a spiking policy's activity on the test protocol every other command uses ({@link PolicyEvaluator}: seeded
 * episodes, the guide flies the first steps while the policy warms its membranes in shadow, then the policy flies).
 * Every step the network takes is counted, the shadow steps included: on board the network runs in them too, so they
 * cost the same energy.
 */
public final class ActivityMeasurement {
    private final PolicyEvaluator evaluator;
    private final int curriculumLevel;

    /** The activity and the evaluation of the same episodes. */
    public record Result(SpikeActivity activity, Evaluation evaluation) {
    }

    /**
     * @param env             the task's environment
     * @param episodes        seeded test episodes, ≥ 1
     * @param seed            seed of the episodes' initial states
     * @param guideSteps      steps the guide flies first
     * @param curriculumLevel reward curriculum level of the returned evaluation (dynamics and starts do not depend
     *                        on it)
     */
    public ActivityMeasurement(EnvConfig env, int episodes, long seed, int guideSteps, int curriculumLevel) {
        this.evaluator = new PolicyEvaluator(env, episodes, seed, guideSteps);
        this.curriculumLevel = curriculumLevel;
    }

    /**
     * Flies a fresh policy from {@code policies} in every episode and sums their spike counts.
     *
     * @param policies a new float or fixed-point runtime of the policy per call
     * @param guide    guide for the evaluation's episodes
     */
    public Result fly(Supplier<Policy> policies, Guide guide) {
        SpikeCountingPolicy[] counters = new SpikeCountingPolicy[evaluator.episodes()];
        Evaluation evaluation = evaluator.evaluate(e -> {
            counters[e] = SpikeCountingPolicy.of(policies.get());
            return counters[e];
        }, guide, curriculumLevel);
        SpikeActivity sum = null;
        for (SpikeCountingPolicy c : counters) {
            if (c.steps() > 0) {
                sum = sum == null ? c.activity() : sum.plus(c.activity());
            }
        }
        if (sum == null) {
            throw new IllegalStateException("activity: the policy took no step in " + counters.length + " episodes");
        }
        return new Result(sum, evaluation);
    }
}
