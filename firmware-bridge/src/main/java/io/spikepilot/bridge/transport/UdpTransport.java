package io.spikepilot.bridge.transport;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.function.LongSupplier;

/**
 * MAVLink over UDP as PX4 SITL and MAVProxy use it: we bind a local port and talk to one peer. The peer is either
 * fixed ({@code ?remote=host:port}) or learned from the first datagram that arrives, which is how PX4 SITL works: it
 * sends from 14580 to 14540 and answers whoever writes back.
 */
public final class UdpTransport extends QueuedTransport {
    private static final int MAX_DATAGRAM = 65_507;

    private final InetSocketAddress local;
    private final InetSocketAddress fixedRemote;
    private volatile SocketAddress peer;
    private DatagramChannel channel;
    private final ByteBuffer receive = ByteBuffer.allocate(MAX_DATAGRAM);
    private final ByteBuffer transmit = ByteBuffer.allocate(MAX_DATAGRAM);

    public UdpTransport(InetSocketAddress local, InetSocketAddress fixedRemote, LongSupplier clockNs) {
        super(clockNs);
        this.local = local;
        this.fixedRemote = fixedRemote;
        this.peer = fixedRemote;
    }

    @Override
    protected void open() throws TransportException {
        try {
            channel = DatagramChannel.open();
            channel.bind(local);
        } catch (BindException e) {
            closeQuietly();
            throw new TransportException("UDP port " + local.getPort() + " on " + local.getHostString()
                    + " is already in use by another process (another spikepilot, MAVProxy, QGroundControl or "
                    + "mavlink-router?). Stop it or choose another port: udp://:PORT", e);
        } catch (IOException e) {
            closeQuietly();
            throw new TransportException("cannot open UDP socket on " + local + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected void readLoop() {
        byte[] array = receive.array();
        while (!closed) {
            try {
                receive.clear();
                SocketAddress from = channel.receive(receive);
                long now = clockNs.getAsLong();
                if (fixedRemote == null && peer == null) {
                    peer = from;
                }
                sink.onBytes(array, 0, receive.position(), now);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    linkDown("receive failed: " + e.getMessage());
                    pause(100);
                }
            }
        }
    }

    @Override
    protected boolean canSend() {
        return peer != null;
    }

    @Override
    protected void write(byte[] data, int length) throws IOException {
        SocketAddress to = peer;
        if (to == null) {
            return;
        }
        transmit.clear();
        transmit.put(data, 0, length);
        transmit.flip();
        channel.send(transmit, to);
    }

    @Override
    protected void release() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // closing: nothing left to do with the error
        }
    }

    /** The local port actually bound (useful with port 0). */
    public int localPort() {
        try {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The peer frames go to, or null while none is known. */
    public SocketAddress peer() {
        return peer;
    }

    @Override
    public String describe() {
        return "udp://" + local.getHostString() + ":" + local.getPort()
                + (fixedRemote != null ? " -> " + fixedRemote.getHostString() + ":" + fixedRemote.getPort()
                : " (peer learned from the first datagram)");
    }
}
