package io.spikepilot.tools.demo;

import io.spikepilot.controller.policy.Policy;

/**
 * Wraps the flying policy so the demo can corrupt its output on demand, the way a bit flip, a bad weight file or an
 * arithmetic bug would: while the {@link Switch} is on, the first output is NaN. The supervisor must take control back
 * within one tick. The switch is a volatile flag, so the loop thread neither allocates nor waits for it.
 */
public final class FaultInjectingPolicy implements Policy {
    /** The fault's on/off switch, shared between the mission (any thread) and the policy (the loop thread). */
    public static final class Switch {
        private volatile boolean on;

        /** Turns the fault on or off. */
        public void set(boolean on) {
            this.on = on;
        }

        /** Whether the fault is on. */
        public boolean isOn() {
            return on;
        }
    }

    private final Policy inner;
    private final Switch fault;
    private long corruptedSteps;

    /** Wraps {@code inner}, corrupting its output while {@code fault} is on. */
    public FaultInjectingPolicy(Policy inner, Switch fault) {
        this.inner = inner;
        this.fault = fault;
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
        if (fault.isOn()) {
            action[actionOffset] = Float.NaN;
            corruptedSteps++;
        }
    }

    @Override
    public long saturationEvents() {
        return inner.saturationEvents();
    }

    @Override
    public int hiddenLayers() {
        return inner.hiddenLayers();
    }

    @Override
    public int lastSpikeCount(int layer) {
        return inner.lastSpikeCount(layer);
    }
}
