package io.spikepilot.calibration;

import io.spikepilot.controller.snn.FixedPointNetwork;
import io.spikepilot.controller.snn.FixedPointSnn;
import io.spikepilot.controller.snn.FloatSnn;
import io.spikepilot.controller.snn.SnnNetwork;
import io.spikepilot.simulator.env.EnvConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures a fixed-point network against its float original: open loop, by replaying the float policy's own recorded
 * observations into both runtimes from zeroed membranes; closed loop, by flying both in the simulator from the same
 * seeded initial states.
 */
public final class Equivalence {
    private Equivalence() {
    }

    /**
     * Records {@code count} float episodes from seed {@code firstSeed} (the open-loop data), then flies the fixed
     * network on the same seeds, and reports.
     */
    public static EquivalenceReport evaluate(SnnNetwork floatNet, FixedPointNetwork fixedNet, EnvConfig config,
                                             long firstSeed, int count) {
        List<Episode> floatEpisodes = new ArrayList<>();
        List<Episode> fixedEpisodes = new ArrayList<>();
        FloatSnn floatPolicy = new FloatSnn(floatNet);
        FixedPointSnn fixedPolicy = new FixedPointSnn(fixedNet);
        for (int e = 0; e < count; e++) {
            floatEpisodes.add(SimulatorRollouts.run(floatPolicy, config, firstSeed + e, true));
            fixedEpisodes.add(SimulatorRollouts.run(fixedPolicy, config, firstSeed + e, false));
        }
        OpenLoop open = openLoop(floatNet, fixedNet, floatEpisodes);
        return new EquivalenceReport(open.agreement, open.silent, open.rmse, open.maxError, open.steps,
                open.saturation + fixedPolicy.saturationEvents(), mean(floatEpisodes, true), mean(fixedEpisodes, true),
                mean(floatEpisodes, false), mean(fixedEpisodes, false), count, firstSeed);
    }

    private static double mean(List<Episode> episodes, boolean returns) {
        double s = 0;
        for (Episode e : episodes) {
            s += returns ? e.episodeReturn() : e.steps();
        }
        return s / episodes.size();
    }

    /** Open-loop comparison results. */
    record OpenLoop(double[] agreement, double[] silent, double rmse, double maxError, long steps, long saturation) {
    }

    /** Replays each episode's observations into both runtimes from zeroed membranes. */
    static OpenLoop openLoop(SnnNetwork floatNet, FixedPointNetwork fixedNet, List<Episode> episodes) {
        FloatSnn f = new FloatSnn(floatNet);
        FixedPointSnn x = new FixedPointSnn(fixedNet);
        int hidden = floatNet.hiddenLayers();
        int n = floatNet.inputSize();
        int outs = floatNet.outputSize();
        long[] agree = new long[hidden];
        long[] silent = new long[hidden];
        long[] total = new long[hidden];
        boolean[][] fixedSpike = new boolean[hidden][];
        for (int k = 0; k < hidden; k++) {
            fixedSpike[k] = new boolean[floatNet.lif().get(k).size()];
        }
        float[] af = new float[outs];
        float[] ax = new float[outs];
        double se = 0;
        double max = 0;
        long steps = 0;
        for (Episode e : episodes) {
            f.reset();
            x.reset();
            for (int t = 0; t < e.steps(); t++) {
                f.step(e.observations(), t * n, af, 0);
                x.step(e.observations(), t * n, ax, 0);
                for (int j = 0; j < outs; j++) {
                    double d = (double) ax[j] - af[j];
                    se += d * d;
                    max = Math.max(max, Math.abs(d));
                }
                for (int k = 0; k < hidden; k++) {
                    boolean[] fx = fixedSpike[k];
                    java.util.Arrays.fill(fx, false);
                    for (int c = 0; c < x.lastSpikeCount(k); c++) {
                        fx[x.lastSpikeIndex(k, c)] = true;
                    }
                    for (int i = 0; i < fx.length; i++) {
                        boolean fs = f.spiked(k, i);
                        agree[k] += fs == fx[i] ? 1 : 0;
                        silent[k] += fs ? 0 : 1;
                    }
                    total[k] += fx.length;
                }
                steps++;
            }
        }
        double[] agreement = new double[hidden];
        double[] silentFraction = new double[hidden];
        for (int k = 0; k < hidden; k++) {
            agreement[k] = total[k] == 0 ? 1 : agree[k] / (double) total[k];
            silentFraction[k] = total[k] == 0 ? 1 : silent[k] / (double) total[k];
        }
        double rmse = steps == 0 ? 0 : Math.sqrt(se / (steps * (double) outs));
        return new OpenLoop(agreement, silentFraction, rmse, max, steps, x.saturationEvents());
    }
}
