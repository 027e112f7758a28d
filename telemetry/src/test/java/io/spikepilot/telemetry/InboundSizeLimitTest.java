package io.spikepilot.telemetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's inbound size limit on hand-built MQTT byte streams. */
class InboundSizeLimitTest {
    private final List<String> skipped = new ArrayList<>();
    private final InboundSizeLimit limit = new InboundSizeLimit(100,
            (topic, bytes, retained) -> skipped.add(topic + " " + bytes + " " + retained));

    /** A PUBLISH with the given flags (bit 0 retain, bits 1-2 QoS), topic and payload; QoS > 0 gets packet id 7. */
    private static byte[] publish(int flags, String topic, int payloadBytes) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        int qos = (flags >> 1) & 3;
        int remaining = 2 + t.length + (qos > 0 ? 2 : 0) + payloadBytes;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30 | flags);
        int r = remaining;
        do {
            int digit = r % 128;
            r /= 128;
            out.write(r > 0 ? digit | 0x80 : digit);
        } while (r > 0);
        out.write(t.length >> 8);
        out.write(t.length & 0xFF);
        out.writeBytes(t);
        if (qos > 0) {
            out.write(0);
            out.write(7);
        }
        for (int i = 0; i < payloadBytes; i++) {
            out.write('x');
        }
        return out.toByteArray();
    }

    private static final byte[] PINGRESP = {(byte) 0xD0, 0};

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Hands out {@code data} a few bytes at a time, throwing a socket timeout between every chunk, as Paho sees. */
    private static final class StutteringStream extends InputStream {
        private final byte[] data;
        private int pos;
        private boolean timeoutNext;

        StutteringStream(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            timeoutNext = !timeoutNext;
            if (timeoutNext) {
                throw new SocketTimeoutException("Read timed out");
            }
            if (pos == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 3), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    private static byte[] drain(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[7];
        while (true) {
            int n;
            try {
                n = in.read(buf, 0, buf.length);
            } catch (SocketTimeoutException e) {
                continue; // Paho reads again after a timeout
            }
            if (n < 0) {
                return out.toByteArray();
            }
            out.write(buf, 0, n);
        }
    }

    @Test
    void oversizePublishIsSkippedAndReportedWhileEverythingElsePassesByteForByte() throws IOException {
        byte[] small = publish(0, "fleet/v/cmd", 50);
        byte[] big = publish(1, "fleet/v/cmd", 1_000_000);
        byte[] passed = drain(limit.new LimitedStream(new StutteringStream(concat(small, big, PINGRESP, small))));
        assertArrayEquals(concat(small, PINGRESP, small), passed);
        assertEquals(List.of("fleet/v/cmd 1000000 true"), skipped);
    }

    @Test
    void oversizePublishAtQosOneClosesTheConnectionInstead() {
        InputStream in = limit.new LimitedStream(new java.io.ByteArrayInputStream(publish(2, "fleet/v/cmd", 500)));
        IOException e = assertThrows(IOException.class, () -> in.read(new byte[10], 0, 10));
        assertEquals("MQTT: a PUBLISH of 515 bytes at QoS 1 exceeds the client's limit of 100 bytes", e.getMessage());
    }
}
