package io.spikepilot.benchmarks.simulator;

import io.spikepilot.simulator.airframe.Airframe;
import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.simulator.autopilot.InnerLoop;
import io.spikepilot.simulator.dynamics.Quadrotor;
import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.simulator.env.QuadrotorEnv;
import io.spikepilot.simulator.env.RewardCurriculum;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Where an environment step spends its time, in nanoseconds per call: the parts (one inner-loop update, one 2 ms
 * RK4 step of the X500) and the wholes (one {@code motors} step of the Crazyflie, one {@code attitude} step of the
 * X500 = five inner-loop updates and five RK4 steps plus decoding, reward and observations).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SimulatorCostBenchmark {
    private Quadrotor x500;
    private InnerLoop innerLoop;
    private final double[] attitudeSetpoint = {0.9848, 0.1736, 0, 0};
    private final double[] throttle = new double[4];
    private QuadrotorEnv motorsEnv;
    private QuadrotorEnv attitudeEnv;
    private final float[] hoverMotors = {0.334f, 0.334f, 0.334f, 0.334f};
    private final float[] zero = new float[4];

    /** An X500 in a gentle tumble for the parts; one environment of each action space (seed 1) for the wholes. */
    @Setup
    public void setUp() {
        Airframe a = Airframes.x500();
        x500 = new Quadrotor(a);
        tumble();
        innerLoop = new InnerLoop(a);
        motorsEnv = new QuadrotorEnv(EnvConfig.paper(Airframes.crazyflie()), new SplittableRandom(1),
                new RewardCurriculum());
        attitudeEnv = new QuadrotorEnv(EnvConfig.attitude(a), new SplittableRandom(1), new RewardCurriculum());
    }

    private void tumble() {
        x500.setState(0, 0, 0, 0.99, 0.1, 0.05, 0.02, 0, 0, 0, 0.3, 0.2, 0.1, 0.5, 0.5, 0.5, 0.5);
    }

    /** Attitude P, rate PID and mixer once. */
    @Benchmark
    public double innerLoopUpdate() {
        innerLoop.update(x500.state(), 0.55, attitudeSetpoint, 0.1, 0, 0, throttle);
        return throttle[0];
    }

    /** One 2 ms RK4 step of the X500 (the attitude task's physics step). */
    @Benchmark
    public double x500Rk4Step2ms() {
        x500.step(0.002);
        if (Math.abs(x500.state()[Quadrotor.P + 2]) > 100) {
            tumble();
        }
        return x500.state()[Quadrotor.W];
    }

    /** One step of the paper's task on the Crazyflie, reset when the episode ends. */
    @Benchmark
    public double motorsEnvStep() {
        double r = motorsEnv.step(hoverMotors, 0);
        if (motorsEnv.done()) {
            motorsEnv.reset();
        }
        return r;
    }

    /** One step of the attitude task on the X500, reset when the episode ends. */
    @Benchmark
    public double attitudeEnvStep() {
        double r = attitudeEnv.step(zero, 0);
        if (attitudeEnv.done()) {
            attitudeEnv.reset();
        }
        return r;
    }
}
