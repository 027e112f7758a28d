package io.spikepilot.training.rl;

import io.spikepilot.simulator.env.RewardCurriculum;
import io.spikepilot.training.bc.Evaluation;
import io.spikepilot.training.bc.Guide;
import io.spikepilot.training.bc.PolicyEvaluator;
import io.spikepilot.training.export.NetworkPolicy;
import io.spikepilot.training.nn.Network;
import java.util.function.IntFunction;

/**
 * The evaluation every sequence trainer runs: the actor on the seeded test episodes (the guide flying the warm-up)
 * at the epoch's curriculum level and at the last level, the paper's reported return, keeping a copy of the actor
 * whose last-level return is the best so far.
 */
public final class TestEvaluations {
    /** One evaluation: at the epoch's level and at the last level (the same object when those are equal). */
    public record Pair(Evaluation current, Evaluation last) {
    }

    private final PolicyEvaluator evaluator;
    private final IntFunction<Guide> guides;
    private final Network actor;
    private final Network best;
    private Evaluation bestEvaluation;
    private int bestEpoch;

    /**
     * @param guides a fresh guide for that many environments
     * @param actor  the network being trained (read live)
     * @param best   where the best network is copied (same shape)
     */
    public TestEvaluations(PolicyEvaluator evaluator, IntFunction<Guide> guides, Network actor, Network best) {
        this.evaluator = evaluator;
        this.guides = guides;
        this.actor = actor;
        this.best = best;
    }

    /** Evaluates after epoch {@code epoch} (1-based) at curriculum level {@code level}; keeps the best. */
    public Pair evaluate(int epoch, int level) {
        Evaluation current = at(level);
        Evaluation last = level == RewardCurriculum.MAX_LEVEL ? current : at(RewardCurriculum.MAX_LEVEL);
        if (bestEvaluation == null || last.meanReturn() > bestEvaluation.meanReturn()) {
            bestEvaluation = last;
            bestEpoch = epoch;
            best.copyParametersFrom(actor);
        }
        return new Pair(current, last);
    }

    private Evaluation at(int level) {
        return evaluator.evaluate(e -> new NetworkPolicy(actor), guides.apply(evaluator.episodes()), level);
    }

    /** Continues from a checkpoint's best (its network is restored by the caller). */
    void restore(int epoch, Evaluation evaluation) {
        bestEpoch = epoch;
        bestEvaluation = evaluation;
    }

    public Evaluation bestEvaluation() {
        return bestEvaluation;
    }

    public int bestEpoch() {
        return bestEpoch;
    }

    public Network best() {
        return best;
    }
}
