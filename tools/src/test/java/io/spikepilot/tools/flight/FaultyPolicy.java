package io.spikepilot.tools.flight;

import io.spikepilot.controller.policy.ForwardingPolicy;
import io.spikepilot.controller.policy.Policy;

/**
 * Fault injection: passes a real policy through until told to misbehave in one specific way. It never pretends to be
 * a network; it exists to break one.
 */
final class FaultyPolicy extends ForwardingPolicy {
    /** The injected misbehaviour. */
    enum Fault {
        /** Pass the wrapped policy's outputs through. */
        NONE,
        /** Repeat the last healthy output forever. */
        FROZEN,
        /** Output +1 on every channel. */
        SATURATED,
        /** Output NaN on the thrust channel. */
        NON_FINITE,
        /** Pass outputs through but report one fixed-point saturation event per step. */
        FIXED_POINT_SATURATION
    }

    private final float[] held = new float[4];
    private long saturationEvents;
    Fault fault = Fault.NONE;

    FaultyPolicy(Policy inner) {
        super(inner);
    }

    @Override
    public void step(float[] observation, int observationOffset, float[] action, int actionOffset) {
        switch (fault) {
            case NONE, FIXED_POINT_SATURATION -> {
                inner.step(observation, observationOffset, action, actionOffset);
                System.arraycopy(action, actionOffset, held, 0, 4);
                if (fault == Fault.FIXED_POINT_SATURATION) {
                    saturationEvents++;
                }
            }
            case FROZEN -> System.arraycopy(held, 0, action, actionOffset, 4);
            case SATURATED -> java.util.Arrays.fill(action, actionOffset, actionOffset + 4, 1.0f);
            case NON_FINITE -> {
                inner.step(observation, observationOffset, action, actionOffset);
                action[actionOffset] = Float.NaN;
            }
        }
    }

    @Override
    public long saturationEvents() {
        return saturationEvents;
    }
}
