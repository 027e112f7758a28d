package io.spikepilot.training.netstats;

/**
 * Bytes a network needs to fly: its parameters and its dynamic state (what must survive from one step to the next).
 * Counted for the packed format, the way a microcontroller would hold it, not for the JVM's arrays (the fixed engine
 * keeps its weights as {@code int[]} columns for vectorisation; that is a speed choice of this runtime, not the
 * format's size).
 *
 * @param parameterBytes weights, biases and per-neuron constants
 * @param stateBytes     membranes (spiking networks only; a spike is recomputed from its membrane, as snnTorch's
 *                       delayed reset does, so it is not state)
 */
public record MemoryFootprint(long parameterBytes, long stateBytes) {
    private static final int FLOAT32_BYTES = 4;
    private static final int INT32_BYTES = 4;

    public MemoryFootprint {
        if (parameterBytes < 0 || stateBytes < 0) {
            throw new IllegalArgumentException("footprint: expected byte counts ≥ 0, found " + parameterBytes + " and "
                    + stateBytes);
        }
    }

    public long totalBytes() {
        return parameterBytes + stateBytes;
    }

    /**
     * The float32 format ({@code float-snn} policy files, the paper's numerics): weights and biases; per LIF neuron a
     * β and a threshold as parameters and a membrane as state. An ANN has neither. For the paper's 18-256-128-4 this
     * is 39,044 parameters (156,176 B); the paper's 158.3 kB also counts an unused σ head Linear(128, 4).
     */
    public static MemoryFootprint float32(NetworkArchitecture a) {
        long parameters = SynapticOps.dense(a) + a.affineOutputs();
        long state = 0;
        if (a.spiking()) {
            parameters += 2L * a.hiddenNeurons();
            state = a.hiddenNeurons();
        }
        return new MemoryFootprint(parameters * FLOAT32_BYTES, state * FLOAT32_BYTES);
    }

    /**
     * The integer format the fixed engine flies ({@code fixed-snn} policy files, see {@code FixedPointNetwork}):
     * weights of {@code weightBits}; per affine output an int32 bias, requantisation multiplier and shift; per input a
     * float32 scale and one int32 input clamp for the network; per LIF neuron an int32 β (Q24) and threshold; an int32
     * membrane per neuron as state. The files' report-only scales ({@code weight_scale}, {@code membrane_scale}) are
     * not needed to fly and are left out.
     */
    public static MemoryFootprint fixedPoint(NetworkArchitecture a, int weightBits) {
        if (!a.spiking()) {
            throw new IllegalArgumentException("footprint: the fixed-point format holds spiking networks only, found "
                    + a);
        }
        if (weightBits != 8 && weightBits != 16) {
            throw new IllegalArgumentException("footprint: weight bits expected 8 or 16, found " + weightBits);
        }
        long weights = SynapticOps.dense(a) * (weightBits / 8);
        long perOutput = 3L * INT32_BYTES * a.affineOutputs();
        long input = (long) FLOAT32_BYTES * a.inputs() + INT32_BYTES;
        long perNeuron = 2L * INT32_BYTES * a.hiddenNeurons();
        return new MemoryFootprint(weights + perOutput + input + perNeuron, (long) INT32_BYTES * a.hiddenNeurons());
    }
}
