package io.spikepilot.controller.loop;

import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.snn.FixedPointSnn;
import io.spikepilot.controller.snn.FloatSnn;

/** Spikes per hidden layer in the policy's last step, for the tick record; nothing for non-spiking policies. */
public interface SpikeCounter {
    /** A policy without spiking layers. */
    SpikeCounter NONE = new SpikeCounter() {
        @Override
        public int layers() {
            return 0;
        }

        @Override
        public int lastSpikeCount(int layer) {
            return 0;
        }
    };

    /** Number of hidden spiking layers. */
    int layers();

    /** Spikes layer {@code layer} emitted in the last step. */
    int lastSpikeCount(int layer);

    /** The counter of the SNN runtimes ({@link FixedPointSnn}, {@link FloatSnn}); {@link #NONE} for anything else. */
    static SpikeCounter of(Policy policy) {
        if (policy instanceof FixedPointSnn fixed) {
            return new SpikeCounter() {
                @Override
                public int layers() {
                    return fixed.hiddenLayers();
                }

                @Override
                public int lastSpikeCount(int layer) {
                    return fixed.lastSpikeCount(layer);
                }
            };
        }
        if (policy instanceof FloatSnn floating) {
            return new SpikeCounter() {
                @Override
                public int layers() {
                    return floating.hiddenLayers();
                }

                @Override
                public int lastSpikeCount(int layer) {
                    return floating.lastSpikeCount(layer);
                }
            };
        }
        return NONE;
    }
}
