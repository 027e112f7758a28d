package io.spikepilot.training.bc;

import io.spikepilot.controller.policy.Policy;
import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.simulator.env.QuadrotorEnvBatch;
import io.spikepilot.training.bptt.SequenceSet;
import java.util.function.IntFunction;

/**
 * Dataset aggregation (DAgger): the learner flies (after the guide has flown the warm-up, as in evaluation) and the
 * guide labels every visited state with the action it would have taken. Plain BC only sees the guide's own states, so
 * the learner's small errors take it where it has no demonstrations; these windows cover exactly those states.
 * Episodes shorter than a window are dropped; the rest are cut like the guide data.
 */
public final class DaggerCollector {
    private DaggerCollector() {
    }

    /** Returns the new windows (possibly none) from {@code episodes} learner episodes seeded by {@code seed}. */
    public static SequenceSet collect(EnvConfig config, IntFunction<Policy> policies, Guide guide, int episodes,
            long seed, int guideSteps, int windowLength, int windowStride) {
        int obsSize = QuadrotorEnvBatch.OBSERVATION_SIZE;
        int actSize = QuadrotorEnvBatch.ACTION_SIZE;
        int maxSteps = config.episodeSteps();
        Policy[] policy = new Policy[episodes];
        for (int e = 0; e < episodes; e++) {
            policy[e] = policies.apply(e);
        }
        float[][] episodeObs = new float[episodes][maxSteps * obsSize];
        float[][] episodeAct = new float[episodes][maxSteps * actSize];
        int[] length = new int[episodes];
        try (QuadrotorEnvBatch batch = new QuadrotorEnvBatch(config, episodes, seed)) {
            // the guide labels every state the learner visits, also after the warm-up it flew
            GuidedRollout.fly(batch, maxSteps, policy, guide, guideSteps, true, new GuidedRollout.Watcher() {
                @Override
                public void before(int e, int t, float[] obs, int obsOffset, float[] guided, int guidedOffset) {
                    System.arraycopy(obs, obsOffset, episodeObs[e], t * obsSize, obsSize);
                    System.arraycopy(guided, guidedOffset, episodeAct[e], t * actSize, actSize);
                    length[e] = t + 1;
                }
            });
        }
        int windows = 0;
        for (int e = 0; e < episodes; e++) {
            windows += windowCount(length[e], windowLength, windowStride);
        }
        float[] o = new float[windows * windowLength * obsSize];
        float[] a = new float[windows * windowLength * actSize];
        int w = 0;
        for (int e = 0; e < episodes; e++) {
            int last = length[e] - windowLength;
            if (last < 0) {
                continue;
            }
            for (int start = 0; start <= last; start += windowStride) {
                copy(episodeObs[e], episodeAct[e], start, w++, windowLength, obsSize, actSize, o, a);
            }
            if (last % windowStride != 0) {
                copy(episodeObs[e], episodeAct[e], last, w++, windowLength, obsSize, actSize, o, a);
            }
        }
        return windows == 0 ? null : new SequenceSet(windowLength, obsSize, actSize, o, a);
    }

    static int windowCount(int steps, int window, int stride) {
        int last = steps - window;
        if (last < 0) {
            return 0;
        }
        return last / stride + 1 + (last % stride != 0 ? 1 : 0);
    }

    private static void copy(float[] obs, float[] act, int start, int w, int window, int obsSize, int actSize,
            float[] o, float[] a) {
        System.arraycopy(obs, start * obsSize, o, w * window * obsSize, window * obsSize);
        System.arraycopy(act, start * actSize, a, w * window * actSize, window * actSize);
    }

    /** The two sets one after the other. */
    public static SequenceSet concat(SequenceSet first, SequenceSet second) {
        if (second == null) {
            return first;
        }
        float[] o = new float[first.inputs().length + second.inputs().length];
        float[] a = new float[first.targets().length + second.targets().length];
        System.arraycopy(first.inputs(), 0, o, 0, first.inputs().length);
        System.arraycopy(second.inputs(), 0, o, first.inputs().length, second.inputs().length);
        System.arraycopy(first.targets(), 0, a, 0, first.targets().length);
        System.arraycopy(second.targets(), 0, a, first.targets().length, second.targets().length);
        return new SequenceSet(first.length(), first.inputSize(), first.targetSize(), o, a);
    }
}
