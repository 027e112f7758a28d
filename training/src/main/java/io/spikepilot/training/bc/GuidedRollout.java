package io.spikepilot.training.bc;

import io.spikepilot.controller.policy.Policy;
import io.spikepilot.simulator.env.QuadrotorEnvBatch;

/**
 * One batch of seeded episodes flown the paper's way: the guide flies the first {@code guideSteps} steps while each
 * policy is stepped on the same observations to warm its membranes (its output discarded), then the policies fly until
 * their episodes end. The loop evaluation and DAgger share; they differ only in what they watch, through
 * {@link Watcher}.
 */
final class GuidedRollout {
    /** What a rollout reports of each live episode's step. */
    interface Watcher {
        /**
         * Before the batch steps, for every episode still flying.
         *
         * @param guideAction the guide's action for this state when the rollout labels every step or the guide flies,
         *                    at {@code guideOffset}; otherwise not written this step
         */
        default void before(int episode, int step, float[] observation, int observationOffset, float[] guideAction,
                int guideOffset) {
        }

        /** After the batch stepped, for every episode that was flying; {@code done} ends it. */
        default void after(QuadrotorEnvBatch batch, int episode, int step, boolean done) {
        }
    }

    private GuidedRollout() {
    }

    /**
     * Flies {@code batch} until every episode ended or the config's episode length.
     *
     * @param policy        one per episode, reset here; an entry (or the whole array) may be null: the guide flies it
     *                      throughout
     * @param labelAll      ask the guide for its action on every step, also where the policy flies (DAgger's labels)
     */
    static void fly(QuadrotorEnvBatch batch, int episodeSteps, Policy[] policy, Guide guide, int guideSteps,
            boolean labelAll, Watcher watcher) {
        int episodes = batch.size();
        int obsSize = QuadrotorEnvBatch.OBSERVATION_SIZE;
        int privSize = QuadrotorEnvBatch.PRIVILEGED_SIZE;
        int actSize = QuadrotorEnvBatch.ACTION_SIZE;
        for (int e = 0; e < episodes; e++) {
            if (policy != null && policy[e] != null) {
                policy[e].reset();
            }
            guide.reset(e);
        }
        float[] obs = new float[episodes * obsSize];
        float[] priv = new float[episodes * privSize];
        float[] own = new float[actSize];
        float[] guided = new float[episodes * actSize];
        float[] applied = new float[episodes * actSize];
        float[] rewards = new float[episodes];
        boolean[] dones = new boolean[episodes];
        boolean[] finished = new boolean[episodes];
        for (int t = 0; t < episodeSteps; t++) {
            batch.observations(obs);
            batch.privilegedObservations(priv);
            boolean any = false;
            for (int e = 0; e < episodes; e++) {
                if (finished[e]) {
                    continue;
                }
                any = true;
                Policy p = policy == null ? null : policy[e];
                boolean guideFlies = t < guideSteps || p == null;
                if (guideFlies || labelAll) {
                    guide.act(e, priv, e * privSize, guided, e * actSize);
                }
                watcher.before(e, t, obs, e * obsSize, guided, e * actSize);
                if (p != null) {
                    p.step(obs, e * obsSize, own, 0);
                }
                System.arraycopy(guideFlies ? guided : own, guideFlies ? e * actSize : 0, applied, e * actSize,
                        actSize);
            }
            if (!any) {
                return;
            }
            batch.step(applied, rewards, dones);
            for (int e = 0; e < episodes; e++) {
                if (!finished[e]) {
                    watcher.after(batch, e, t, dones[e]);
                    finished[e] = dones[e];
                }
            }
        }
    }
}
