package io.spikepilot.simulator.env;

import io.spikepilot.controller.observation.ObservationBuilder;
import io.spikepilot.controller.state.AttitudeSetpoint;
import io.spikepilot.controller.state.VehicleState;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * N environments stepped together: the trainer's view of the simulator.
 *
 * <p>Environment i draws all its randomness from the i-th {@link SplittableRandom} split off
 * {@code new SplittableRandom(seed)}, so a seed fixes every trajectory, whether the batch is stepped on one thread or
 * two. With {@link #setParallel(boolean) parallel} stepping a daemon worker thread and the calling thread share the
 * batch in chunks claimed from an atomic counter; the hand-over uses {@link LockSupport} and atomics, no queues, so
 * stepping allocates nothing either way. Not thread-safe: one caller at a time. {@link #close()} stops
 * the worker.
 */
public final class QuadrotorEnvBatch implements AutoCloseable {
    /** Actor observation width. */
    public static final int OBSERVATION_SIZE = ObservationBuilder.SIZE;
    /** Privileged observation width. */
    public static final int PRIVILEGED_SIZE = ObservationBuilder.PRIVILEGED_SIZE;
    /** Action width. */
    public static final int ACTION_SIZE = ObservationBuilder.ACTION_SIZE;

    private final EnvConfig config;
    private final long seed;
    private final QuadrotorEnv[] envs;
    private final RewardCurriculum curriculum = new RewardCurriculum();
    private Worker worker;

    /** Builds {@code count} environments of {@code config}, seeded from {@code seed}, each reset once. */
    public QuadrotorEnvBatch(EnvConfig config, int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("environment batch: field 'count': expected at least 1, found "
                    + count);
        }
        this.config = config;
        this.seed = seed;
        SplittableRandom root = new SplittableRandom(seed);
        envs = new QuadrotorEnv[count];
        for (int i = 0; i < count; i++) {
            envs[i] = new QuadrotorEnv(config, root.split(), curriculum);
        }
    }

    /** Number of environments. */
    public int size() {
        return envs.length;
    }

    /** The seed the batch was built with (record it with every result). */
    public long seed() {
        return seed;
    }

    /** The configuration. */
    public EnvConfig config() {
        return config;
    }

    /** Sets the reward curriculum level (0..6) of every environment. */
    public void setCurriculumLevel(int level) {
        curriculum.setLevel(level);
    }

    /** The shared reward curriculum. */
    public RewardCurriculum curriculum() {
        return curriculum;
    }

    /** Starts a new episode in environment {@code env}. */
    public void reset(int env) {
        envs[env].reset();
    }

    /** Starts a new episode in environment {@code env} from {@code start}, motors at {@code motorState}. */
    public void resetTo(int env, VehicleState start, double motorState) {
        envs[env].resetTo(start, motorState);
    }

    /** Starts a new episode in every environment. */
    public void resetAll() {
        for (QuadrotorEnv e : envs) {
            e.reset();
        }
    }

    /**
     * Steps every environment with its four actions {@code actions[4i..4i+3]}, writes its reward into
     * {@code rewards[i]} and whether its episode has ended into {@code dones[i]}. Finished environments stay
     * finished (reward 0) until {@link #reset(int)}.
     */
    public void step(float[] actions, float[] rewards, boolean[] dones) {
        Worker w = worker;
        if (w == null) {
            stepRange(0, envs.length, actions, rewards, dones);
        } else {
            w.step(actions, rewards, dones);
        }
    }

    private void stepRange(int from, int to, float[] actions, float[] rewards, boolean[] dones) {
        for (int i = from; i < to; i++) {
            QuadrotorEnv e = envs[i];
            rewards[i] = (float) e.step(actions, i * ACTION_SIZE);
            dones[i] = e.done();
        }
    }

    /**
     * Writes into {@code out[offset..offset+3]} the {@code motors} action with which environment {@code env}'s inner
     * loop would fly {@code setpoint} (see {@link QuadrotorEnv#motorActionFor}).
     */
    public void motorActionFor(int env, AttitudeSetpoint setpoint, float[] out, int offset) {
        envs[env].motorActionFor(setpoint, out, offset);
    }

    /** Copies environment {@code env}'s 18 actor observations into {@code out[offset..]}. */
    public void observation(int env, float[] out, int offset) {
        envs[env].observation(out, offset);
    }

    /** Copies every environment's actor observations, 18 per environment, into {@code out}. */
    public void observations(float[] out) {
        for (int i = 0; i < envs.length; i++) {
            envs[i].observation(out, i * OBSERVATION_SIZE);
        }
    }

    /** Copies environment {@code env}'s 146 privileged observations into {@code out[offset..]}. */
    public void privilegedObservation(int env, float[] out, int offset) {
        envs[env].privilegedObservation(out, offset);
    }

    /** Copies every environment's privileged observations, 146 per environment, into {@code out}. */
    public void privilegedObservations(float[] out) {
        for (int i = 0; i < envs.length; i++) {
            envs[i].privilegedObservation(out, i * PRIVILEGED_SIZE);
        }
    }

    /** Copies environment {@code env}'s true state into {@code out}. */
    public void truthState(int env, VehicleState out) {
        envs[env].truthState(out);
    }

    /** Whether environment {@code env}'s episode ended by the step limit rather than a crash. */
    public boolean truncated(int env) {
        return envs[env].truncated();
    }

    /** Environment {@code env} itself, for its counters and return. */
    public QuadrotorEnv env(int env) {
        return envs[env];
    }

    /** Sum over environments of actions that had to be clamped or replaced. */
    public long invalidActionCount() {
        long n = 0;
        for (QuadrotorEnv e : envs) {
            n += e.invalidActionCount();
        }
        return n;
    }

    /** Shares each step with a second thread (true) or steps everything on the caller (false). */
    public void setParallel(boolean parallel) {
        if (parallel && worker == null && envs.length > 1) {
            worker = new Worker();
        } else if (!parallel && worker != null) {
            worker.stop();
            worker = null;
        }
    }

    /** Stops the worker thread, if any. */
    @Override
    public void close() {
        setParallel(false);
    }

    /**
     * The second stepping thread. Each batch step is cut into chunks of environments that the caller and the worker
     * claim from an atomic counter, so when the worker is slow to wake (a busy machine) the caller simply does more
     * of the chunks instead of waiting. Which thread steps an environment never changes its trajectory.
     */
    private final class Worker implements Runnable {
        private static final int MAX_CHUNKS = 32;

        private final Thread thread;
        private final int chunkSize;
        private final int chunkCount;
        private final AtomicInteger nextChunk = new AtomicInteger();
        private final AtomicInteger doneChunks = new AtomicInteger();
        private volatile int generation;
        private volatile boolean running = true;
        private volatile Thread caller;
        private volatile Throwable failure;
        // Published to the worker by the volatile write of nextChunk in step().
        private float[] actions;
        private float[] rewards;
        private boolean[] dones;

        Worker() {
            int chunks = Math.min(envs.length, MAX_CHUNKS);
            chunkSize = (envs.length + chunks - 1) / chunks;
            chunkCount = (envs.length + chunkSize - 1) / chunkSize;
            thread = new Thread(this, "spikepilot-env-worker");
            thread.setDaemon(true);
            thread.start();
        }

        void step(float[] actions, float[] rewards, boolean[] dones) {
            this.actions = actions;
            this.rewards = rewards;
            this.dones = dones;
            this.caller = Thread.currentThread();
            doneChunks.set(0);
            nextChunk.set(0);
            generation = generation + 1;
            LockSupport.unpark(thread);
            runChunks();
            while (doneChunks.get() < chunkCount) {
                LockSupport.park(this);
            }
            Throwable t = failure;
            if (t != null) {
                failure = null;
                throw new IllegalStateException("environment step failed", t);
            }
        }

        private void runChunks() {
            int c;
            while ((c = nextChunk.getAndIncrement()) < chunkCount) {
                int from = c * chunkSize;
                try {
                    stepRange(from, Math.min(envs.length, from + chunkSize), actions, rewards, dones);
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
                if (doneChunks.incrementAndGet() == chunkCount) {
                    LockSupport.unpark(caller);
                }
            }
        }

        @Override
        public void run() {
            int seen = 0;
            while (running) {
                int g = generation;
                if (g == seen) {
                    LockSupport.park(this);
                    continue;
                }
                seen = g;
                runChunks();
            }
        }

        void stop() {
            running = false;
            LockSupport.unpark(thread);
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
