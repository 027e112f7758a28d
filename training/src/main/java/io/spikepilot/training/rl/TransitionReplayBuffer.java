package io.spikepilot.training.rl;

import java.util.SplittableRandom;

/**
 * A ring of single transitions (s, a, r, s', terminal) for plain TD3 (the ANN guide's training): flat primitive arrays,
 * no per-step objects, the oldest transition overwritten once full. {@code terminal} is 1 only when the episode
 * crashed; a time-out keeps bootstrapping. Memory is {@link #bytes()}.
 */
public final class TransitionReplayBuffer {
    private final int capacity;
    private final int obsSize;
    private final int actSize;
    private final float[] obs;
    private final float[] next;
    private final float[] act;
    private final float[] reward;
    private final float[] terminal;
    private int size;
    private int head;

    public TransitionReplayBuffer(int capacity, int obsSize, int actSize) {
        if (capacity < 1) {
            throw new IllegalArgumentException("transition buffer: field 'capacity': expected ≥ 1, found " + capacity);
        }
        this.capacity = capacity;
        this.obsSize = obsSize;
        this.actSize = actSize;
        obs = new float[capacity * obsSize];
        next = new float[capacity * obsSize];
        act = new float[capacity * actSize];
        reward = new float[capacity];
        terminal = new float[capacity];
    }

    /** Bytes held by the arrays. */
    public static long bytes(int capacity, int obsSize, int actSize) {
        return 4L * capacity * (2L * obsSize + actSize + 2);
    }

    public long bytes() {
        return bytes(capacity, obsSize, actSize);
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    /** Appends one transition, overwriting the oldest when full. */
    public void add(float[] s, int sOff, float[] a, int aOff, float r, float[] s2, int s2Off, boolean crashed) {
        System.arraycopy(s, sOff, obs, head * obsSize, obsSize);
        System.arraycopy(s2, s2Off, next, head * obsSize, obsSize);
        System.arraycopy(a, aOff, act, head * actSize, actSize);
        reward[head] = r;
        terminal[head] = crashed ? 1f : 0f;
        head = (head + 1) % capacity;
        size = Math.min(size + 1, capacity);
    }

    /** Draws {@code n} indices uniformly (with replacement) into {@code out}. */
    public void sample(SplittableRandom random, int n, int[] out) {
        for (int i = 0; i < n; i++) {
            out[i] = random.nextInt(size);
        }
    }

    /** Copies observation i into {@code out[offset..]}. */
    public void observation(int i, float[] out, int offset) {
        System.arraycopy(obs, i * obsSize, out, offset, obsSize);
    }

    /** Copies next observation i into {@code out[offset..]}. */
    public void nextObservation(int i, float[] out, int offset) {
        System.arraycopy(next, i * obsSize, out, offset, obsSize);
    }

    /** Copies action i into {@code out[offset..]}. */
    public void action(int i, float[] out, int offset) {
        System.arraycopy(act, i * actSize, out, offset, actSize);
    }

    public float reward(int i) {
        return reward[i];
    }

    public float terminal(int i) {
        return terminal[i];
    }
}
