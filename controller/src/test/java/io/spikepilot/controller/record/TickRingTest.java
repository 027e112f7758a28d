package io.spikepilot.controller.record;

import io.spikepilot.controller.testing.AllocationMeter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TickRingTest {
    private static void write(TickRing ring, long tick) {
        TickRecord r = ring.claim();
        r.tick = tick;
        r.nowNs = tick * 3;
        r.observation[0] = tick;
        r.sentSetpoint[0] = -tick;
        ring.publish();
    }

    @Test
    void readerSeesRecordsInOrder() {
        TickRing ring = new TickRing(8);
        TickRing.Reader reader = ring.reader();
        for (int i = 0; i < 5; i++) {
            write(ring, i);
        }
        TickRecord r = new TickRecord();
        for (int i = 0; i < 5; i++) {
            assertTrue(reader.poll(r));
            assertEquals(i, r.tick);
        }
        assertFalse(reader.poll(r));
        assertEquals(0, reader.lost());
    }

    @Test
    void aLappedReaderSkipsToTheOldestRecordAndCountsTheLoss() {
        TickRing ring = new TickRing(8);
        TickRing.Reader reader = ring.reader();
        for (int i = 0; i < 20; i++) {
            write(ring, i);
        }
        TickRecord r = new TickRecord();
        assertTrue(reader.poll(r));
        assertEquals(12, r.tick);
        assertEquals(12, reader.lost());
    }

    @Test
    void twoReadersProgressIndependently() {
        TickRing ring = new TickRing(8);
        TickRing.Reader a = ring.reader();
        TickRing.Reader b = ring.reader();
        write(ring, 0);
        write(ring, 1);
        TickRecord r = new TickRecord();
        assertTrue(a.poll(r));
        assertTrue(a.poll(r));
        assertEquals(2, b.backlog());
        assertTrue(b.poll(r));
        assertEquals(0, r.tick);
    }

    @Test
    void writingAllocatesNothing() {
        TickRing ring = new TickRing(1024);
        AtomicLong tick = new AtomicLong();
        assertEquals(0, AllocationMeter.bytesAllocatedBy(() -> write(ring, tick.getAndIncrement()), 200_000,
                100_000));
    }

    @Test
    void concurrentReaderNeverSeesATornRecord() throws Exception {
        TickRing ring = new TickRing(64);
        long total = 2_000_000;
        long[] seen = new long[3];
        TickRing.Reader rd = ring.reader();
        Thread reader = new Thread(() -> {
            TickRecord r = new TickRecord();
            long last = -1;
            while (last < total - 1) {
                if (rd.poll(r)) {
                    if (r.nowNs != r.tick * 3 || r.observation[0] != (float) r.tick || r.sentSetpoint[0] != -r.tick
                            || r.tick <= last) {
                        seen[2]++;
                    }
                    last = r.tick;
                    seen[0]++;
                } else {
                    Thread.onSpinWait();
                }
                if (rd.lost() + seen[0] >= total) {
                    break;
                }
            }
            seen[1] = rd.lost();
        });
        reader.start();
        for (long i = 0; i < total; i++) {
            write(ring, i);
        }
        reader.join(60_000);
        assertEquals(0, seen[2], "torn or out-of-order records");
        assertEquals(total, seen[0] + seen[1]);
    }

    @Test
    void capacityMustBeAPowerOfTwo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TickRing(100));
        assertTrue(e.getMessage().contains("found 100"), e.getMessage());
    }
}
