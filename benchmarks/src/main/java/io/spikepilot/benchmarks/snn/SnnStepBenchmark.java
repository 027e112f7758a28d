package io.spikepilot.benchmarks.snn;

import io.spikepilot.controller.snn.FixedPointNetwork;
import io.spikepilot.controller.snn.FixedPointSnn;
import io.spikepilot.controller.snn.FloatSnn;
import io.spikepilot.controller.snn.StepKernel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One control tick of the 18-256-128-4 SNN: the fixed-point flight engine with each {@link StepKernel} and the float
 * reference, on a seeded observation sequence; {@code network} is {@code paper} (the paper network at 79 % silent
 * hidden neurons) or a shipped fixed-point policy (see {@link BenchmarkNetworks}). Sample time gives the p50/p99 per
 * step; run with {@code -prof gc} for bytes allocated per step. The forks get {@code jdk.incubator.vector}, as the
 * launcher gives the flight commands.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SnnStepBenchmark {
    private static final int SEQUENCE = BenchmarkNetworks.SEQUENCE;

    @Param({BenchmarkNetworks.PAPER})
    String network;

    @Param({"VECTOR", "SCALAR"})
    StepKernel kernel;

    private float[] observations;
    private final float[] action = new float[4];
    private FixedPointSnn fixed;
    private FloatSnn reference;
    private int t;
    /** Silent fraction measured on the sequence, printed once for the record. */
    double measuredSilent;

    @Setup(Level.Trial)
    public void setUp() {
        observations = BenchmarkNetworks.observations();
        FixedPointNetwork q = BenchmarkNetworks.fixed(network, observations);
        fixed = new FixedPointSnn(q, kernel);
        reference = BenchmarkNetworks.PAPER.equals(network)
                ? new FloatSnn(BenchmarkNetworks.paperFloat(observations)) : null;
        FixedPointSnn count = new FixedPointSnn(q, StepKernel.SCALAR);
        for (int i = 0; i < SEQUENCE; i++) {
            count.step(observations, i * 18, action, 0);
        }
        int[] sizes = q.layerSizes();
        double spikes0 = count.totalSpikes(0) / (double) SEQUENCE;
        double spikes1 = count.totalSpikes(1) / (double) SEQUENCE;
        measuredSilent = 1 - (spikes0 + spikes1) / (sizes[1] + sizes[2]);
        System.out.printf("%n%s, kernel %s: silent hidden fraction on the benchmark sequence %.4f "
                + "(spikes per step %.1f of %d, %.1f of %d)%n", network, kernel, measuredSilent, spikes0, sizes[1],
                spikes1, sizes[2]);
    }

    @Benchmark
    public float fixedPointStep() {
        int i = t;
        t = (i + 1) & (SEQUENCE - 1);
        fixed.step(observations, i * 18, action, 0);
        return action[0];
    }

    /** The float reference of the paper network (run with {@code -p network=paper -p kernel=SCALAR}). */
    @Benchmark
    public float floatReferenceStep() {
        if (reference == null) {
            return 0;
        }
        int i = t;
        t = (i + 1) & (SEQUENCE - 1);
        reference.step(observations, i * 18, action, 0);
        return action[0];
    }
}
