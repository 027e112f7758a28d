package io.spikepilot.training.export;

import io.spikepilot.controller.policy.Policy;
import io.spikepilot.training.nn.Network;
import java.util.Arrays;

/**
 * The training network stepped one control tick at a time, with its membranes kept between ticks: the training
 * forward pass as a {@link Policy}. Two tape rows alternate as "previous" and "current". Allocation-free per step.
 * Reads the network's parameters live, so it always flies the current weights.
 */
public final class NetworkPolicy implements Policy {
    private final Network network;
    private final float[] tape;
    private final int stride;
    private int current;
    private boolean first = true;

    public NetworkPolicy(Network network) {
        this.network = network;
        this.stride = network.rowStride();
        this.tape = new float[2 * stride];
    }

    @Override
    public int observationSize() {
        return network.inputSize();
    }

    @Override
    public int actionSize() {
        return network.outputSize();
    }

    @Override
    public void reset() {
        Arrays.fill(tape, 0f);
        first = true;
        current = 0;
    }

    @Override
    public void step(float[] observation, int observationOffset, float[] action, int actionOffset) {
        int row = first ? 0 : (current == 0 ? stride : 0);
        int previous = first ? -1 : current;
        System.arraycopy(observation, observationOffset, tape, row, network.inputSize());
        network.forward(tape, row, previous);
        System.arraycopy(tape, row + network.outputOffset(), action, actionOffset, network.outputSize());
        current = row;
        first = false;
    }
}
