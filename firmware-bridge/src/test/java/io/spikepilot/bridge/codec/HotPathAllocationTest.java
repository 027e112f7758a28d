package io.spikepilot.bridge.codec;

import io.spikepilot.controller.testing.AllocationMeter;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HotPathAllocationTest {
    private final double[] sink = new double[1];

    @Test
    void readingAndDecodingHotFramesAllocatesNothing() {
        FrameEncoder encoder = new FrameEncoder(1, 1);
        byte[] stream = new byte[0];
        for (int i = 0; i < 10; i++) {
            stream = TestFrames.concat(stream, TestFrames.localPosition(encoder, i, i), TestFrames.heartbeatV1(encoder));
        }
        FrameReader reader = new FrameReader(MessageCatalog.standard(), (frame, now) -> {
            if (frame.messageId() == LocalPositionNedMessage.ID) {
                sink[0] += LocalPositionNedMessage.xM(frame) + LocalPositionNedMessage.vzMps(frame);
            }
        });
        byte[] bytes = stream;
        long allocated = AllocationMeter.bytesAllocatedBy(() -> reader.accept(bytes, 0, bytes.length, 1), 20_000, 2000);
        assertEquals(0, allocated);
    }

    @Test
    void encodingSetAttitudeTargetAllocatesNothing() {
        FrameEncoder encoder = new FrameEncoder(1, 191);
        long allocated = AllocationMeter.bytesAllocatedBy(() -> {
            SetAttitudeTargetMessage.write(encoder.payload(), 5, 1, 1, 7, 1f, 0f, 0f, 0f, 0f, 0f, 0f, 0.5f, 0f, 0f, 0f);
            sink[0] += encoder.encodeV2(SetAttitudeTargetMessage.ID, SetAttitudeTargetMessage.CRC_EXTRA,
                    SetAttitudeTargetMessage.LENGTH);
            HeartbeatMessage.write(encoder.payload(), 18, 8, 0, 0, 4, 3);
            sink[0] += encoder.encodeV2(HeartbeatMessage.ID, HeartbeatMessage.CRC_EXTRA, HeartbeatMessage.LENGTH);
        }, 200_000, 10_000);
        assertEquals(0, allocated);
    }
}
