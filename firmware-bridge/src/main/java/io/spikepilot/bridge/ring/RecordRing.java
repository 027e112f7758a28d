package io.spikepilot.bridge.ring;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lock-free ring of variable-length records, each with a 64-bit tag, for many producers and one consumer.
 *
 * <p>A producer claims space with one compare-and-set on the tail, copies its bytes, then commits the record by
 * writing its length into the record's header slot (a volatile write the consumer reads). A full ring refuses the
 * record and counts it; nothing ever waits. The consumer takes committed records in claim order; a record claimed but
 * not yet committed holds back the ones after it until it is.
 *
 * <p>Allocation-free after construction.
 */
public final class RecordRing {
    private static final int ALIGN = 16;
    /** Per record before the bytes: 8 bytes tag, 8 bytes reserved to keep records aligned. */
    private static final int HEADER = 16;

    private final byte[] data;
    private final int mask;
    private final int maxRecord;
    private final AtomicIntegerArray committed;
    private final AtomicLong tail = new AtomicLong();
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private long lastTag;

    /**
     * @param capacityBytes power of two, at least 1024
     * @param maxRecord     largest record accepted
     */
    public RecordRing(int capacityBytes, int maxRecord) {
        if (capacityBytes < 1024 || Integer.bitCount(capacityBytes) != 1) {
            throw new IllegalArgumentException("ring capacity must be a power of two >= 1024 bytes, found "
                    + capacityBytes);
        }
        if (maxRecord <= 0 || align(HEADER + maxRecord) > capacityBytes) {
            throw new IllegalArgumentException("largest record " + maxRecord + " does not fit a ring of "
                    + capacityBytes + " bytes");
        }
        this.data = new byte[capacityBytes];
        this.mask = capacityBytes - 1;
        this.maxRecord = maxRecord;
        this.committed = new AtomicIntegerArray(capacityBytes / ALIGN);
    }

    /** Any thread: queues {@code length} bytes with {@code tag}; false (and counted) when the ring is full. */
    public boolean offer(long tag, byte[] source, int offset, int length) {
        if (length <= 0 || length > maxRecord) {
            refused.incrementAndGet();
            return false;
        }
        int size = align(HEADER + length);
        long claimed;
        do {
            claimed = tail.get();
            if (claimed + size - head.get() > data.length) {
                refused.incrementAndGet();
                return false;
            }
        } while (!tail.compareAndSet(claimed, claimed + size));
        int position = (int) (claimed & mask);
        for (int i = 0, shift = 56; i < 8; i++, shift -= 8) {
            data[position + i] = (byte) (tag >>> shift); // the header never wraps: records are aligned
        }
        int at = (position + HEADER) & mask;
        int first = Math.min(length, data.length - at);
        System.arraycopy(source, offset, data, at, first);
        if (first < length) {
            System.arraycopy(source, offset + first, data, 0, length - first);
        }
        committed.set(position / ALIGN, length);
        return true;
    }

    /**
     * Consumer only: copies the next committed record into {@code target} and returns its length, or -1 when none
     * is ready. The record's tag is then {@link #lastTag()}.
     */
    public int poll(byte[] target) {
        long h = head.get();
        if (h == tail.get()) {
            return -1;
        }
        int position = (int) (h & mask);
        int length = committed.get(position / ALIGN);
        if (length == 0) {
            return -1;
        }
        long tag = 0;
        for (int i = 0; i < 8; i++) {
            tag = (tag << 8) | (data[position + i] & 0xFF);
        }
        lastTag = tag;
        int at = (position + HEADER) & mask;
        int first = Math.min(length, data.length - at);
        System.arraycopy(data, at, target, 0, first);
        if (first < length) {
            System.arraycopy(data, 0, target, first, length - first);
        }
        committed.set(position / ALIGN, 0);
        head.set(h + align(HEADER + length));
        return length;
    }

    /** Tag of the record last returned by {@link #poll}. */
    public long lastTag() {
        return lastTag;
    }

    /** Records refused because the ring was full (or too large). */
    public long refused() {
        return refused.get();
    }

    /** True when nothing is queued. */
    public boolean isEmpty() {
        return head.get() == tail.get();
    }

    private static int align(int size) {
        return (size + ALIGN - 1) & -ALIGN;
    }
}
