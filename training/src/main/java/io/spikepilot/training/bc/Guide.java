package io.spikepilot.training.bc;

/**
 * The privileged teacher for a batch of environments: one independent controller per environment, fed the
 * privileged observation (noise-free truth, the 18 actor values first).
 */
public interface Guide {
    /** Clears environment {@code env}'s controller state at the start of an episode. */
    void reset(int env);

    /** Writes the guide's four actions for environment {@code env}. */
    void act(int env, float[] privileged, int privilegedOffset, float[] action, int actionOffset);
}
