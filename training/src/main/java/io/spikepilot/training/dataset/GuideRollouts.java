package io.spikepilot.training.dataset;

import io.spikepilot.training.bptt.SequenceSet;
import io.spikepilot.training.rl.SequenceReplayBuffer;

/**
 * Whole episodes flown by the guide, in flat arrays, episode after episode. Episode e has {@code steps[e]} steps;
 * its observations (actor and privileged) hold {@code steps[e] + 1} rows (the one after the last step included, so
 * the critic's next state exists), its applied actions, guide actions and rewards {@code steps[e]} rows.
 * {@code crashed[e]} marks the last step terminal (a time-out is not). Applied actions carry the collection noise;
 * guide actions are the clean labels.
 *
 * @param command    the command line that made the data (provenance)
 * @param task       the task id ({@code crazyflie-motors}, ...)
 * @param seed       the seed of the collection
 * @param level      reward curriculum level the rewards were computed at
 * @param noise      σ of the Gaussian noise added to the applied actions
 * @param maxSteps   the environment's episode cap
 */
public record GuideRollouts(String command, String task, long seed, int level, double noise, int observationSize,
                            int privilegedSize, int actionSize, int maxSteps, int[] steps, boolean[] crashed,
                            float[] observations, float[] privileged, float[] actions, float[] guideActions,
                            float[] rewards) {

    public int episodes() {
        return steps.length;
    }

    /** Steps over all episodes. */
    public long totalSteps() {
        long n = 0;
        for (int s : steps) {
            n += s;
        }
        return n;
    }

    /** Mean undiscounted return of the episodes at the stored level. */
    public double meanReturn() {
        double sum = 0;
        for (float r : rewards) {
            sum += r;
        }
        return steps.length == 0 ? Double.NaN : sum / steps.length;
    }

    /** Windows of {@code length} with {@code stride} that {@link SequenceReplayBuffer#addRollout} cuts from all. */
    public int windowCount(int length, int stride, int minRolloutSteps) {
        int n = 0;
        for (int s : steps) {
            if (s <= minRolloutSteps || s < length) {
                continue;
            }
            int lastStart = s - length;
            int starts = lastStart / stride + 1;
            n += starts + ((starts - 1) * stride != lastStart ? 1 : 0);
        }
        return n;
    }

    /** Adds every episode to {@code buffer} (which windows them and refuses the too-short); returns windows added. */
    public int fill(SequenceReplayBuffer buffer) {
        if (buffer.observationSize() != observationSize || buffer.privilegedSize() != privilegedSize
                || buffer.actionSize() != actionSize) {
            throw new IllegalArgumentException("dataset: shapes (" + observationSize + ", " + privilegedSize + ", "
                    + actionSize + ") do not match the buffer (" + buffer.observationSize() + ", "
                    + buffer.privilegedSize() + ", " + buffer.actionSize() + ")");
        }
        int maxSteps = 0;
        for (int s : steps) {
            maxSteps = Math.max(maxSteps, s);
        }
        float[] o = new float[(maxSteps + 1) * observationSize];
        float[] p = new float[(maxSteps + 1) * privilegedSize];
        float[] a = new float[maxSteps * actionSize];
        float[] g = new float[maxSteps * actionSize];
        float[] r = new float[maxSteps];
        long rows = 0;
        long stepRows = 0;
        int added = 0;
        for (int e = 0; e < steps.length; e++) {
            int s = steps[e];
            System.arraycopy(observations, (int) (rows * observationSize), o, 0, (s + 1) * observationSize);
            System.arraycopy(privileged, (int) (rows * privilegedSize), p, 0, (s + 1) * privilegedSize);
            System.arraycopy(actions, (int) (stepRows * actionSize), a, 0, s * actionSize);
            System.arraycopy(guideActions, (int) (stepRows * actionSize), g, 0, s * actionSize);
            System.arraycopy(rewards, (int) stepRows, r, 0, s);
            added += buffer.addRollout(o, p, a, g, r, s, crashed[e]);
            rows += s + 1;
            stepRows += s;
        }
        return added;
    }

    /**
     * The buffer's windows as BPTT sequences: the actor observations of steps 0 … L−1 and, as targets, the guide's
     * clean actions ({@code guideLabels}) or the applied ones.
     */
    public static SequenceSet sequences(SequenceReplayBuffer buffer, boolean guideLabels) {
        int n = buffer.size();
        int length = buffer.length();
        int o = buffer.observationSize();
        int a = buffer.actionSize();
        float[] in = new float[n * length * o];
        float[] target = new float[n * length * a];
        float[] labels = guideLabels ? buffer.guideActions() : buffer.actions();
        for (int w = 0; w < n; w++) {
            System.arraycopy(buffer.observations(), buffer.observationOffset(w, 0), in, w * length * o, length * o);
            System.arraycopy(labels, buffer.actionOffset(w, 0), target, w * length * a, length * a);
        }
        return new SequenceSet(length, o, a, in, target);
    }
}
