package io.spikepilot.benchmarks.snn;

import io.spikepilot.controller.snn.LoadedPolicy;
import io.spikepilot.controller.snn.PolicyFile;
import io.spikepilot.controller.snn.FixedPointNetwork;
import io.spikepilot.controller.snn.FixedPointQuantizer;
import io.spikepilot.controller.snn.FloatSnn;
import io.spikepilot.controller.snn.RangeObserver;
import io.spikepilot.controller.snn.SnnNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The fixed-point networks the step benchmarks time: {@code paper} is the 18-256-128-4 paper network tuned to 79 %
 * silent hidden neurons on the benchmark observations ({@link PaperActivityNetwork}), scaled on those observations;
 * any other name is a fixed-point policy shipped in the tools jar ({@code policies/<name>.safetensors}).
 */
final class BenchmarkNetworks {
    static final String PAPER = "paper";
    static final int SEQUENCE = 4096;

    private BenchmarkNetworks() {
    }

    /** Seeded observations, {@link #SEQUENCE} × 18. */
    static float[] observations() {
        return PaperActivityNetwork.observations(42, SEQUENCE);
    }

    static SnnNetwork paperFloat(float[] observations) {
        return PaperActivityNetwork.withSilentFraction(1, 0.79, observations);
    }

    static FixedPointNetwork fixed(String name, float[] observations) {
        if (PAPER.equals(name)) {
            SnnNetwork net = paperFloat(observations);
            RangeObserver ranges = new RangeObserver(net);
            FloatSnn calib = new FloatSnn(net);
            float[] action = new float[4];
            for (int i = 0; i < SEQUENCE; i++) {
                calib.step(observations, i * 18, action, 0);
                ranges.observe(calib, observations, i * 18);
            }
            return FixedPointQuantizer.quantize(net, ranges.scales(FixedPointNetwork.MAX_INPUT_CODE, 2, 2, 24, 16));
        }
        String resource = "/policies/" + name + ".safetensors";
        try (InputStream in = BenchmarkNetworks.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("benchmark network '" + name + "': expected 'paper' or a shipped "
                        + "policy, found no resource " + resource);
            }
            LoadedPolicy policy = PolicyFile.read(in.readAllBytes(), resource);
            return policy.fixedNetwork();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
