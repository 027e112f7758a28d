package io.spikepilot.controller.record;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A broadcast ring of preallocated {@link TickRecord}s: one writer (the loop) that never waits, any number of
 * readers (logger, telemetry) that each keep their own cursor.
 *
 * <p>Each slot carries the sequence number of the record it holds, seqlock style: the writer marks the slot busy,
 * writes the fields and publishes the sequence with release semantics; a reader copies the fields and re-checks the
 * sequence, so a slot overwritten while being read is detected and counted as lost rather than returned torn. A
 * reader that falls more than a capacity behind skips forward and counts what it missed. The writer side allocates
 * nothing and never blocks.
 */
public final class TickRing {
    private static final VarHandle SEQUENCES = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle PUBLISHED;
    private static final long BUSY = -1L;

    static {
        try {
            PUBLISHED = MethodHandles.lookup().findVarHandle(TickRing.class, "published", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final TickRecord[] slots;
    private final long[] sequences;
    private final int mask;
    /** Sequence of the next record to write (writer-owned). */
    private long nextSequence;
    /** Number of records published, readable by readers. */
    @SuppressWarnings("unused")
    private volatile long published;

    /** @param capacity number of slots, a power of two in [2, 2²⁰] */
    public TickRing(int capacity) {
        if (capacity < 2 || capacity > (1 << 20) || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException(
                    "tick ring: capacity expected a power of two in [2, 1048576], found " + capacity);
        }
        slots = new TickRecord[capacity];
        sequences = new long[capacity];
        for (int i = 0; i < capacity; i++) {
            slots[i] = new TickRecord();
            sequences[i] = BUSY;
        }
        mask = capacity - 1;
    }

    /** Number of slots. */
    public int capacity() {
        return slots.length;
    }

    /** Records published so far. */
    public long publishedCount() {
        return (long) PUBLISHED.getAcquire(this);
    }

    /**
     * Writer: the slot to fill for the next record. Must be followed by {@link #publish()} before the next claim.
     * The slot is marked busy, so readers will not return it half-written.
     */
    public TickRecord claim() {
        int index = (int) (nextSequence & mask);
        SEQUENCES.setOpaque(sequences, index, BUSY);
        VarHandle.storeStoreFence();
        return slots[index];
    }

    /** Writer: makes the claimed record visible to readers. */
    public void publish() {
        int index = (int) (nextSequence & mask);
        SEQUENCES.setRelease(sequences, index, nextSequence);
        nextSequence++;
        PUBLISHED.setRelease(this, nextSequence);
    }

    /** A new reader starting at the oldest record still in the ring. */
    public Reader reader() {
        return new Reader();
    }

    /** One consumer's cursor. Use from a single thread. */
    public final class Reader {
        private long next;
        private long lost;

        private Reader() {
            long available = publishedCount();
            next = Math.max(0, available - slots.length);
        }

        /**
         * Copies the next record into {@code into}.
         *
         * @return true when a record was copied, false when the reader has caught up with the writer
         */
        public boolean poll(TickRecord into) {
            while (true) {
                long available = publishedCount();
                if (next >= available) {
                    return false;
                }
                if (available - next > slots.length) {
                    long skipTo = available - slots.length;
                    lost += skipTo - next;
                    next = skipTo;
                }
                int index = (int) (next & mask);
                long before = (long) SEQUENCES.getAcquire(sequences, index);
                if (before == next) {
                    into.copyFrom(slots[index]);
                    VarHandle.loadLoadFence();
                    long after = (long) SEQUENCES.getVolatile(sequences, index);
                    if (after == next) {
                        next++;
                        return true;
                    }
                }
                // overwritten (or being overwritten) before or while we read it
                lost++;
                next++;
            }
        }

        /** Records this reader never saw because the writer lapped it. */
        public long lost() {
            return lost;
        }

        /** Records published but not yet read. */
        public long backlog() {
            return Math.max(0, publishedCount() - next);
        }
    }
}
