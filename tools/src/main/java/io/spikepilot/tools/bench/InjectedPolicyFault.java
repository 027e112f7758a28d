package io.spikepilot.tools.bench;

import io.spikepilot.controller.policy.ForwardingPolicy;
import io.spikepilot.controller.policy.Policy;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * The fault bench's way of breaking a real policy from inside the loop: while armed with a {@link Kind}, its output is
 * frozen, saturated or NaN, it reports fixed-point saturation, or one step stalls the loop thread. The kind is a
 * volatile field the bench thread sets; the loop reads it once per step.
 */
public final class InjectedPolicyFault extends ForwardingPolicy {
    /** What goes wrong. */
    public enum Kind {
        /** Nothing: the wrapped policy's outputs. */
        NONE,
        /** The last healthy output, repeated. */
        FROZEN,
        /** +1 on every output. */
        SATURATED,
        /** NaN on the thrust output. */
        NON_FINITE,
        /** Outputs pass through; each step reports one fixed-point saturation event. */
        FIXED_POINT_SATURATION,
        /** The next step blocks the loop thread for {@link #STALL_NS}, once. */
        STALL
    }

    /** The stall of {@link Kind#STALL}: 200 ms. */
    public static final long STALL_NS = 200_000_000L;

    private final float[] held = new float[4];
    private volatile Kind kind = Kind.NONE;
    private long saturationEvents;
    private boolean injected;

    /** Wraps {@code inner}. */
    public InjectedPolicyFault(Policy inner) {
        super(inner);
    }

    /** Starts (or, with {@link Kind#NONE}, ends) a fault. */
    public void inject(Kind k) {
        kind = k;
    }

    @Override
    public void step(float[] observation, int observationOffset, float[] action, int actionOffset) {
        Kind k = kind;
        injected = k != Kind.NONE;
        switch (k) {
            case FROZEN -> System.arraycopy(held, 0, action, actionOffset, 4);
            case SATURATED -> Arrays.fill(action, actionOffset, actionOffset + 4, 1.0f);
            case NON_FINITE -> {
                inner.step(observation, observationOffset, action, actionOffset);
                action[actionOffset] = Float.NaN;
            }
            case STALL -> {
                kind = Kind.NONE;
                long until = System.nanoTime() + STALL_NS;
                for (long left = STALL_NS; left > 0; left = until - System.nanoTime()) {
                    LockSupport.parkNanos(left);
                }
                inner.step(observation, observationOffset, action, actionOffset);
                System.arraycopy(action, actionOffset, held, 0, 4);
            }
            default -> {
                inner.step(observation, observationOffset, action, actionOffset);
                System.arraycopy(action, actionOffset, held, 0, 4);
                if (k == Kind.FIXED_POINT_SATURATION) {
                    saturationEvents++;
                }
            }
        }
    }

    @Override
    public long saturationEvents() {
        return inner.saturationEvents() + saturationEvents;
    }

    @Override
    public boolean lastStepFaultInjected() {
        return injected;
    }
}
