package io.spikepilot.training.netstats;

/**
 * The paper's energy estimate per inference (paper supplement S4, paper-spec §5 "Energy"): Loihi's per-operation
 * energies (Davies et al. 2018), not a measurement. With layer widths N_in, N1, N2, N_out and activation sparsity AS,
 * the paper writes
 * <pre>
 *   E = N1(E_u + N_in·E_w) + [E_s(1−AS)N1 + N2(E_u + N1·E_w)] + [E_s(1−AS)N2 + N_out(N2·E_w)]
 * </pre>
 * (E_s = 23.6 pJ per synaptic spike op, E_w = 1.7 pJ within-tile spike energy, E_u = 81 pJ per neuron update; the
 * paper calls them P_s, P_w, P_u). Collected by constant, this is
 * <pre>
 *   E = E_w · (dense synaptic ops) + E_u · (hidden neurons) + E_s · (hidden spikes per step)
 * </pre>
 * since every weight appears once with E_w, every hidden neuron once with E_u (the readout has no neuron update), and
 * (1−AS)·N_l is layer l's spikes per step under a uniform AS. This class computes the second form, which holds for any
 * depth and takes measured spikes directly. Because E depends on the spikes only through their total, the paper's
 * formula at the measured overall AS gives exactly the same number as the per-layer counts. As in the paper, the input
 * layer's multiplies are not charged (the formula has no MAC term), and E_s is charged once per spike, not once per
 * synapse it reaches.
 */
public final class LoihiEnergy {
    /** E_s: energy per synaptic spike op, pJ. */
    public static final double SYNAPTIC_SPIKE_OP_PJ = 23.6;
    /** E_w: within-tile spike energy per synapse, pJ. */
    public static final double WITHIN_TILE_SPIKE_PJ = 1.7;
    /** E_u: energy per neuron update, pJ. */
    public static final double NEURON_UPDATE_PJ = 81.0;
    private static final double PJ_PER_MJ = 1e9;

    private LoihiEnergy() {
    }

    /** Energy of one inference of spiking network {@code a} whose hidden layers emit {@code spikesPerStep}, pJ. */
    public static double picojoulesPerStep(NetworkArchitecture a, double spikesPerStep) {
        if (!a.spiking()) {
            throw new IllegalArgumentException("energy: the Loihi estimate is for spiking networks, found " + a);
        }
        if (!(spikesPerStep >= 0 && spikesPerStep <= a.hiddenNeurons())) {
            throw new IllegalArgumentException("energy: spikes per step expected in [0, " + a.hiddenNeurons()
                    + "], found " + spikesPerStep);
        }
        return WITHIN_TILE_SPIKE_PJ * SynapticOps.dense(a) + NEURON_UPDATE_PJ * a.hiddenNeurons()
                + SYNAPTIC_SPIKE_OP_PJ * spikesPerStep;
    }

    /** The same from measured activity. */
    public static double picojoulesPerStep(SpikeActivity activity) {
        return picojoulesPerStep(activity.architecture(), activity.meanSpikesPerStep());
    }

    /** The paper's form: every hidden layer silent a fraction {@code activationSparsity} of the time, pJ. */
    public static double picojoulesAtSparsity(NetworkArchitecture a, double activationSparsity) {
        if (!(activationSparsity >= 0 && activationSparsity <= 1)) {
            throw new IllegalArgumentException("energy: activation sparsity expected in [0, 1], found "
                    + activationSparsity);
        }
        return picojoulesPerStep(a, (1 - activationSparsity) * a.hiddenNeurons());
    }

    /** pJ → mJ, the unit the paper prints. */
    public static double millijoules(double picojoules) {
        return picojoules / PJ_PER_MJ;
    }
}
