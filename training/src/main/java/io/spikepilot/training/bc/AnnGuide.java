package io.spikepilot.training.bc;

import io.spikepilot.training.nn.Network;

/**
 * The paper's ANN guide (spec §3.1) as a {@link Guide}: a tanh MLP on the 146-wide privileged observation whose four
 * outputs are the action itself. It is stateless, so one network and one tape row serve every environment, and
 * {@link #reset} has nothing to clear. Allocation-free per step; one caller at a time (as the collectors use guides).
 * It shares the network it is given: a trainer evaluates its live actor through it.
 */
public final class AnnGuide implements Guide {
    private final Network network;
    private final float[] tape;
    private final int inputs;
    private final int outputs;
    private final int outputOffset;

    public AnnGuide(Network network, int environments) {
        if (environments < 1) {
            throw new IllegalArgumentException("ANN guide: field 'environments': expected ≥ 1, found "
                    + environments);
        }
        if (!network.lifLayers().isEmpty()) {
            throw new IllegalArgumentException("ANN guide: expected a stateless MLP, found "
                    + network.lifLayers().size() + " LIF layers");
        }
        this.network = network;
        this.tape = new float[network.rowStride()];
        this.inputs = network.inputSize();
        this.outputs = network.outputSize();
        this.outputOffset = network.outputOffset();
    }

    public Network network() {
        return network;
    }

    @Override
    public void reset(int env) {
    }

    @Override
    public void act(int env, float[] privileged, int privilegedOffset, float[] action, int actionOffset) {
        System.arraycopy(privileged, privilegedOffset, tape, 0, inputs);
        network.forward(tape, 0, 0);
        System.arraycopy(tape, outputOffset, action, actionOffset, outputs);
    }
}
