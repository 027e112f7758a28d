package io.spikepilot.benchmarks.simulator;

import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.simulator.env.QuadrotorEnvBatch;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Environment steps per second, counted per environment: a batch of {@value #ENVS} environments stepped together
 * with reward, termination, resets of finished environments and the 18-wide observations copied out, on one thread
 * or split over two ({@code parallel}). {@code space} picks the paper's {@code motors} task on the Crazyflie or the
 * {@code attitude} task on the X500 (five 500 Hz inner-loop updates per step).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EnvStepBenchmark {
    /** Environments per batch. */
    public static final int ENVS = 256;

    @Param({"motors", "attitude"})
    public String space;

    @Param({"false", "true"})
    public boolean parallel;

    private QuadrotorEnvBatch batch;
    private final float[] actions = new float[ENVS * 4];
    private final float[] rewards = new float[ENVS];
    private final boolean[] dones = new boolean[ENVS];
    private final float[] observations = new float[ENVS * 18];

    /** Builds the batch (seed 1) with hover actions. */
    @Setup
    public void setUp() {
        EnvConfig config = space.equals("motors") ? EnvConfig.paper(Airframes.crazyflie())
                : EnvConfig.attitude(Airframes.x500());
        batch = new QuadrotorEnvBatch(config, ENVS, 1L);
        batch.setParallel(parallel);
        Arrays.fill(actions, space.equals("motors") ? 0.334f : 0f);
    }

    /** Stops the worker thread. */
    @TearDown
    public void tearDown() {
        batch.close();
    }

    /** One step of every environment. */
    @Benchmark
    @OperationsPerInvocation(ENVS)
    public float batchStep() {
        batch.step(actions, rewards, dones);
        for (int e = 0; e < ENVS; e++) {
            if (dones[e]) {
                batch.reset(e);
            }
        }
        batch.observations(observations);
        return observations[0];
    }
}
