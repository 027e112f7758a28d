package io.spikepilot.bridge.codec;

import static io.spikepilot.bridge.codec.MavlinkProtocol.CHECKSUM;
import static io.spikepilot.bridge.codec.MavlinkProtocol.HEADER_V1;
import static io.spikepilot.bridge.codec.MavlinkProtocol.HEADER_V2;
import static io.spikepilot.bridge.codec.MavlinkProtocol.IFLAG_SIGNED;
import static io.spikepilot.bridge.codec.MavlinkProtocol.SIGNATURE;

/**
 * Frames payloads for one sending component: header, sequence number, CRC with CRC_EXTRA, optional signature.
 * Write the payload into {@link #payload()}, call an {@code encode} method, send {@link #frame()} up to the returned
 * length. Reuses its buffers; not thread-safe (one encoder per sending thread, each with its own sequence).
 *
 * <p>MAVLink 2 payloads go out at full length unless truncation is switched on: dronefleet and many peers send them
 * that way, and byte-identical output is what the property tests check. Receivers must accept both.
 */
public final class FrameEncoder {
    private final byte[] payload = new byte[MavlinkProtocol.MAX_PAYLOAD];
    private final byte[] frame = new byte[MavlinkProtocol.MAX_FRAME];
    private final int systemId;
    private final int componentId;
    private final java.util.concurrent.atomic.AtomicInteger sharedSequence;
    private int sequence;
    private boolean truncate;
    private FrameSigner signer;

    public FrameEncoder(int systemId, int componentId) {
        this(systemId, componentId, null);
    }

    /**
     * An encoder drawing sequence numbers from {@code sharedSequence}, so several threads sending as one component
     * (loop, session) each have their own encoder but the component has one sequence.
     */
    public FrameEncoder(int systemId, int componentId, java.util.concurrent.atomic.AtomicInteger sharedSequence) {
        this.sharedSequence = sharedSequence;
        if (systemId < 1 || systemId > 255 || componentId < 0 || componentId > 255) {
            throw new IllegalArgumentException("MAVLink ids: system id must be 1..255 and component id 0..255, found "
                    + systemId + "/" + componentId);
        }
        this.systemId = systemId;
        this.componentId = componentId;
    }

    /** Scratch space for the next payload. Bytes beyond the encoded length are ignored. */
    public byte[] payload() {
        return payload;
    }

    /** The last encoded frame. */
    public byte[] frame() {
        return frame;
    }

    /** Drop trailing zero bytes of MAVLink 2 payloads (keeping at least one), as the spec recommends. */
    public void setTruncation(boolean truncate) {
        this.truncate = truncate;
    }

    /** Sign every MAVLink 2 frame from now on; null stops signing. */
    public void setSigner(FrameSigner signer) {
        this.signer = signer;
    }

    public int systemId() {
        return systemId;
    }

    public int componentId() {
        return componentId;
    }

    /** Sequence number the next frame will carry. */
    public int nextSequence() {
        return sharedSequence != null ? sharedSequence.get() & 0xFF : sequence;
    }

    private int takeSequence() {
        if (sharedSequence != null) {
            return sharedSequence.getAndIncrement() & 0xFF;
        }
        int s = sequence;
        sequence = (s + 1) & 0xFF;
        return s;
    }

    /** Encodes a MAVLink 2 frame from the first {@code payloadLength} bytes of {@link #payload()}. */
    public int encodeV2(int messageId, int crcExtra, int payloadLength) {
        int length = payloadLength;
        if (truncate) {
            while (length > 1 && payload[length - 1] == 0) {
                length--;
            }
        }
        boolean signing = signer != null;
        frame[0] = (byte) MavlinkProtocol.STX_V2;
        frame[1] = (byte) length;
        frame[2] = (byte) (signing ? IFLAG_SIGNED : 0);
        frame[3] = 0;
        frame[4] = (byte) takeSequence();
        frame[5] = (byte) systemId;
        frame[6] = (byte) componentId;
        frame[7] = (byte) messageId;
        frame[8] = (byte) (messageId >>> 8);
        frame[9] = (byte) (messageId >>> 16);
        System.arraycopy(payload, 0, frame, HEADER_V2, length);
        int crc = MavlinkCrc.accumulate(frame, 1, HEADER_V2 - 1 + length, MavlinkCrc.INITIAL);
        crc = MavlinkCrc.accumulate(crcExtra, crc);
        frame[HEADER_V2 + length] = (byte) crc;
        frame[HEADER_V2 + length + 1] = (byte) (crc >>> 8);
        int total = HEADER_V2 + length + CHECKSUM;
        if (signing) {
            signer.sign(frame, total);
            total += SIGNATURE;
        }
        return total;
    }

    /** Encodes a MAVLink 1 frame (message ids up to 255 only; extensions are not part of MAVLink 1). */
    public int encodeV1(int messageId, int crcExtra, int payloadLength) {
        if (messageId > 255) {
            throw new IllegalArgumentException("message id " + messageId + " does not fit MAVLink 1 (max 255)");
        }
        frame[0] = (byte) MavlinkProtocol.STX_V1;
        frame[1] = (byte) payloadLength;
        frame[2] = (byte) takeSequence();
        frame[3] = (byte) systemId;
        frame[4] = (byte) componentId;
        frame[5] = (byte) messageId;
        System.arraycopy(payload, 0, frame, HEADER_V1, payloadLength);
        int crc = MavlinkCrc.accumulate(frame, 1, HEADER_V1 - 1 + payloadLength, MavlinkCrc.INITIAL);
        crc = MavlinkCrc.accumulate(crcExtra, crc);
        frame[HEADER_V1 + payloadLength] = (byte) crc;
        frame[HEADER_V1 + payloadLength + 1] = (byte) (crc >>> 8);
        return HEADER_V1 + payloadLength + CHECKSUM;
    }
}
