package io.spikepilot.training.rl;

import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.simulator.env.QuadrotorEnvBatch;
import io.spikepilot.training.bc.Guide;
import io.spikepilot.training.export.NetworkPolicy;
import io.spikepilot.training.nn.Network;
import java.util.SplittableRandom;

/**
 * Jump-start data collection (paper-spec §3.3): in a batch of environments, the privileged guide flies the first
 * {@code max(warm-up, H_g)} steps of each episode while the SNN is stepped on the same observations to warm its
 * membranes (its output discarded); after that the SNN flies, with Gaussian exploration noise clipped to the action
 * range, and the guide keeps running in shadow so that every step also records what the guide would have done. Each finished episode goes to the replay buffer, which refuses those that crashed before twice the warm-up;
 * refused episodes are re-collected until the round has its count of accepted rollouts (or the attempt budget,
 * {@value #ATTEMPTS_PER_ROLLOUT} per rollout, is spent). The environments persist across rounds, so their seeded
 * streams make the whole sequence of rounds repeatable.
 */
public final class GuidedCollector implements AutoCloseable {
    /** Attempts allowed per wanted rollout before a round gives up (a guide that always crashes). */
    public static final int ATTEMPTS_PER_ROLLOUT = 20;

    /** What one round collected. */
    public record Round(int accepted, int refused, long steps, long guideSteps, double meanReturn,
                        double meanLength) {
    }

    private final QuadrotorEnvBatch batch;
    private final Guide guide;
    private final NetworkPolicy[] policies;
    private final int warmupSteps;
    private final double exploreNoise;
    private final SplittableRandom noise;
    private final int envs;
    private final float[][] obs;
    private final float[][] priv;
    private final float[][] act;
    private final float[][] guideAct;
    private final float[][] rew;
    private final int[] length;
    private final boolean[] running;
    private final float[] obsNow;
    private final float[] privNow;
    private final float[] applied;
    private final float[] own;
    private final float[] rewards;
    private final boolean[] dones;

    /**
     * @param actor the live training network (each environment steps its own {@link NetworkPolicy} on it)
     * @param guide a guide for {@code environments} environments
     */
    public GuidedCollector(EnvConfig config, Guide guide, Network actor, int environments, long seed, int warmupSteps,
            double exploreNoise) {
        this.batch = new QuadrotorEnvBatch(config, environments, seed);
        this.guide = guide;
        this.envs = environments;
        this.warmupSteps = warmupSteps;
        this.exploreNoise = exploreNoise;
        this.noise = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        policies = new NetworkPolicy[environments];
        int steps = config.episodeSteps();
        int o = QuadrotorEnvBatch.OBSERVATION_SIZE;
        int p = QuadrotorEnvBatch.PRIVILEGED_SIZE;
        int a = QuadrotorEnvBatch.ACTION_SIZE;
        obs = new float[environments][(steps + 1) * o];
        priv = new float[environments][(steps + 1) * p];
        act = new float[environments][steps * a];
        guideAct = new float[environments][steps * a];
        rew = new float[environments][steps];
        for (int e = 0; e < environments; e++) {
            policies[e] = new NetworkPolicy(actor);
        }
        length = new int[environments];
        running = new boolean[environments];
        obsNow = new float[environments * o];
        privNow = new float[environments * p];
        applied = new float[environments * a];
        own = new float[a];
        rewards = new float[environments];
        dones = new boolean[environments];
    }

    /** Sets the reward curriculum level of the collection environments. */
    public void setCurriculumLevel(int level) {
        batch.setCurriculumLevel(level);
    }

    /** Collects {@code rollouts} accepted episodes into {@code buffer} with guide horizon {@code guideHorizon}. */
    public Round collect(SequenceReplayBuffer buffer, int rollouts, int guideHorizon) {
        int o = QuadrotorEnvBatch.OBSERVATION_SIZE;
        int p = QuadrotorEnvBatch.PRIVILEGED_SIZE;
        int a = QuadrotorEnvBatch.ACTION_SIZE;
        int guided = Math.max(warmupSteps, guideHorizon);
        int accepted = 0;
        int refused = 0;
        int started = 0;
        int active = 0;
        int budget = ATTEMPTS_PER_ROLLOUT * rollouts;
        long steps = 0;
        long guideSteps = 0;
        double returns = 0;
        double lengths = 0;
        for (int e = 0; e < envs && started < rollouts; e++) {
            start(e);
            started++;
            active++;
        }
        while (active > 0) {
            batch.observations(obsNow);
            batch.privilegedObservations(privNow);
            for (int e = 0; e < envs; e++) {
                if (!running[e]) {
                    java.util.Arrays.fill(applied, e * a, (e + 1) * a, 0f);
                    continue;
                }
                int t = length[e];
                System.arraycopy(obsNow, e * o, obs[e], t * o, o);
                System.arraycopy(privNow, e * p, priv[e], t * p, p);
                policies[e].step(obsNow, e * o, own, 0);
                // the guide runs every step, in shadow once the SNN flies, so its controller state stays that of
                // a controller flying this state sequence and every step has its label
                guide.act(e, privNow, e * p, guideAct[e], t * a);
                if (t < guided) {
                    System.arraycopy(guideAct[e], t * a, applied, e * a, a);
                    guideSteps++;
                } else {
                    for (int k = 0; k < a; k++) {
                        double v = own[k] + (exploreNoise > 0 ? exploreNoise * noise.nextGaussian() : 0.0);
                        applied[e * a + k] = (float) Math.max(-1.0, Math.min(1.0, v));
                    }
                }
                System.arraycopy(applied, e * a, act[e], t * a, a);
            }
            batch.step(applied, rewards, dones);
            for (int e = 0; e < envs; e++) {
                if (!running[e]) {
                    continue;
                }
                rew[e][length[e]] = rewards[e];
                length[e]++;
                steps++;
                if (!dones[e]) {
                    continue;
                }
                int t = length[e];
                batch.observation(e, obs[e], t * o);
                batch.privilegedObservation(e, priv[e], t * p);
                int windows = buffer.addRollout(obs[e], priv[e], act[e], guideAct[e], rew[e], t,
                        !batch.truncated(e));
                if (windows > 0) {
                    accepted++;
                    returns += batch.env(e).episodeReturn();
                    lengths += t;
                } else {
                    refused++;
                }
                running[e] = false;
                active--;
                if (accepted + active < rollouts && started < budget) {
                    start(e);
                    started++;
                    active++;
                }
            }
        }
        return new Round(accepted, refused, steps, guideSteps, accepted == 0 ? Double.NaN : returns / accepted,
                accepted == 0 ? Double.NaN : lengths / accepted);
    }

    private void start(int e) {
        batch.reset(e);
        guide.reset(e);
        policies[e].reset();
        length[e] = 0;
        running[e] = true;
    }

    @Override
    public void close() {
        batch.close();
    }
}
