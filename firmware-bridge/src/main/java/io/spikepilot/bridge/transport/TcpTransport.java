package io.spikepilot.bridge.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.function.LongSupplier;

/**
 * MAVLink over a TCP client connection, as ArduPilot SITL serves it on port 5760. A first connection failure is an
 * error; once connected, a dropped connection is retried every {@link #RECONNECT_MS} until closed.
 */
public final class TcpTransport extends QueuedTransport {
    static final int RECONNECT_MS = 500;
    private static final int CONNECT_TIMEOUT_MS = 2_000;

    private final InetSocketAddress remote;
    private volatile Socket socket;
    private volatile OutputStream out;

    public TcpTransport(InetSocketAddress remote, LongSupplier clockNs) {
        super(clockNs);
        this.remote = remote;
    }

    @Override
    protected void open() throws TransportException {
        try {
            connect();
        } catch (UnknownHostException e) {
            throw new TransportException("unknown host '" + remote.getHostString() + "' in tcp://"
                    + remote.getHostString() + ":" + remote.getPort() + ": check the address", e);
        } catch (ConnectException e) {
            throw new TransportException("nothing accepts connections on " + remote.getHostString() + ":"
                    + remote.getPort() + " (" + e.getMessage() + "). Is the autopilot or ArduPilot SITL running? "
                    + "SITL serves MAVLink on tcp://127.0.0.1:5760 by default", e);
        } catch (SocketTimeoutException e) {
            throw new TransportException("no answer from " + remote.getHostString() + ":" + remote.getPort()
                    + " within " + CONNECT_TIMEOUT_MS + " ms: check the address and any firewall", e);
        } catch (IOException e) {
            throw new TransportException("cannot connect to " + remote + ": " + e.getMessage(), e);
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(remote, CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        socket = s;
        out = s.getOutputStream();
    }

    @Override
    protected void readLoop() {
        byte[] buffer = new byte[4096];
        while (!closed) {
            Socket s = socket;
            if (s == null) {
                pause(RECONNECT_MS);
                try {
                    connect();
                    linkUp();
                } catch (IOException e) {
                    continue;
                }
                continue;
            }
            try {
                InputStream in = s.getInputStream();
                int n = in.read(buffer);
                if (n < 0) {
                    drop("the autopilot closed the connection");
                    continue;
                }
                sink.onBytes(buffer, 0, n, clockNs.getAsLong());
            } catch (IOException e) {
                if (!closed) {
                    drop("read failed: " + e.getMessage());
                }
            }
        }
    }

    private void drop(String reason) {
        Socket s = socket;
        socket = null;
        out = null;
        try {
            if (s != null) {
                s.close();
            }
        } catch (IOException ignored) {
            // already broken
        }
        linkDown(reason + "; reconnecting every " + RECONNECT_MS + " ms");
    }

    @Override
    protected void write(byte[] data, int length) throws IOException {
        OutputStream o = out;
        if (o != null) {
            o.write(data, 0, length);
        }
    }

    @Override
    protected void release() {
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public String describe() {
        return "tcp://" + remote.getHostString() + ":" + remote.getPort();
    }
}
