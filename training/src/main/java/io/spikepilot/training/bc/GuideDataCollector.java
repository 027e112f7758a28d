package io.spikepilot.training.bc;

import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.training.bptt.SequenceSet;
import io.spikepilot.simulator.env.QuadrotorEnvBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Flies the guide in a batch of environments and records, per step, the actor observation (what the SNN will see)
 * and the guide's action (the BC target). Optional Gaussian noise is added to the <em>applied</em> action only, so
 * the data also covers the states the guide reaches when perturbed and how it recovers (the stored target stays the
 * clean guide action). Episodes shorter than {@code minEpisodeSteps} are discarded, as the paper discards rollouts
 * that crash before 2 × warm-up; kept episodes are cut into windows of {@code windowLength} with stride
 * {@code windowStride}, plus the last window of the episode (paper-spec §3.1).
 */
public final class GuideDataCollector {
    private GuideDataCollector() {
    }

    public static GuideDataset collect(EnvConfig config, Guide guide, int environments, int episodes, long seed,
            double actionNoise, int windowLength, int windowStride, int minEpisodeSteps) {
        if (episodes < 1 || environments < 1 || windowLength < 1 || windowStride < 1 || actionNoise < 0) {
            throw new IllegalArgumentException("guide data: need episodes, environments, window length and stride ≥ 1"
                    + " and noise ≥ 0; found " + episodes + ", " + environments + ", " + windowLength + ", "
                    + windowStride + ", " + actionNoise);
        }
        if (minEpisodeSteps < windowLength) {
            throw new IllegalArgumentException("guide data: minimum episode length " + minEpisodeSteps
                    + " is shorter than a window (" + windowLength + ")");
        }
        int obsSize = QuadrotorEnvBatch.OBSERVATION_SIZE;
        int privSize = QuadrotorEnvBatch.PRIVILEGED_SIZE;
        int actSize = QuadrotorEnvBatch.ACTION_SIZE;
        int maxSteps = config.episodeSteps();
        SplittableRandom noise = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<float[]> windowObs = new ArrayList<>();
        List<float[]> windowAct = new ArrayList<>();
        float[][] episodeObs = new float[environments][maxSteps * obsSize];
        float[][] episodeAct = new float[environments][maxSteps * actSize];
        int[] length = new int[environments];
        float[] privileged = new float[environments * privSize];
        float[] observations = new float[environments * obsSize];
        float[] applied = new float[environments * actSize];
        float[] rewards = new float[environments];
        boolean[] dones = new boolean[environments];
        int kept = 0;
        int discarded = 0;
        double returnSum = 0;
        try (QuadrotorEnvBatch batch = new QuadrotorEnvBatch(config, environments, seed)) {
            boolean[] active = new boolean[environments];
            for (int e = 0; e < environments; e++) {
                active[e] = e < episodes;
                guide.reset(e);
            }
            int running = Math.min(environments, episodes);
            while (true) {
                boolean any = false;
                batch.privilegedObservations(privileged);
                batch.observations(observations);
                for (int e = 0; e < environments; e++) {
                    if (!active[e]) {
                        // finished environments still get a valid action; they are frozen and ignore it
                        for (int k = 0; k < actSize; k++) {
                            applied[e * actSize + k] = 0f;
                        }
                        continue;
                    }
                    any = true;
                    int t = length[e];
                    System.arraycopy(observations, e * obsSize, episodeObs[e], t * obsSize, obsSize);
                    guide.act(e, privileged, e * privSize, episodeAct[e], t * actSize);
                    for (int k = 0; k < actSize; k++) {
                        float a = episodeAct[e][t * actSize + k];
                        if (actionNoise > 0) {
                            a += (float) (actionNoise * noise.nextGaussian());
                        }
                        applied[e * actSize + k] = Math.max(-1f, Math.min(1f, a));
                    }
                }
                if (!any) {
                    break;
                }
                batch.step(applied, rewards, dones);
                for (int e = 0; e < environments; e++) {
                    if (!active[e]) {
                        continue;
                    }
                    length[e]++;
                    if (!dones[e]) {
                        continue;
                    }
                    if (length[e] >= minEpisodeSteps) {
                        cut(episodeObs[e], episodeAct[e], length[e], windowLength, windowStride, obsSize, actSize,
                                windowObs, windowAct);
                        kept++;
                        returnSum += batch.env(e).episodeReturn();
                    } else {
                        discarded++;
                    }
                    length[e] = 0;
                    running--;
                    if (kept + running < episodes) {
                        batch.reset(e);
                        guide.reset(e);
                        running++;
                    } else {
                        active[e] = false;
                    }
                }
                if (discarded > 10 * episodes + 100) {
                    throw new IllegalStateException("guide data: the guide crashed " + discarded + " episodes before"
                            + " two warm-ups (" + minEpisodeSteps + " steps) while only " + kept
                            + " were long enough; the guide cannot fly this environment");
                }
            }
        }
        int windows = windowObs.size();
        float[] obs = new float[windows * windowLength * obsSize];
        float[] act = new float[windows * windowLength * actSize];
        for (int w = 0; w < windows; w++) {
            System.arraycopy(windowObs.get(w), 0, obs, w * windowLength * obsSize, windowLength * obsSize);
            System.arraycopy(windowAct.get(w), 0, act, w * windowLength * actSize, windowLength * actSize);
        }
        return new GuideDataset(new SequenceSet(windowLength, obsSize, actSize, obs, act), kept, discarded,
                kept == 0 ? Double.NaN : returnSum / kept);
    }

    private static void cut(float[] obs, float[] act, int steps, int window, int stride, int obsSize, int actSize,
            List<float[]> windowObs, List<float[]> windowAct) {
        int lastStart = steps - window;
        for (int start = 0; start <= lastStart; start += stride) {
            add(obs, act, start, window, obsSize, actSize, windowObs, windowAct);
        }
        if (lastStart % stride != 0) {
            add(obs, act, lastStart, window, obsSize, actSize, windowObs, windowAct);
        }
    }

    private static void add(float[] obs, float[] act, int start, int window, int obsSize, int actSize,
            List<float[]> windowObs, List<float[]> windowAct) {
        float[] o = new float[window * obsSize];
        float[] a = new float[window * actSize];
        System.arraycopy(obs, start * obsSize, o, 0, o.length);
        System.arraycopy(act, start * actSize, a, 0, a.length);
        windowObs.add(o);
        windowAct.add(a);
    }
}
