package io.spikepilot.calibration;

import io.spikepilot.controller.snn.FixedPointNetwork;
import io.spikepilot.controller.snn.FixedPointQuantizer;
import io.spikepilot.controller.snn.FloatSnn;
import io.spikepilot.controller.snn.RangeObserver;
import io.spikepilot.controller.snn.SnnNetwork;
import java.util.List;

/**
 * Chooses fixed-point scales from calibration data and quantises. Each recorded episode is replayed through the float
 * reference from zeroed membranes (as every flight starts), and the ranges of inputs, input currents and membranes are
 * recorded per value and per neuron; scales cover those ranges with the configured headroom (overflow is avoided, and
 * what is left of the int32 range becomes resolution).
 */
public final class Calibrator {
    private Calibrator() {
    }

    /** The ranges the float network reaches on {@code episodes}. */
    public static RangeObserver observe(SnnNetwork network, List<Episode> episodes) {
        RangeObserver ranges = new RangeObserver(network);
        FloatSnn snn = new FloatSnn(network);
        int n = network.inputSize();
        float[] action = new float[network.outputSize()];
        for (Episode e : episodes) {
            snn.reset();
            for (int t = 0; t < e.steps(); t++) {
                snn.step(e.observations(), t * n, action, 0);
                ranges.observe(snn, e.observations(), t * n);
            }
        }
        return ranges;
    }

    /** Fixed-point network with scales chosen from {@code episodes}. */
    public static FixedPointNetwork calibrate(SnnNetwork network, List<Episode> episodes, CalibrationOptions options) {
        if (episodes.isEmpty()) {
            throw new IllegalArgumentException("calibration: expected at least one calibration episode, found none");
        }
        RangeObserver ranges = observe(network, episodes);
        return FixedPointQuantizer.quantize(network, ranges.scales(options.inputMaxCode(), options.inputHeadroom(),
                options.membraneHeadroom(), options.membraneRangeBits(), options.weightBits()));
    }
}
