package io.spikepilot.training.export;

import io.spikepilot.controller.policy.Policy;
import io.spikepilot.training.nn.Layer;
import io.spikepilot.training.nn.Lif;
import io.spikepilot.training.nn.Network;
import java.util.Arrays;
import java.util.List;

/**
 * The training network stepped one control tick at a time, with its membranes kept between ticks: the training
 * forward pass as a {@link Policy}. Two tape rows alternate as "previous" and "current". Allocation-free per step.
 * Reads the network's parameters live, so it always flies the current weights.
 *
 * <p>Spike counts: each LIF layer is a hidden spiking layer; {@link #lastSpikeCount} counts its neurons whose output
 * in the last step's tape row is positive (U − θ > 0, a spike), so tick records and telemetry show the activity of a
 * training network in flight as they do for the runtime's SNNs.
 */
public final class NetworkPolicy implements Policy {
    private final Network network;
    private final float[] tape;
    private final int stride;
    /** Offset of each LIF layer's output (its spikes) inside a tape row, in layer order. */
    private final int[] spikeOffsets;
    /** Width of each LIF layer. */
    private final int[] spikeWidths;
    private int current;
    private boolean first = true;

    public NetworkPolicy(Network network) {
        this.network = network;
        this.stride = network.rowStride();
        this.tape = new float[2 * stride];
        List<Lif> lifs = network.lifLayers();
        spikeOffsets = new int[lifs.size()];
        spikeWidths = new int[lifs.size()];
        // the row layout Network documents: the input, then every layer's output in order
        int offset = 0;
        int k = 0;
        for (Layer layer : network.layers()) {
            offset += layer.inputSize();
            if (layer instanceof Lif) {
                spikeOffsets[k] = offset;
                spikeWidths[k] = layer.outputSize();
                k++;
            }
        }
        if (offset != network.outputOffset()) {
            throw new IllegalStateException("network policy: the network's tape row layout is not the documented "
                    + "one (output expected at " + offset + ", found at " + network.outputOffset() + ")");
        }
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

    @Override
    public int hiddenLayers() {
        return spikeOffsets.length;
    }

    @Override
    public int lastSpikeCount(int layer) {
        if (first || layer < 0 || layer >= spikeOffsets.length) {
            return 0;
        }
        int from = current + spikeOffsets[layer];
        int count = 0;
        for (int j = 0; j < spikeWidths[layer]; j++) {
            if (tape[from + j] > 0f) {
                count++;
            }
        }
        return count;
    }
}
