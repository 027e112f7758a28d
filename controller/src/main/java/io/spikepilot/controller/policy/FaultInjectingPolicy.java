package io.spikepilot.controller.policy;

/**
 * Wraps a policy so its output can be corrupted on demand, the way a bit flip, a bad weight file or an arithmetic bug
 * would: while the {@link Switch} is on, the first output is NaN. The supervisor must take control back within one
 * tick. The demo turns the switch from its mission thread; a replay turns it on exactly on the ticks the trace
 * recorded as injected ({@link #lastStepFaultInjected()} goes into every tick record), so a flight with an injected
 * fault replays bit for bit through the fault and the fallback.
 *
 * <p>The switch is a volatile flag, so the loop thread neither allocates nor waits for it.
 */
public final class FaultInjectingPolicy extends ForwardingPolicy {
    /** The fault's on/off switch, shared between whoever injects (any thread) and the policy (the loop thread). */
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

    private final Switch fault;
    private boolean lastInjected;
    private long corruptedSteps;

    /** Wraps {@code inner}, corrupting its output while {@code fault} is on. */
    public FaultInjectingPolicy(Policy inner, Switch fault) {
        super(inner);
        if (fault == null) {
            throw new IllegalArgumentException("fault injection: a switch is required");
        }
        this.fault = fault;
    }

    /** Steps taken while the fault was on. */
    public long corruptedSteps() {
        return corruptedSteps;
    }

    @Override
    public void step(float[] observation, int observationOffset, float[] action, int actionOffset) {
        inner.step(observation, observationOffset, action, actionOffset);
        // read the volatile once: what is recorded is what was applied
        lastInjected = fault.isOn();
        if (lastInjected) {
            action[actionOffset] = Float.NaN;
            corruptedSteps++;
        }
    }

    @Override
    public boolean lastStepFaultInjected() {
        return lastInjected;
    }
}
