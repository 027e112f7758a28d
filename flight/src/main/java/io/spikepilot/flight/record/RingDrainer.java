package io.spikepilot.flight.record;

import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.record.TickRecordConsumer;
import io.spikepilot.controller.record.TickRing;

import java.util.concurrent.locks.LockSupport;

/**
 * A consumer thread's duty cycle over a {@link TickRing}: drain everything available, then park for the idle
 * interval. The loop never waits for it; if it falls behind, its reader counts lost records. A consumer that throws
 * is counted and kept running, so a full disk costs trace rows, not the flight.
 */
public final class RingDrainer implements Runnable {
    private final TickRing.Reader reader;
    private final TickRecordConsumer consumer;
    private final long idleParkNs;
    private final TickRecord scratch = new TickRecord();
    private volatile boolean running = true;
    private volatile long consumed;
    private volatile long errors;
    private volatile Exception firstError;

    /**
     * @param ring       the ring to read (a new reader is created at its oldest record)
     * @param consumer   receives each record
     * @param idleParkNs how long to park when caught up, ns, in [1 µs, 1 s]
     */
    public RingDrainer(TickRing ring, TickRecordConsumer consumer, long idleParkNs) {
        if (idleParkNs < 1_000 || idleParkNs > 1_000_000_000L) {
            throw new IllegalArgumentException("ring drainer: idleParkNs expected [1000, 1e9], found " + idleParkNs);
        }
        this.reader = ring.reader();
        this.consumer = consumer;
        this.idleParkNs = idleParkNs;
    }

    @Override
    public void run() {
        while (running) {
            if (drainAvailable() == 0) {
                LockSupport.parkNanos(idleParkNs);
            }
        }
        drainAvailable();
    }

    /** Drains what is available now on the calling thread; returns the number of records handled. */
    public int drainAvailable() {
        int n = 0;
        while (reader.poll(scratch)) {
            n++;
            try {
                consumer.accept(scratch);
                consumed++;
            } catch (Exception e) {
                recordError(e);
            }
        }
        if (n > 0) {
            try {
                consumer.caughtUp();
            } catch (Exception e) {
                recordError(e);
            }
        }
        return n;
    }

    private void recordError(Exception e) {
        if (firstError == null) {
            firstError = e;
        }
        errors++;
    }

    /** Asks the thread to finish after a last drain. */
    public void stop() {
        running = false;
    }

    /** Records handed to the consumer. */
    public long consumed() {
        return consumed;
    }

    /** Records the writer overwrote before this drainer could read them. */
    public long lost() {
        return reader.lost();
    }

    /** Consumer failures. */
    public long errors() {
        return errors;
    }

    /** The first consumer failure, or null. */
    public Exception firstError() {
        return firstError;
    }
}
