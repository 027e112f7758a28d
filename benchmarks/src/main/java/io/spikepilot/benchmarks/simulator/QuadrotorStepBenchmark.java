package io.spikepilot.benchmarks.simulator;

import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.simulator.dynamics.Quadrotor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** One Crazyflie RK4 step of 10 ms (the paper's physics step), motors at hover throttle, on one thread. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class QuadrotorStepBenchmark {
    private Quadrotor quadrotor;

    /** A Crazyflie at rest with its motors at the hover throttle. */
    @Setup
    public void setUp() {
        quadrotor = new Quadrotor(Airframes.crazyflie());
        quadrotor.resetAtRest(0.667);
    }

    /** One RK4 step; the vehicle climbs at 0.15 m/s², so it is put back now and then to keep numbers tame. */
    @Benchmark
    public double crazyflieRk4Step() {
        quadrotor.step(0.01);
        double[] s = quadrotor.state();
        if (s[Quadrotor.P + 2] > 100) {
            quadrotor.resetAtRest(0.667);
        }
        return s[Quadrotor.V + 2];
    }
}
