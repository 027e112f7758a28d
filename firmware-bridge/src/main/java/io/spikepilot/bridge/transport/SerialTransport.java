package io.spikepilot.bridge.transport;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.LongSupplier;

/**
 * MAVLink over a UART through jSerialComm.
 *
 * <p>Reads are semi-blocking with no timeout on a dedicated thread: each call returns as soon as at least one byte
 * is there and takes up to a whole buffer in one native call (jSerialComm's InputStream would cost one native call
 * per byte, and its timeout exception would lose partial frames). When the device disappears (USB adapter pulled,
 * flight controller rebooted) the reader closes the port, reports the link down, and reopens it when the device
 * path comes back.
 */
public final class SerialTransport extends QueuedTransport {
    static final int RECONNECT_MS = 250;

    private final String device;
    private final int baud;
    private volatile SerialPort port;

    public SerialTransport(String device, int baud, LongSupplier clockNs) {
        super(clockNs);
        this.device = device;
        this.baud = baud;
    }

    @Override
    protected void open() throws TransportException {
        port = openPort(device, baud);
    }

    static SerialPort openPort(String device, int baud) throws TransportException {
        Path path = Paths.get(device);
        if (!Files.exists(path)) {
            throw new TransportException(SerialErrors.missing(device));
        }
        if (!Files.isReadable(path) || !Files.isWritable(path)) {
            throw new TransportException(SerialErrors.permissionDenied(device, SerialErrors.describeOwnership(path)));
        }
        SerialPort p;
        try {
            p = SerialPort.getCommPort(device);
        } catch (SerialPortInvalidPortException e) {
            throw new TransportException(SerialErrors.missing(device), e);
        }
        p.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 0, 0);
        if (!p.openPort()) {
            throw new TransportException(SerialErrors.openFailed(device, p.getLastErrorCode(),
                    p.getLastErrorLocation(), SerialErrors.describeOwnership(path)));
        }
        return p;
    }

    @Override
    protected void readLoop() {
        byte[] buffer = new byte[4096];
        while (!closed) {
            SerialPort p = port;
            if (p == null) {
                pause(RECONNECT_MS);
                if (closed || !Files.exists(Paths.get(device))) {
                    continue;
                }
                try {
                    port = openPort(device, baud);
                    linkUp();
                } catch (TransportException e) {
                    // The device node may exist before it is ready, or still be held: try again.
                    continue;
                }
                continue;
            }
            int n = p.readBytes(buffer, buffer.length);
            if (n > 0) {
                sink.onBytes(buffer, 0, n, clockNs.getAsLong());
            } else if (n == 0 && p.isOpen() && Files.exists(Paths.get(device))) {
                // A semi-blocking read should not return empty; if a driver does, do not spin on it.
                pause(1);
            } else {
                if (closed) {
                    return;
                }
                port = null;
                p.closePort();
                linkDown("serial device stopped answering (" + (Files.exists(Paths.get(device))
                        ? "read error" : device + " disappeared") + "); reopening it when it comes back");
            }
        }
    }

    @Override
    protected void write(byte[] data, int length) throws IOException {
        SerialPort p = port;
        if (p == null) {
            return;
        }
        if (p.writeBytes(data, length) < 0) {
            throw new IOException("write to " + device + " failed (jSerialComm error " + p.getLastErrorCode() + ")");
        }
    }

    @Override
    protected void release() {
        SerialPort p = port;
        if (p != null) {
            p.closePort();
        }
    }

    @Override
    public String describe() {
        return "serial://" + device + "?baud=" + baud;
    }
}
