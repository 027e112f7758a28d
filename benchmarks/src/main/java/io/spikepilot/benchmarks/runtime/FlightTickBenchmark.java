package io.spikepilot.benchmarks.runtime;

import io.spikepilot.flight.SyntheticFlight;
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
 * One full control tick, from reading the state to the encoded SET_ATTITUDE_TARGET frame and the tick record, with
 * the paper-size fixed-point SNN flying and the PID in hot standby ({@code policy=fixed-snn}), or with the PID behind
 * the policy interface to show the loop's own cost ({@code policy=pid}). Sample mode gives the percentiles; add
 * {@code -prof gc} for bytes per tick.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FlightTickBenchmark {
    @Param({"fixed-snn", "pid"})
    public String policy;

    private SyntheticFlight flight;
    private long nowNs;

    @Setup(Level.Trial)
    public void setUp() {
        flight = new SyntheticFlight(250, 1L, policy.equals("pid"));
        nowNs = flight.engage();
    }

    @Benchmark
    public long fullTick() {
        nowNs += flight.periodNs();
        flight.updateState(nowNs);
        flight.controller().tick(nowNs);
        return flight.encodedBytes();
    }
}
