package io.spikepilot.bridge.codec;

import io.dronefleet.mavlink.annotations.MavlinkMessageInfo;
import io.dronefleet.mavlink.serialization.payload.reflection.ReflectionPayloadDeserializer;
import io.dronefleet.mavlink.serialization.payload.reflection.ReflectionPayloadSerializer;

/**
 * dronefleet for the messages that are rare enough not to matter: commands, acks, parameters, anything a session
 * needs once a second or less. Payloads are dronefleet's immutable objects; framing stays with our
 * {@link FrameEncoder} so one component has one sequence counter.
 */
public final class ColdCodec {
    private final ReflectionPayloadSerializer serializer = new ReflectionPayloadSerializer();
    private final ReflectionPayloadDeserializer deserializer = new ReflectionPayloadDeserializer();
    private final MessageCatalog catalog;

    public ColdCodec(MessageCatalog catalog) {
        this.catalog = catalog;
    }

    /** Encodes a dronefleet payload as a MAVLink 2 frame with {@code encoder}; returns the frame length. */
    public int encodeV2(FrameEncoder encoder, Object payload) {
        MavlinkMessageInfo info = payload.getClass().getAnnotation(MavlinkMessageInfo.class);
        if (info == null) {
            throw new IllegalArgumentException(payload.getClass().getName() + " is not a dronefleet MAVLink message");
        }
        byte[] bytes = serializer.serialize(payload);
        System.arraycopy(bytes, 0, encoder.payload(), 0, bytes.length);
        return encoder.encodeV2(info.id(), info.crc(), bytes.length);
    }

    /** Decodes a known frame's payload into dronefleet's object, or null when the catalog does not know it. */
    public Object decode(MavlinkFrame frame) {
        Class<?> type = catalog.payloadClass(frame.messageId());
        if (type == null || !frame.isKnown()) {
            return null;
        }
        byte[] bytes = new byte[catalog.payloadLength(frame.messageId())];
        System.arraycopy(frame.payload(), 0, bytes, 0, bytes.length);
        return deserializer.deserialize(bytes, type);
    }

    /** Decodes the frame as {@code type}, or returns null when it carries another message. */
    public <T> T decode(MavlinkFrame frame, Class<T> type) {
        Class<?> actual = catalog.payloadClass(frame.messageId());
        if (actual != type || !frame.isKnown()) {
            return null;
        }
        return type.cast(decode(frame));
    }
}
