package io.spikepilot.training.rl;

import java.util.SplittableRandom;

/**
 * Fixed-length windows of guided rollouts (paper-spec §3.1), kept in flat primitive arrays: no object per step or per
 * window. A window of {@code L} steps holds, per step t: the actor observation (what the SNN sees), the privileged
 * observation (what the critic and the guide see), the applied action, the guide's action (the same where the guide
 * flew; what it would have done, stepped in shadow, where the SNN flew), the reward and whether the step ended the
 * episode by a crash (a time-out is not terminal: its target still bootstraps). Each window also keeps both
 * observations after its last step, so the critic's one-step target exists for every step of the window.
 *
 * <p>Rollouts are cut into windows starting at 0, stride, 2·stride, … while a whole window fits, plus the last
 * {@code L} steps when those are not already a window; rollouts of at most {@code minRolloutSteps} steps (the paper:
 * twice the warm-up), or shorter than a window, are refused, so every window reaches past the warm-up. When full, the oldest windows are
 * overwritten (a ring). Sampling is uniform over the stored windows from a caller-owned seeded random source.
 */
public final class SequenceReplayBuffer {
    private final int length;
    private final int stride;
    private final int minRolloutSteps;
    private final int observationSize;
    private final int privilegedSize;
    private final int actionSize;
    private final int capacityWindows;
    private final float[] observations;
    private final float[] privileged;
    private final float[] actions;
    private final float[] guideActions;
    private final float[] rewards;
    private final boolean[] terminal;
    private int next;
    private int size;
    private long windowsAdded;
    private long rolloutsAdded;
    private long rolloutsRefused;

    /**
     * @param capacityTransitions stored steps (the paper: 2M); the buffer holds {@code capacityTransitions / L}
     *                            windows
     * @param length              steps per window (the paper: 100)
     * @param stride              steps between window starts (the paper: 50)
     * @param minRolloutSteps     rollouts of this many steps or fewer are refused (the paper: 2 × warm-up = 100), as
     *                            are rollouts shorter than a window
     */
    public SequenceReplayBuffer(long capacityTransitions, int length, int stride, int minRolloutSteps,
            int observationSize, int privilegedSize, int actionSize) {
        require(length >= 2, "window", "≥ 2", length);
        require(stride >= 1, "stride", "≥ 1", stride);
        require(minRolloutSteps >= 0, "min-rollout", "≥ 0", minRolloutSteps);
        require(observationSize >= 1 && privilegedSize >= 1 && actionSize >= 1, "sizes", "≥ 1",
                observationSize + ", " + privilegedSize + ", " + actionSize);
        long windows = capacityTransitions / length;
        require(windows >= 1, "buffer", "at least one window (" + length + " transitions)", capacityTransitions);
        long largest = windows * (length + 1) * (long) privilegedSize;
        require(largest <= Integer.MAX_VALUE - 8, "buffer", "at most " + (Integer.MAX_VALUE / ((length + 1L)
                * privilegedSize) * length) + " transitions (Java array limit)", capacityTransitions);
        this.length = length;
        this.stride = stride;
        this.minRolloutSteps = minRolloutSteps;
        this.observationSize = observationSize;
        this.privilegedSize = privilegedSize;
        this.actionSize = actionSize;
        this.capacityWindows = (int) windows;
        observations = new float[capacityWindows * (length + 1) * observationSize];
        privileged = new float[capacityWindows * (length + 1) * privilegedSize];
        actions = new float[capacityWindows * length * actionSize];
        guideActions = new float[capacityWindows * length * actionSize];
        rewards = new float[capacityWindows * length];
        terminal = new boolean[capacityWindows * length];
    }

    /** Bytes the buffer's arrays occupy (stated at the start of a run). */
    public static long bytesFor(long capacityTransitions, int length, int observationSize, int privilegedSize,
            int actionSize) {
        long windows = capacityTransitions / length;
        return windows * (4L * (length + 1) * (observationSize + privilegedSize)
                + (long) length * (8L * actionSize + 4 + 1));
    }

    /** Bytes this buffer's arrays occupy. */
    public long bytes() {
        return bytesFor((long) capacityWindows * length, length, observationSize, privilegedSize, actionSize);
    }

    /**
     * Adds one rollout of {@code steps} steps: {@code obs} and {@code priv} hold steps + 1 observations (the one after
     * the last step included), {@code act} and {@code rew} one entry per step; {@code crashed} marks the last step
     * terminal. Returns the number of windows added, 0 when the rollout is too short and refused.
     */
    public int addRollout(float[] obs, float[] priv, float[] act, float[] rew, int steps, boolean crashed) {
        return addRollout(obs, priv, act, act, rew, steps, crashed);
    }

    /**
     * As {@link #addRollout(float[], float[], float[], float[], int, boolean)}, with {@code guide} holding what the
     * guide would have done at every step (the applied action where the guide flew, its shadow elsewhere).
     */
    public int addRollout(float[] obs, float[] priv, float[] act, float[] guide, float[] rew, int steps,
            boolean crashed) {
        if (steps <= minRolloutSteps || steps < length) {
            rolloutsRefused++;
            return 0;
        }
        int added = 0;
        int lastStart = steps - length;
        int start = 0;
        for (; start <= lastStart; start += stride) {
            store(obs, priv, act, guide, rew, start, steps, crashed);
            added++;
        }
        if (start - stride != lastStart) {
            store(obs, priv, act, guide, rew, lastStart, steps, crashed);
            added++;
        }
        rolloutsAdded++;
        return added;
    }

    private void store(float[] obs, float[] priv, float[] act, float[] guide, float[] rew, int start, int steps,
            boolean crashed) {
        int w = next;
        System.arraycopy(obs, start * observationSize, observations, w * (length + 1) * observationSize,
                (length + 1) * observationSize);
        System.arraycopy(priv, start * privilegedSize, privileged, w * (length + 1) * privilegedSize,
                (length + 1) * privilegedSize);
        System.arraycopy(act, start * actionSize, actions, w * length * actionSize, length * actionSize);
        System.arraycopy(guide, start * actionSize, guideActions, w * length * actionSize, length * actionSize);
        System.arraycopy(rew, start, rewards, w * length, length);
        int base = w * length;
        for (int t = 0; t < length; t++) {
            terminal[base + t] = crashed && start + t == steps - 1;
        }
        next = (next + 1) % capacityWindows;
        size = Math.min(size + 1, capacityWindows);
        windowsAdded++;
    }

    /** Writes {@code count} window indices drawn uniformly (with replacement) from the stored windows. */
    public void sample(SplittableRandom random, int[] out, int count) {
        if (size == 0) {
            throw new IllegalStateException("replay buffer: cannot sample from an empty buffer");
        }
        for (int i = 0; i < count; i++) {
            out[i] = random.nextInt(size);
        }
    }

    /** Offset of window {@code w}, step {@code t} (0..L) in {@link #observations()}. */
    public int observationOffset(int w, int t) {
        return (w * (length + 1) + t) * observationSize;
    }

    /** Offset of window {@code w}, step {@code t} (0..L) in {@link #privilegedObservations()}. */
    public int privilegedOffset(int w, int t) {
        return (w * (length + 1) + t) * privilegedSize;
    }

    /** Offset of window {@code w}, step {@code t} (0..L−1) in {@link #actions()}. */
    public int actionOffset(int w, int t) {
        return (w * length + t) * actionSize;
    }

    /** Index of window {@code w}, step {@code t} in {@link #rewards()} and {@link #terminal()}. */
    public int stepIndex(int w, int t) {
        return w * length + t;
    }

    public float[] observations() {
        return observations;
    }

    public float[] privilegedObservations() {
        return privileged;
    }

    public float[] actions() {
        return actions;
    }

    /** The guide's action at every step (indexed as {@link #actions()}). */
    public float[] guideActions() {
        return guideActions;
    }

    public float[] rewards() {
        return rewards;
    }

    public boolean[] terminal() {
        return terminal;
    }

    public int length() {
        return length;
    }

    public int observationSize() {
        return observationSize;
    }

    public int privilegedSize() {
        return privilegedSize;
    }

    public int actionSize() {
        return actionSize;
    }

    /** Windows stored now. */
    public int size() {
        return size;
    }

    public int capacityWindows() {
        return capacityWindows;
    }

    /** Windows added since construction (overwritten ones included). */
    public long windowsAdded() {
        return windowsAdded;
    }

    public long rolloutsAdded() {
        return rolloutsAdded;
    }

    /** Rollouts refused as too short. */
    public long rolloutsRefused() {
        return rolloutsRefused;
    }

    private static void require(boolean ok, String field, String expected, Object found) {
        if (!ok) {
            throw new IllegalArgumentException("replay buffer: field '" + field + "' expected " + expected + ", found "
                    + found);
        }
    }
}
