package io.spikepilot.training.dataset;

import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.simulator.env.QuadrotorEnvBatch;
import io.spikepilot.training.bc.Guide;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Flies the guide for whole episodes in a batch of environments and records everything the offline baselines need:
 * actor and privileged observations (with the one after the last step), the applied action (the guide's plus seeded
 * Gaussian noise, clipped to [−1, 1], so the data also shows recoveries from perturbed states), the guide's clean
 * action, the reward at a fixed curriculum level and whether the episode crashed. Episodes of at most
 * {@code minSteps} steps are discarded as the replay buffer would refuse them (the paper re-collects rollouts that
 * crash before twice the warm-up); collection stops with an error if the guide cannot fly the task at all.
 */
public final class GuideRolloutRecorder {
    /** The paper's refusal threshold: twice the 50-step warm-up. */
    public static final int MIN_STEPS = 100;

    private GuideRolloutRecorder() {
    }

    /**
     * @param guide     a guide for {@code environments} environments
     * @param minSteps  episodes of this many steps or fewer are discarded
     * @param command   provenance stored in the dataset
     */
    public static GuideRollouts record(EnvConfig config, String task, Guide guide, int environments, int episodes,
            long seed, double noise, int level, int minSteps, String command) {
        if (episodes < 1 || environments < 1 || noise < 0 || !Double.isFinite(noise) || minSteps < 0) {
            throw new IllegalArgumentException("guide dataset: need episodes and environments ≥ 1, noise finite ≥ 0"
                    + " and min steps ≥ 0; found " + episodes + ", " + environments + ", " + noise + ", " + minSteps);
        }
        int o = QuadrotorEnvBatch.OBSERVATION_SIZE;
        int p = QuadrotorEnvBatch.PRIVILEGED_SIZE;
        int a = QuadrotorEnvBatch.ACTION_SIZE;
        int max = config.episodeSteps();
        SplittableRandom rng = new SplittableRandom(seed);
        long envSeed = rng.nextLong();
        SplittableRandom noiseRng = rng.split();
        float[][] obs = new float[environments][(max + 1) * o];
        float[][] priv = new float[environments][(max + 1) * p];
        float[][] act = new float[environments][max * a];
        float[][] lab = new float[environments][max * a];
        float[][] rew = new float[environments][max];
        int[] length = new int[environments];
        boolean[] running = new boolean[environments];
        float[] obsNow = new float[environments * o];
        float[] privNow = new float[environments * p];
        float[] applied = new float[environments * a];
        float[] rewards = new float[environments];
        boolean[] dones = new boolean[environments];
        List<float[][]> kept = new ArrayList<>();
        List<Integer> keptSteps = new ArrayList<>();
        List<Boolean> keptCrash = new ArrayList<>();
        int discarded = 0;
        int active = 0;
        try (QuadrotorEnvBatch batch = new QuadrotorEnvBatch(config, environments, envSeed)) {
            batch.setCurriculumLevel(level);
            for (int e = 0; e < environments && e < episodes; e++) {
                batch.reset(e);
                guide.reset(e);
                running[e] = true;
                active++;
            }
            while (active > 0) {
                batch.observations(obsNow);
                batch.privilegedObservations(privNow);
                for (int e = 0; e < environments; e++) {
                    if (!running[e]) {
                        java.util.Arrays.fill(applied, e * a, (e + 1) * a, 0f);
                        continue;
                    }
                    int t = length[e];
                    System.arraycopy(obsNow, e * o, obs[e], t * o, o);
                    System.arraycopy(privNow, e * p, priv[e], t * p, p);
                    guide.act(e, privNow, e * p, lab[e], t * a);
                    for (int k = 0; k < a; k++) {
                        double v = lab[e][t * a + k] + (noise > 0 ? noise * noiseRng.nextGaussian() : 0.0);
                        applied[e * a + k] = (float) Math.max(-1.0, Math.min(1.0, v));
                    }
                    System.arraycopy(applied, e * a, act[e], t * a, a);
                }
                batch.step(applied, rewards, dones);
                for (int e = 0; e < environments; e++) {
                    if (!running[e]) {
                        continue;
                    }
                    rew[e][length[e]] = rewards[e];
                    length[e]++;
                    if (!dones[e]) {
                        continue;
                    }
                    int t = length[e];
                    batch.observation(e, obs[e], t * o);
                    batch.privilegedObservation(e, priv[e], t * p);
                    if (t > minSteps) {
                        kept.add(new float[][] {
                            java.util.Arrays.copyOf(obs[e], (t + 1) * o), java.util.Arrays.copyOf(priv[e], (t + 1) * p),
                            java.util.Arrays.copyOf(act[e], t * a), java.util.Arrays.copyOf(lab[e], t * a),
                            java.util.Arrays.copyOf(rew[e], t)});
                        keptSteps.add(t);
                        keptCrash.add(!batch.truncated(e));
                    } else {
                        discarded++;
                        if (discarded > 10 * episodes + 100) {
                            throw new IllegalStateException("guide dataset: the guide ended " + discarded
                                    + " episodes within " + minSteps + " steps while only " + kept.size()
                                    + " were longer; it cannot fly this task");
                        }
                    }
                    running[e] = false;
                    active--;
                    length[e] = 0;
                    if (kept.size() + active < episodes) {
                        batch.reset(e);
                        guide.reset(e);
                        running[e] = true;
                        active++;
                    }
                }
            }
        }
        int n = kept.size();
        int[] steps = new int[n];
        boolean[] crashed = new boolean[n];
        long total = 0;
        for (int e = 0; e < n; e++) {
            steps[e] = keptSteps.get(e);
            crashed[e] = keptCrash.get(e);
            total += steps[e];
        }
        float[] allObs = new float[(int) ((total + n) * o)];
        float[] allPriv = new float[(int) ((total + n) * p)];
        float[] allAct = new float[(int) (total * a)];
        float[] allLab = new float[(int) (total * a)];
        float[] allRew = new float[(int) total];
        int rows = 0;
        int stepRows = 0;
        for (int e = 0; e < n; e++) {
            float[][] k = kept.get(e);
            System.arraycopy(k[0], 0, allObs, rows * o, k[0].length);
            System.arraycopy(k[1], 0, allPriv, rows * p, k[1].length);
            System.arraycopy(k[2], 0, allAct, stepRows * a, k[2].length);
            System.arraycopy(k[3], 0, allLab, stepRows * a, k[3].length);
            System.arraycopy(k[4], 0, allRew, stepRows, k[4].length);
            rows += steps[e] + 1;
            stepRows += steps[e];
        }
        return new GuideRollouts(command, task, seed, level, noise, o, p, a, max, steps, crashed, allObs, allPriv,
                allAct, allLab, allRew);
    }
}
