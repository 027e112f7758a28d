package io.spikepilot.training.schedule;

/**
 * Decides the surrogate slope k applied to all LIF layers. The trainer calls {@link #startEpoch} before every epoch
 * and {@link #evaluated} after every evaluation, then reads {@link #slope()}.
 */
public interface SlopeSchedule {
    /** Lowest and highest slope the study uses (paper-spec §2.3). */
    float MIN_SLOPE = 1f;
    float MAX_SLOPE = 100f;

    float slope();

    /** Epoch about to start, counted from 0. */
    default void startEpoch(int epoch) {
    }

    /** Mean test return of the evaluation just finished. */
    default void evaluated(double testReturn) {
    }

    /** One line for logs and config files, e.g. {@code interval(1→100, 10 steps over 300 epochs)}. */
    String describe();
}
