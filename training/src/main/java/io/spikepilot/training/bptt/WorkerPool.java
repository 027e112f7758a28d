package io.spikepilot.training.bptt;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of threads that run one task per worker index and return when all are done. The caller is worker 0.
 * Dispatching allocates nothing (no futures, no queues), so a training loop stays allocation-free after setup.
 */
public final class WorkerPool implements AutoCloseable {
    /** Work for one worker index. */
    @FunctionalInterface
    public interface Task {
        void run(int worker);
    }

    private final Thread[] threads;
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile int generation;
    private volatile Task task;
    private volatile boolean closed;
    private volatile Throwable failure;
    private volatile Thread caller;

    public WorkerPool(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("worker count must be ≥ 1, found " + workers);
        }
        threads = new Thread[workers - 1];
        for (int w = 1; w < workers; w++) {
            int index = w;
            Thread thread = new Thread(() -> loop(index), "bptt-worker-" + w);
            thread.setDaemon(true);
            threads[w - 1] = thread;
            thread.start();
        }
    }

    public int workers() {
        return threads.length + 1;
    }

    /** Runs {@code work} for every worker index and waits for all of them; rethrows the first failure. */
    public void run(Task work) {
        if (closed) {
            throw new IllegalStateException("worker pool is closed");
        }
        failure = null;
        caller = Thread.currentThread();
        task = work;
        remaining.set(threads.length);
        generation = generation + 1;
        for (Thread thread : threads) {
            LockSupport.unpark(thread);
        }
        Throwable own = null;
        try {
            work.run(0);
        } catch (RuntimeException | Error e) {
            own = e;
        }
        while (remaining.get() > 0) {
            LockSupport.park(this);
        }
        task = null;
        Throwable first = own != null ? own : failure;
        if (first instanceof RuntimeException) {
            throw (RuntimeException) first;
        }
        if (first instanceof Error) {
            throw (Error) first;
        }
    }

    private void loop(int index) {
        int seen = 0;
        while (true) {
            int spins = 0;
            while (generation == seen && !closed) {
                if (++spins < 1000) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = generation;
            try {
                task.run(index);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            if (remaining.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread thread : threads) {
            LockSupport.unpark(thread);
        }
    }
}
