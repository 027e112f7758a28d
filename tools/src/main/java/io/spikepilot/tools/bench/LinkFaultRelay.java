package io.spikepilot.tools.bench;

import io.spikepilot.bridge.codec.AttitudeQuaternionMessage;
import io.spikepilot.bridge.codec.LocalPositionNedMessage;
import io.spikepilot.bridge.codec.MavlinkCrc;
import io.spikepilot.bridge.codec.MavlinkProtocol;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A faulty radio between the companion and the autopilot: a UDP relay on loopback that forwards each datagram (one
 * MAVLink frame, as the UDP transports send them) and, on demand, cuts the link both ways, loses datagrams at random,
 * adds garbage (junk datagrams and bit errors), or corrupts the autopilot's state estimate on the wire (a NaN
 * velocity in LOCAL_POSITION_NED, a non-unit quaternion in ATTITUDE_QUATERNION, re-checksummed so the companion
 * accepts the frame). Every random choice comes from a seeded generator per direction.
 */
public final class LinkFaultRelay implements AutoCloseable {
    /** What the relay does to the autopilot's state stream. */
    public enum StateCorruption {
        /** Forward it unchanged. */
        NONE,
        /** LOCAL_POSITION_NED with a NaN north velocity. */
        NAN_VELOCITY,
        /** ATTITUDE_QUATERNION scaled to norm 1.3. */
        NON_UNIT_QUATERNION
    }

    private static final int HEADER_V2 = 10;
    private static final int VX_OFFSET = 16;
    private static final int Q_OFFSET = 4;
    private static final float NON_UNIT_SCALE = 1.3f;
    private static final int MAX_JUNK_BYTES = 16;

    private final DatagramSocket companionSide;
    private final DatagramSocket autopilotSide;
    private final InetSocketAddress companion;
    private final InetSocketAddress autopilot;
    private final Thread up;
    private final Thread down;
    private volatile boolean running = true;
    private volatile long cutUntilNs = Long.MIN_VALUE;
    private volatile double lossProbability;
    private volatile double junkProbability;
    private volatile double bitErrorProbability;
    private volatile StateCorruption corruption = StateCorruption.NONE;
    private volatile long corruptUntilNs = Long.MIN_VALUE;
    private final long seed;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong junkDatagrams = new AtomicLong();
    private final AtomicLong bitErrors = new AtomicLong();
    private final AtomicLong corrupted = new AtomicLong();

    /**
     * Opens both sides on loopback ports of their own and starts relaying.
     *
     * @param companionPort the companion's UDP port (where it listens)
     * @param autopilotPort the autopilot's UDP port
     * @param seed          seed of the loss and garbage draws (direction to the autopilot uses {@code seed + 1})
     */
    public LinkFaultRelay(int companionPort, int autopilotPort, long seed) throws SocketException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        this.companionSide = new DatagramSocket(new InetSocketAddress(lo, 0));
        this.autopilotSide = new DatagramSocket(new InetSocketAddress(lo, 0));
        this.companion = new InetSocketAddress(lo, companionPort);
        this.autopilot = new InetSocketAddress(lo, autopilotPort);
        this.seed = seed;
        this.up = new Thread(() -> relay(companionSide, autopilotSide, autopilot, new Random(seed + 1), false),
                "link-relay-to-autopilot");
        this.down = new Thread(() -> relay(autopilotSide, companionSide, companion, new Random(seed), true),
                "link-relay-to-companion");
        up.setDaemon(true);
        down.setDaemon(true);
        up.start();
        down.start();
    }

    /** The port the companion sends to (its link's remote). */
    public int companionFacingPort() {
        return companionSide.getLocalPort();
    }

    /** The port the autopilot sends to (its link's remote). */
    public int autopilotFacingPort() {
        return autopilotSide.getLocalPort();
    }

    /** The seed of the random draws. */
    public long seed() {
        return seed;
    }

    /** Cuts the link both ways for {@code durationNs} from now. */
    public void cutFor(long durationNs) {
        cutUntilNs = System.nanoTime() + durationNs;
    }

    /** Loses each datagram, either way, with probability {@code p} (0: none). */
    public void setLoss(double p) {
        lossProbability = p;
    }

    /**
     * Garbage on the link, either way: before a datagram, with probability {@code junkP}, a junk datagram of 1 to 16
     * random bytes; in a datagram, with probability {@code bitErrorP}, one random byte flipped.
     */
    public void setGarbage(double junkP, double bitErrorP) {
        junkProbability = junkP;
        bitErrorProbability = bitErrorP;
    }

    /** Corrupts the autopilot's state stream in the given way for {@code durationNs} from now. */
    public void corruptStateFor(StateCorruption how, long durationNs) {
        corruption = how;
        corruptUntilNs = System.nanoTime() + durationNs;
    }

    /** Datagrams lost to a cut or to random loss. */
    public long dropped() {
        return dropped.get();
    }

    /** Junk datagrams inserted. */
    public long junkDatagrams() {
        return junkDatagrams.get();
    }

    /** Datagrams with a flipped byte. */
    public long bitErrors() {
        return bitErrors.get();
    }

    /** State frames corrupted. */
    public long corrupted() {
        return corrupted.get();
    }

    private void relay(DatagramSocket from, DatagramSocket to, InetSocketAddress dest, Random random,
                       boolean towardsCompanion) {
        byte[] buf = new byte[2048];
        byte[] junk = new byte[MAX_JUNK_BYTES];
        DatagramPacket in = new DatagramPacket(buf, buf.length);
        while (running) {
            try {
                in.setLength(buf.length);
                from.receive(in);
                int length = in.getLength();
                long now = System.nanoTime();
                if (now < cutUntilNs || random.nextDouble() < lossProbability) {
                    dropped.incrementAndGet();
                    continue;
                }
                if (towardsCompanion && now < corruptUntilNs && corrupt(buf, length)) {
                    corrupted.incrementAndGet();
                }
                if (random.nextDouble() < junkProbability) {
                    int n = 1 + random.nextInt(MAX_JUNK_BYTES);
                    random.nextBytes(junk);
                    to.send(new DatagramPacket(junk, n, dest));
                    junkDatagrams.incrementAndGet();
                }
                if (length > 0 && random.nextDouble() < bitErrorProbability) {
                    buf[random.nextInt(length)] ^= (byte) (1 << random.nextInt(8));
                    bitErrors.incrementAndGet();
                }
                to.send(new DatagramPacket(buf, length, dest));
            } catch (IOException e) {
                if (!running) {
                    return;
                }
                // a closed or refused peer port: the datagram is lost, as on a radio; keep relaying
                dropped.incrementAndGet();
            }
        }
    }

    /** Corrupts a MAVLink 2 state frame in place and re-checksums it; false when the datagram is not one. */
    private boolean corrupt(byte[] f, int length) {
        if (length < HEADER_V2 + 2 || (f[0] & 0xFF) != MavlinkProtocol.STX_V2 || (f[2] & 1) != 0) {
            return false;
        }
        int payloadLength = f[1] & 0xFF;
        int id = (f[7] & 0xFF) | (f[8] & 0xFF) << 8 | (f[9] & 0xFF) << 16;
        int crcExtra;
        StateCorruption how = corruption;
        if (how == StateCorruption.NAN_VELOCITY && id == LocalPositionNedMessage.ID
                && payloadLength >= VX_OFFSET + 4) {
            putFloat(f, HEADER_V2 + VX_OFFSET, Float.NaN);
            crcExtra = LocalPositionNedMessage.CRC_EXTRA;
        } else if (how == StateCorruption.NON_UNIT_QUATERNION && id == AttitudeQuaternionMessage.ID
                && payloadLength >= Q_OFFSET + 16) {
            for (int i = 0; i < 4; i++) {
                int at = HEADER_V2 + Q_OFFSET + 4 * i;
                putFloat(f, at, getFloat(f, at) * NON_UNIT_SCALE);
            }
            crcExtra = AttitudeQuaternionMessage.CRC_EXTRA;
        } else {
            return false;
        }
        int crc = MavlinkCrc.accumulate(f, 1, HEADER_V2 - 1 + payloadLength, MavlinkCrc.INITIAL);
        crc = MavlinkCrc.accumulate(crcExtra, crc);
        f[HEADER_V2 + payloadLength] = (byte) crc;
        f[HEADER_V2 + payloadLength + 1] = (byte) (crc >>> 8);
        return true;
    }

    private static void putFloat(byte[] b, int at, float v) {
        int bits = Float.floatToRawIntBits(v);
        b[at] = (byte) bits;
        b[at + 1] = (byte) (bits >>> 8);
        b[at + 2] = (byte) (bits >>> 16);
        b[at + 3] = (byte) (bits >>> 24);
    }

    private static float getFloat(byte[] b, int at) {
        return Float.intBitsToFloat((b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16
                | (b[at + 3] & 0xFF) << 24);
    }

    @Override
    public void close() {
        running = false;
        companionSide.close();
        autopilotSide.close();
        try {
            up.join(1_000);
            down.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
