package io.spikepilot.training.nn;

/** What an LIF layer emits in its forward pass; the backward pass always uses the fast-sigmoid surrogate. */
public enum SpikeForward {
    /** The real neuron: S = H(U − θ), 1 when U − θ > 0 (strictly), else 0. Training and deployment use this. */
    HEAVISIDE,
    /**
     * A smooth stand-in whose exact derivative equals the surrogate: S = x / (1 + k|x|), x = U − θ, so that
     * d S / d U = 1 / (1 + k|x|)². Only for checking the backward pass against finite differences.
     */
    FAST_SIGMOID
}
