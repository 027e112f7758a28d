package io.spikepilot.bridge.codec;

import io.dronefleet.mavlink.MavlinkDialect;
import io.dronefleet.mavlink.annotations.MavlinkFieldInfo;
import io.dronefleet.mavlink.annotations.MavlinkMessageInfo;
import io.dronefleet.mavlink.ardupilotmega.ArdupilotmegaDialect;
import io.dronefleet.mavlink.common.CommonDialect;
import io.dronefleet.mavlink.cubepilot.CubepilotDialect;
import io.dronefleet.mavlink.icarous.IcarousDialect;
import io.dronefleet.mavlink.minimal.MinimalDialect;
import io.dronefleet.mavlink.standard.StandardDialect;
import io.dronefleet.mavlink.uavionix.UavionixDialect;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * CRC_EXTRA and full payload length of every message the dialects PX4 and ArduPilot speak (minimal, standard,
 * common, ardupilotmega and its includes), taken once from dronefleet's generated classes. Lookups are array reads,
 * so the frame reader can check every frame's CRC without allocating.
 *
 * <p>Message ids above 65535 are rare extensions nobody here uses; they count as unknown.
 */
public final class MessageCatalog {
    private static final int ID_LIMIT = 1 << 16;
    private static final MessageCatalog DEFAULT = load();

    /** -1 for unknown ids, otherwise CRC_EXTRA (0..255). */
    private final short[] crcExtra = new short[ID_LIMIT];
    /** Full payload length including extensions, 0 for unknown ids. */
    private final short[] payloadLength = new short[ID_LIMIT];
    private final Class<?>[] payloadClass = new Class<?>[ID_LIMIT];

    private MessageCatalog() {
        Arrays.fill(crcExtra, (short) -1);
    }

    /** The catalog built from dronefleet's dialects. */
    public static MessageCatalog standard() {
        return DEFAULT;
    }

    /** True when CRC_EXTRA is known for this id, so its frames can be verified. */
    public boolean isKnown(int messageId) {
        return messageId >= 0 && messageId < ID_LIMIT && crcExtra[messageId] >= 0;
    }

    /** CRC_EXTRA of the message, or -1 when unknown. */
    public int crcExtra(int messageId) {
        return messageId >= 0 && messageId < ID_LIMIT ? crcExtra[messageId] : -1;
    }

    /** Payload length with every extension field, or 0 when unknown. */
    public int payloadLength(int messageId) {
        return messageId >= 0 && messageId < ID_LIMIT ? payloadLength[messageId] : 0;
    }

    /** dronefleet's payload class for the id, or null when unknown. */
    public Class<?> payloadClass(int messageId) {
        return messageId >= 0 && messageId < ID_LIMIT ? payloadClass[messageId] : null;
    }

    private static MessageCatalog load() {
        MessageCatalog catalog = new MessageCatalog();
        // Order matters only for ids two dialects define differently: the first one wins, and common comes first.
        MavlinkDialect[] dialects = {new MinimalDialect(), new StandardDialect(), new CommonDialect(),
                new ArdupilotmegaDialect(), new UavionixDialect(), new IcarousDialect(), new CubepilotDialect()};
        for (MavlinkDialect dialect : dialects) {
            for (Class<?> type : dialect.messageTypes()) {
                MavlinkMessageInfo info = type.getAnnotation(MavlinkMessageInfo.class);
                if (info == null || info.id() >= ID_LIMIT || catalog.crcExtra[info.id()] >= 0) {
                    continue;
                }
                catalog.crcExtra[info.id()] = (short) info.crc();
                catalog.payloadLength[info.id()] = (short) fullLength(type);
                catalog.payloadClass[info.id()] = type;
            }
        }
        return catalog;
    }

    private static int fullLength(Class<?> type) {
        int length = 0;
        for (Method method : type.getMethods()) {
            MavlinkFieldInfo field = method.getAnnotation(MavlinkFieldInfo.class);
            if (field != null) {
                length += field.unitSize() * Math.max(1, field.arraySize());
            }
        }
        return length;
    }
}
