package io.spikepilot.bridge.ring;

import io.spikepilot.controller.testing.AllocationMeter;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordRingTest {
    @Test
    void recordsComeOutInOrderWithTheirTagsAcrossTheWrap() {
        RecordRing ring = new RecordRing(1024, 100);
        byte[] target = new byte[100];
        for (int i = 0; i < 1000; i++) {
            byte[] record = new byte[1 + i % 97];
            record[record.length - 1] = (byte) i;
            assertTrue(ring.offer(i * 3L, record, 0, record.length));
            assertEquals(record.length, ring.poll(target));
            assertEquals(i * 3L, ring.lastTag());
            assertEquals((byte) i, target[record.length - 1]);
        }
        assertEquals(-1, ring.poll(target));
        assertTrue(ring.isEmpty());
    }

    @Test
    void aFullRingRefusesAndCounts() {
        RecordRing ring = new RecordRing(1024, 100);
        byte[] record = new byte[48];
        int accepted = 0;
        for (int i = 0; i < 30; i++) {
            if (ring.offer(0, record, 0, 48)) {
                accepted++;
            }
        }
        // 16 bytes of tag + 48 bytes = 64 per record: 16 fit in 1024 bytes.
        assertEquals(16, accepted);
        assertEquals(14, ring.refused());
    }

    @Test
    void oversizedRecordsAreRefused() {
        RecordRing ring = new RecordRing(1024, 100);
        assertFalse(ring.offer(0, new byte[101], 0, 101));
        assertEquals(1, ring.refused());
    }

    @Test
    void aCapacityThatIsNotAPowerOfTwoIsRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RecordRing(3000, 10));
        assertTrue(e.getMessage().contains("3000"), e.getMessage());
    }

    @Test
    void concurrentProducersLoseNothingThatWasAccepted() throws Exception {
        RecordRing ring = new RecordRing(1 << 12, 64);
        int perProducer = 50_000;
        long[] accepted = new long[2];
        Thread[] producers = new Thread[2];
        for (int p = 0; p < 2; p++) {
            int id = p;
            producers[p] = new Thread(() -> {
                byte[] record = new byte[24];
                for (int i = 0; i < perProducer; i++) {
                    record[0] = (byte) id;
                    if (ring.offer(((long) id << 32) | i, record, 0, 24)) {
                        accepted[id]++;
                    }
                }
            });
            producers[p].start();
        }
        byte[] target = new byte[64];
        long[] received = new long[2];
        long[] lastSeen = {-1, -1};
        boolean ordered = true;
        while (producers[0].isAlive() || producers[1].isAlive() || !ring.isEmpty()) {
            if (ring.poll(target) == 24) {
                int id = (int) (ring.lastTag() >>> 32);
                long index = ring.lastTag() & 0xFFFF_FFFFL;
                ordered &= index > lastSeen[id] && target[0] == id;
                lastSeen[id] = index;
                received[id]++;
            }
        }
        assertTrue(ordered);
        assertEquals(accepted[0], received[0]);
        assertEquals(accepted[1], received[1]);
        assertEquals(2L * perProducer, accepted[0] + accepted[1] + ring.refused());
    }

    @Test
    void offerAndPollAllocateNothing() {
        RecordRing ring = new RecordRing(1 << 12, 64);
        byte[] record = new byte[40];
        byte[] target = new byte[64];
        long allocated = AllocationMeter.bytesAllocatedBy(() -> {
            ring.offer(1, record, 0, 40);
            ring.poll(target);
        }, 200_000, 20_000);
        assertEquals(0, allocated);
    }
}
