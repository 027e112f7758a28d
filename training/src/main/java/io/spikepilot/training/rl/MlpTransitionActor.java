package io.spikepilot.training.rl;

import io.spikepilot.training.bc.AnnGuide;
import io.spikepilot.training.bc.Guide;
import io.spikepilot.training.nn.Network;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A stateless MLP with its action as the network output (the paper's ANN guide, 146-64-64-4 tanh). A batch is one
 * tape of {@code rows} rows: with no state, the network's "sequence" pass is a batch pass.
 */
public final class MlpTransitionActor implements TransitionActor {
    private final Supplier<Network> shape;
    private final Network network;
    private final int inputs;
    private final int outputs;
    private final int stride;
    private final int outputOffset;
    private final AnnGuide guide;
    private float[] tape = new float[0];
    private float[] dtape = new float[0];

    /** An actor on a new network from {@code shape} (parameters as the factory leaves them). */
    public MlpTransitionActor(Supplier<Network> shape) {
        this.shape = shape;
        Network network = shape.get();
        if (!network.lifLayers().isEmpty()) {
            throw new IllegalArgumentException("MLP actor: expected a stateless MLP, found "
                    + network.lifLayers().size() + " LIF layers");
        }
        this.network = network;
        this.inputs = network.inputSize();
        this.outputs = network.outputSize();
        this.stride = network.rowStride();
        this.outputOffset = network.outputOffset();
        this.guide = new AnnGuide(network, 1);
    }

    @Override
    public Network network() {
        return network;
    }

    @Override
    public int inputSize() {
        return inputs;
    }

    @Override
    public int actionSize() {
        return outputs;
    }

    @Override
    public void forward(float[] in, int rows, float[] actions) {
        if (tape.length < rows * stride) {
            tape = new float[rows * stride];
            dtape = new float[rows * stride];
        }
        for (int b = 0; b < rows; b++) {
            System.arraycopy(in, b * inputs, tape, b * stride, inputs);
        }
        network.forwardSequence(tape, rows);
        for (int b = 0; b < rows; b++) {
            System.arraycopy(tape, b * stride + outputOffset, actions, b * outputs, outputs);
        }
    }

    @Override
    public void backward(float[] actionGradients, int rows, float[] grads) {
        Arrays.fill(dtape, 0, rows * stride, 0f);
        for (int b = 0; b < rows; b++) {
            System.arraycopy(actionGradients, b * outputs, dtape, b * stride + outputOffset, outputs);
        }
        network.backwardSequence(grads, tape, dtape, rows);
    }

    @Override
    public Guide guide() {
        return guide;
    }

    @Override
    public TransitionActor copy() {
        MlpTransitionActor twin = new MlpTransitionActor(shape);
        twin.network.copyParametersFrom(network);
        return twin;
    }
}
