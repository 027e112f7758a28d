package io.spikepilot.training.rl;

import io.spikepilot.training.bc.Guide;
import io.spikepilot.training.nn.Network;

/**
 * An actor that maps one observation row to one action row with no state kept between calls, as plain TD3 on single
 * transitions needs ({@link AnnGuideTrainer}): the paper's ANN guide ({@link MlpTransitionActor}) and the spiking
 * actor of the slope study, reset at every call ({@link FrameStackedSnnActor}).
 * A batch call keeps what its backward pass needs until the next batch call; one caller at a time.
 */
public interface TransitionActor {
    /** The parameters live here (optimiser, Polyak averaging, export). */
    Network network();

    int inputSize();

    int actionSize();

    /** Actions of {@code rows} observations: {@code inputs} holds rows of {@link #inputSize()} floats. */
    void forward(float[] inputs, int rows, float[] actions);

    /**
     * Adds dL/dθ into {@code grads} for dL/d(action) of the rows of the last {@link #forward} call (rows of
     * {@link #actionSize()} floats in {@code actionGradients}).
     */
    void backward(float[] actionGradients, int rows, float[] grads);

    /** This actor flying seeded episodes (it shares the parameters; stateless, so one guide serves every env). */
    Guide guide();

    /** A new actor of the same shape with its own buffers (targets, the best copy), parameters copied. */
    TransitionActor copy();

    /** Surrogate slope of every LIF layer; nothing for an actor without spiking layers. */
    default void setSlope(float k) {
        network().setSlope(k);
    }
}
