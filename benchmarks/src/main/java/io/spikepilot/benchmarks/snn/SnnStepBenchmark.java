package io.spikepilot.benchmarks.snn;

import io.spikepilot.controller.snn.FixedPointNetwork;
import io.spikepilot.controller.snn.FixedPointQuantizer;
import io.spikepilot.controller.snn.FixedPointSnn;
import io.spikepilot.controller.snn.FloatSnn;
import io.spikepilot.controller.snn.RangeObserver;
import io.spikepilot.controller.snn.SnnNetwork;
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
 * One control tick of the 18-256-128-4 SNN: the fixed-point flight engine and the float reference, on a seeded
 * observation sequence at the paper's activity (thresholds tuned to {@code silent} silent hidden neurons). Sample time
 * gives the p50/p99 per step; run with {@code -prof gc} for bytes allocated per step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SnnStepBenchmark {
    private static final int SEQUENCE = 4096;

    @Param({"0.79"})
    double silent;

    private float[] observations;
    private final float[] action = new float[4];
    private FixedPointSnn fixed;
    private FloatSnn reference;
    private int t;
    /** Silent fraction measured on the sequence, printed once for the record. */
    double measuredSilent;

    @Setup(Level.Trial)
    public void setUp() {
        observations = PaperActivityNetwork.observations(42, SEQUENCE);
        SnnNetwork net = PaperActivityNetwork.withSilentFraction(1, silent, observations);
        measuredSilent = PaperActivityNetwork.silentFraction(net, observations);
        RangeObserver ranges = new RangeObserver(net);
        FloatSnn calib = new FloatSnn(net);
        for (int i = 0; i < SEQUENCE; i++) {
            calib.step(observations, i * 18, action, 0);
            ranges.observe(calib, observations, i * 18);
        }
        FixedPointNetwork q = FixedPointQuantizer.quantize(net,
                ranges.scales(FixedPointNetwork.MAX_INPUT_CODE, 2, 2, 24, 16));
        fixed = new FixedPointSnn(q);
        reference = new FloatSnn(net);
        System.out.printf("%nsilent hidden fraction on the benchmark sequence: %.4f%n", measuredSilent);
    }

    @Benchmark
    public float fixedPointStep() {
        int i = t;
        t = (i + 1) & (SEQUENCE - 1);
        fixed.step(observations, i * 18, action, 0);
        return action[0];
    }

    @Benchmark
    public float floatReferenceStep() {
        int i = t;
        t = (i + 1) & (SEQUENCE - 1);
        reference.step(observations, i * 18, action, 0);
        return action[0];
    }
}
