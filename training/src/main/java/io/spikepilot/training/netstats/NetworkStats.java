package io.spikepilot.training.netstats;

/**
 * One row of Table 2 for one network: static figures from its architecture and, for a spiking network, the figures
 * that depend on measured activity. Quantities that do not apply are NaN (energy of an ANN) or null (the fixed-point
 * footprint of an ANN, the activity of an ANN).
 *
 * @param architecture       the network's shape
 * @param float32            footprint in the float32 format
 * @param fixedPoint         footprint in the fixed-point format at {@code fixedWeightBits}, null for an ANN
 * @param fixedWeightBits    weight width the fixed-point footprint assumes (0 for an ANN)
 * @param denseSynapticOps   synaptic operations per step if every weight is used
 * @param effectiveMacs      multiply-accumulates per step actually needed
 * @param effectiveAcs       accumulates per step actually needed (spike-driven)
 * @param activationSparsity fraction of hidden activations that are zero
 * @param energyPicojoules   Loihi-constant energy per inference, pJ; NaN for an ANN
 * @param activity           the measured activity, null for an ANN
 */
public record NetworkStats(NetworkArchitecture architecture, MemoryFootprint float32, MemoryFootprint fixedPoint,
                           int fixedWeightBits, long denseSynapticOps, double effectiveMacs, double effectiveAcs,
                           double activationSparsity, double energyPicojoules, SpikeActivity activity) {

    /** A spiking network's row from its measured activity; the fixed-point footprint at {@code fixedWeightBits}. */
    public static NetworkStats spiking(SpikeActivity activity, int fixedWeightBits) {
        NetworkArchitecture a = activity.architecture();
        return new NetworkStats(a, MemoryFootprint.float32(a), MemoryFootprint.fixedPoint(a, fixedWeightBits),
                fixedWeightBits, SynapticOps.dense(a), SynapticOps.effectiveMacs(activity),
                SynapticOps.effectiveAcs(activity), activity.activationSparsity(),
                LoihiEnergy.picojoulesPerStep(activity), activity);
    }

    /**
     * An ANN's row from its architecture alone. Its tanh activations are real-valued and zero only for an input of
     * exactly 0, so every synapse is a MAC, none is an AC, and the activation sparsity is 0, as the paper reports for
     * its ANN.
     */
    public static NetworkStats ann(NetworkArchitecture a) {
        if (a.spiking()) {
            throw new IllegalArgumentException("network stats: expected an ANN, found " + a);
        }
        long dense = SynapticOps.dense(a);
        return new NetworkStats(a, MemoryFootprint.float32(a), null, 0, dense, dense, 0, 0, Double.NaN, null);
    }

    /** Energy per inference, mJ (NaN for an ANN). */
    public double energyMillijoules() {
        return LoihiEnergy.millijoules(energyPicojoules);
    }
}
