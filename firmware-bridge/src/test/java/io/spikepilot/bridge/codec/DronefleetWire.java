package io.spikepilot.bridge.codec;

import io.dronefleet.mavlink.MavlinkConnection;
import io.dronefleet.mavlink.MavlinkMessage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** dronefleet as the reference implementation the flyweight codec is compared with. */
public final class DronefleetWire {
    private DronefleetWire() {
    }

    /** {@code payload} framed as MAVLink 2 by dronefleet. */
    public static byte[] send2(int systemId, int componentId, Object payload) {
        return framed(connection -> connection.send2(systemId, componentId, payload));
    }

    /** {@code payload} framed as MAVLink 1 by dronefleet. */
    static byte[] send1(int systemId, int componentId, Object payload) {
        return framed(connection -> connection.send1(systemId, componentId, payload));
    }

    private interface Send {
        void to(MavlinkConnection connection) throws IOException;
    }

    private static byte[] framed(Send send) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            send.to(MavlinkConnection.create(new ByteArrayInputStream(new byte[0]), out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Every message dronefleet reads from {@code bytes}. */
    static List<MavlinkMessage<?>> readAll(byte[] bytes, int length) {
        MavlinkConnection connection = MavlinkConnection.create(new ByteArrayInputStream(bytes, 0, length),
                new ByteArrayOutputStream());
        List<MavlinkMessage<?>> messages = new ArrayList<>();
        try {
            while (true) {
                messages.add(connection.next());
            }
        } catch (java.io.EOFException end) {
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Object readOne(byte[] bytes, int length) {
        List<MavlinkMessage<?>> all = readAll(bytes, length);
        if (all.size() != 1) {
            throw new AssertionError("dronefleet read " + all.size() + " messages, expected 1");
        }
        return all.get(0).getPayload();
    }
}
