package io.spikepilot.tools.demo;

import io.spikepilot.controller.policy.Policy;

/**
 * Wraps the flying policy so the demo can corrupt its output on demand, the way a bit flip, a bad weight file or an
 * arithmetic bug would: while the fault is on, the first output is NaN. The supervisor must take control back within
 * one tick. Switching is a volatile flag, so the loop thread neither allocates nor waits for it.
 */
public final class FaultInjectingPolicy implements Policy {
    private final Policy inner;
    private volatile boolean faulty;
    private long corruptedSteps;

    /** Wraps {@code inner}; the fault starts off. */
    public FaultInjectingPolicy(Policy inner) {
        this.inner = inner;
    }

    /** Turns the fault on or off (any thread). */
    public void setFaulty(boolean on) {
        faulty = on;
    }

    /** Steps taken while the fault was on. */
    public long corruptedSteps() {
        return corruptedSteps;
    }

    @Override
    public int observationSize() {
        return inner.observationSize();
    }

    @Override
    public int actionSize() {
        return inner.actionSize();
    }

    @Override
    public void reset() {
        inner.reset();
    }

    @Override
    public void step(float[] observation, int observationOffset, float[] action, int actionOffset) {
        inner.step(observation, observationOffset, action, actionOffset);
        if (faulty) {
            action[actionOffset] = Float.NaN;
            corruptedSteps++;
        }
    }

    @Override
    public long saturationEvents() {
        return inner.saturationEvents();
    }
}
