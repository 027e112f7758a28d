package io.spikepilot.telemetry;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.SocketFactory;

/**
 * The MQTT client's maximum message size. Paho's v3 client has none: it allocates whatever length a PUBLISH announces
 * (up to 256 MB), and a broker without a limit of its own (mosquitto's default) forwards anything. This socket
 * factory's sockets read the MQTT framing on the way in and skip, unread by Paho, any PUBLISH whose remaining length
 * exceeds the limit, reporting its topic, payload size and retain flag so that the sender can be answered.
 *
 * <p>Skipping is only safe for QoS 0 deliveries (no PUBACK is owed), which is why the vehicle subscribes with QoS 0;
 * an oversize delivery at QoS 1 or 2 closes the connection instead (Paho reconnects). Resumable: Paho reads with a
 * socket timeout and calls again after one, so all parsing state lives in fields and is only advanced by bytes read.
 */
final class InboundSizeLimit extends SocketFactory {
    /** Receives what was skipped. Called on Paho's receiver thread; must not block. */
    interface Listener {
        void skipped(String topic, long payloadBytes, boolean retained);
    }

    private final int maxRemainingLength;
    private final Listener listener;

    /**
     * @param maxRemainingLength largest MQTT remaining length (topic, packet id and payload) of a PUBLISH let through
     */
    InboundSizeLimit(int maxRemainingLength, Listener listener) {
        this.maxRemainingLength = maxRemainingLength;
        this.listener = listener;
    }

    @Override
    public Socket createSocket() {
        return new LimitedSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket s = createSocket();
        s.bind(new java.net.InetSocketAddress(localHost, localPort));
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        Socket s = createSocket();
        s.bind(new java.net.InetSocketAddress(localAddress, localPort));
        s.connect(new java.net.InetSocketAddress(address, port));
        return s;
    }

    private final class LimitedSocket extends Socket {
        private InputStream in;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new LimitedStream(super.getInputStream());
            }
            return in;
        }
    }

    /** Passes MQTT packets through, except oversize PUBLISHes, which it reads and discards. */
    final class LimitedStream extends InputStream {
        private static final int TOPIC_KEPT = 256;
        private final InputStream in;
        /** Fixed header bytes read but not yet handed on (held until the remaining length is known). */
        private final byte[] header = new byte[5];
        private int headerLen;
        private int headerPos;
        private boolean headerComplete;
        private long remainingLength;
        private int multiplier = 1;
        /** Body bytes still to pass through (passing) or to discard (skipping). */
        private long bodyLeft;
        private boolean skipping;
        private long skippedRead;
        private int topicLength = -1;
        private int topicLengthHigh = -1;
        private final byte[] topic = new byte[TOPIC_KEPT];
        private final byte[] scratch = new byte[8192];
        private final byte[] one = new byte[1];

        LimitedStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (true) {
                if (headerPos < headerLen && headerComplete) {
                    int n = Math.min(len, headerLen - headerPos);
                    System.arraycopy(header, headerPos, b, off, n);
                    headerPos += n;
                    return n;
                }
                if (bodyLeft > 0 && !skipping) {
                    int n = in.read(b, off, (int) Math.min(len, bodyLeft));
                    if (n > 0) {
                        bodyLeft -= n;
                    }
                    return n;
                }
                if (skipping) {
                    if (!skip()) {
                        return -1;
                    }
                    continue;
                }
                if (!readFixedHeader()) {
                    return -1;
                }
            }
        }

        /** Reads the next packet's fixed header; false at end of stream. Decides pass or skip once it is whole. */
        private boolean readFixedHeader() throws IOException {
            if (headerComplete) {
                headerComplete = false;
                headerLen = 0;
                headerPos = 0;
                remainingLength = 0;
                multiplier = 1;
            }
            while (!headerComplete) {
                int v = in.read();
                if (v < 0) {
                    return false;
                }
                header[headerLen++] = (byte) v;
                if (headerLen == 1) {
                    continue;
                }
                remainingLength += (long) (v & 0x7F) * multiplier;
                multiplier *= 128;
                if ((v & 0x80) == 0 || headerLen == header.length) {
                    headerComplete = true;
                }
            }
            int type = (header[0] & 0xF0) >>> 4;
            bodyLeft = remainingLength;
            if (type == 3 && remainingLength > maxRemainingLength) {
                int qos = (header[0] >>> 1) & 0x03;
                if (qos != 0) {
                    throw new IOException("MQTT: a PUBLISH of " + remainingLength + " bytes at QoS " + qos
                            + " exceeds the client's limit of " + maxRemainingLength + " bytes");
                }
                skipping = true;
                skippedRead = 0;
                topicLength = -1;
                topicLengthHigh = -1;
                headerPos = headerLen; // nothing of this packet reaches Paho
            }
            return true;
        }

        /** Discards the oversize PUBLISH, keeping its topic; false at end of stream. */
        private boolean skip() throws IOException {
            while (bodyLeft > 0) {
                if (topicLength < 0) {
                    int v = in.read();
                    if (v < 0) {
                        return false;
                    }
                    bodyLeft--;
                    skippedRead++;
                    if (topicLengthHigh < 0) {
                        topicLengthHigh = v;
                    } else {
                        topicLength = (topicLengthHigh << 8) | v;
                    }
                    continue;
                }
                long topicLeft = topicLength - (skippedRead - 2);
                byte[] into = topicLeft > 0 && skippedRead - 2 < TOPIC_KEPT ? topic : scratch;
                int at = into == topic ? (int) (skippedRead - 2) : 0;
                int want = (int) Math.min(bodyLeft, into == topic
                        ? Math.min(topicLeft, TOPIC_KEPT - at) : scratch.length);
                int n = in.read(into, at, want);
                if (n < 0) {
                    return false;
                }
                bodyLeft -= n;
                skippedRead += n;
            }
            skipping = false;
            boolean retained = (header[0] & 0x01) != 0;
            String t = new String(topic, 0, Math.min(Math.max(topicLength, 0), TOPIC_KEPT), StandardCharsets.UTF_8);
            listener.skipped(t, remainingLength - 2 - Math.max(topicLength, 0), retained);
            return true;
        }

        @Override
        public int available() throws IOException {
            int held = headerComplete && headerPos < headerLen ? headerLen - headerPos : 0;
            return held + (skipping ? 0 : in.available());
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
