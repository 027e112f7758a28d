package io.spikepilot.training.rl;

import io.spikepilot.training.bc.Evaluation;

/**
 * One epoch of a TD3BC+JSRL run: what was collected, how learning went, and (every {@code eval-every} epochs) the
 * evaluations.
 *
 * @param epoch           1-based
 * @param curriculumLevel reward curriculum level during the epoch (0..6)
 * @param guideHorizon    steps the guide flew at the start of each collected episode
 * @param slope           surrogate slope k during the epoch's updates
 * @param bcWeight        λ_BC during the epoch's updates
 * @param collected       the collection round
 * @param windows         windows in the buffer after collection
 * @param envSteps        environment steps collected since the start (refused rollouts included)
 * @param criticLoss      mean over the epoch's updates of (L₁ + L₂)/2; NaN without updates
 * @param meanQ           mean over the updates of mean Q₁(s, π(s)) on the actor rows
 * @param lambda          mean over the updates of λ = α / mean|Q₁|
 * @param bcLoss          mean over the updates of mean ‖â − a‖² (t ≥ warm-up)
 * @param actorGradNorm   mean actor gradient norm before clipping
 * @param evaluation      at the epoch's curriculum level, or null when not evaluated
 * @param finalEvaluation the same episodes at the last curriculum level (the paper's reported return), or null
 * @param collectSeconds  wall time of the collection
 * @param updateSeconds   wall time of the updates
 * @param criticSeconds   of which the critics' part (target actor unroll, targets, critic updates)
 * @param actorSeconds    of which the actor's part (BPTT through the SNN, Q₁ and its action gradient)
 * @param evalSeconds     wall time of the evaluations
 * @param seconds         wall time since the start of the run
 */
public record JsrlEpoch(int epoch, int curriculumLevel, int guideHorizon, float slope, double bcWeight,
                        GuidedCollector.Round collected, int windows, long envSteps, double criticLoss, double meanQ,
                        double lambda, double bcLoss, double actorGradNorm, Evaluation evaluation,
                        Evaluation finalEvaluation, double collectSeconds, double updateSeconds, double criticSeconds,
                        double actorSeconds, double evalSeconds,
                        double seconds) {
}
