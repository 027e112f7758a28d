package io.spikepilot.bridge.codec;

import static io.spikepilot.bridge.codec.MavlinkProtocol.MAX_FRAME;
import static io.spikepilot.bridge.codec.MavlinkProtocol.STX_V1;
import static io.spikepilot.bridge.codec.MavlinkProtocol.STX_V2;

/**
 * Push parser: bytes in, verified frames out. It never throws (only a listener can) and never allocates after
 * construction.
 *
 * <p>Every byte handed in ends up either inside a delivered frame or counted in {@link #badBytes()}; after a frame
 * fails its CRC the reader drops only its start byte and scans again from the next one, so a valid frame hidden
 * behind a false start byte is still found.
 *
 * <p>A frame whose message id the catalog does not know cannot be checked by CRC. It is kept (raw, for the log) only
 * when it is plausible: the byte after it is a start byte (or the input has ended) and no CRC-valid known frame starts
 * inside it. Otherwise a false start byte in garbage would swallow the real frames that follow.
 *
 * <p>Single-threaded: one reader per link, fed by the link's reader thread.
 */
public final class FrameReader {
    private static final int CAPACITY = 8192;
    /** Room the parser may need beyond a frame start: an unknown frame plus a known frame starting at its last byte. */
    private static final int LOOKAHEAD = 2 * MAX_FRAME + 1;

    private final MessageCatalog catalog;
    private final FrameListener listener;
    private final MavlinkFrame frame = new MavlinkFrame();
    private final byte[] buffer = new byte[CAPACITY];
    private final short[] lastSequence = new short[1 << 16];
    private int start;
    private int end;

    private long bytesIn;
    private long badBytes;
    private long framesAccepted;
    private long crcFailures;
    private long unknownFrames;
    private long sequenceGaps;
    private long lastByteNs = Long.MIN_VALUE;

    public FrameReader(MessageCatalog catalog, FrameListener listener) {
        this.catalog = catalog;
        this.listener = listener;
        java.util.Arrays.fill(lastSequence, (short) -1);
    }

    /** Feeds {@code length} bytes received at {@code nowNs}; delivers every frame they complete. */
    public void accept(byte[] data, int offset, int length, long nowNs) {
        if (length > 0) {
            lastByteNs = nowNs;
        }
        int position = offset;
        int remaining = length;
        while (remaining > 0) {
            compactIfNeeded();
            int chunk = Math.min(remaining, CAPACITY - end);
            System.arraycopy(data, position, buffer, end, chunk);
            end += chunk;
            position += chunk;
            remaining -= chunk;
            bytesIn += chunk;
            parse(false, nowNs);
        }
    }

    /**
     * Declares the end of the input (a log file's end, a closed link): frames still waiting for confirmation are
     * decided, an incomplete tail is counted as bad bytes.
     */
    public void endOfInput(long nowNs) {
        parse(true, nowNs);
        badBytes += end - start;
        start = 0;
        end = 0;
    }

    /** Forgets partial data (after a reconnect), counting it as bad bytes. Counters are kept. */
    public void discardPartial() {
        badBytes += end - start;
        start = 0;
        end = 0;
    }

    private void compactIfNeeded() {
        if (end == CAPACITY || (start > 0 && CAPACITY - end < LOOKAHEAD)) {
            int pending = end - start;
            if (pending >= CAPACITY - 1) {
                // Cannot happen (the parser always decides within LOOKAHEAD bytes), but never loop forever.
                badBytes += 1;
                start += 1;
                pending -= 1;
            }
            System.arraycopy(buffer, start, buffer, 0, pending);
            start = 0;
            end = pending;
        }
    }

    private void parse(boolean endOfInput, long nowNs) {
        while (start < end) {
            int stx = buffer[start] & 0xFF;
            if (stx != STX_V1 && stx != STX_V2) {
                rejectStart();
                continue;
            }
            int length = frameLengthAt(start);
            if (length == 0) {
                if (endOfInput) {
                    rejectStart();
                    continue;
                }
                return;
            }
            if (length < 0) {
                rejectStart();
                continue;
            }
            if (end - start < length) {
                if (endOfInput) {
                    rejectStart();
                    continue;
                }
                return;
            }
            int messageId = messageIdAt(start);
            int crcExtra = catalog.crcExtra(messageId);
            if (crcExtra >= 0) {
                if (crcMatches(start, crcExtra)) {
                    deliver(length, true, nowNs);
                } else {
                    crcFailures++;
                    rejectStart();
                }
                continue;
            }
            int verdict = judgeUnknown(start, length, endOfInput);
            if (verdict == NEED_MORE) {
                return;
            }
            if (verdict == ACCEPT) {
                unknownFrames++;
                deliver(length, false, nowNs);
            } else {
                rejectStart();
            }
        }
    }

    private static final int ACCEPT = 0;
    private static final int REJECT = 1;
    private static final int NEED_MORE = 2;

    private int judgeUnknown(int at, int length, boolean endOfInput) {
        int after = at + length;
        if (after == end) {
            if (!endOfInput) {
                return NEED_MORE;
            }
        } else {
            int next = buffer[after] & 0xFF;
            if (next != STX_V1 && next != STX_V2) {
                return REJECT;
            }
        }
        for (int inner = at + 1; inner < after; inner++) {
            int b = buffer[inner] & 0xFF;
            if (b != STX_V1 && b != STX_V2) {
                continue;
            }
            int innerLength = frameLengthAt(inner);
            if (innerLength < 0) {
                continue;
            }
            if (innerLength == 0 || end - inner < innerLength) {
                if (endOfInput) {
                    continue;
                }
                return NEED_MORE;
            }
            int innerExtra = catalog.crcExtra(messageIdAt(inner));
            if (innerExtra >= 0 && crcMatches(inner, innerExtra)) {
                return REJECT;
            }
        }
        return ACCEPT;
    }

    /** Frame length from the header at {@code at}; 0 when the header is not complete yet, -1 when impossible. */
    private int frameLengthAt(int at) {
        return FrameFormat.frameLength(buffer, at, end - at);
    }

    private int messageIdAt(int at) {
        return FrameFormat.messageId(buffer, at);
    }

    private boolean crcMatches(int at, int crcExtra) {
        return FrameFormat.crcMatches(buffer, at, crcExtra);
    }

    private void deliver(int length, boolean known, long nowNs) {
        frame.load(buffer, start, length, known);
        start += length;
        framesAccepted++;
        int key = frame.systemId() << 8 | frame.componentId();
        int previous = lastSequence[key];
        if (previous >= 0) {
            sequenceGaps += (frame.sequence() - previous - 1) & 0xFF;
        }
        lastSequence[key] = (short) frame.sequence();
        listener.onFrame(frame, nowNs);
    }

    private void rejectStart() {
        badBytes++;
        start++;
    }

    /** Bytes handed in so far. */
    public long bytesIn() {
        return bytesIn;
    }

    /** Bytes that belonged to no delivered frame: garbage, rejected start bytes, a truncated tail. */
    public long badBytes() {
        return badBytes;
    }

    /** Frames delivered, known and unknown. */
    public long framesAccepted() {
        return framesAccepted;
    }

    /** Candidate frames of a known message whose CRC did not match (false starts in garbage count too). */
    public long crcFailures() {
        return crcFailures;
    }

    /** Frames delivered raw because the catalog does not know their message id. */
    public long unknownFrames() {
        return unknownFrames;
    }

    /** Frames missing according to the per-(system, component) sequence numbers. */
    public long sequenceGaps() {
        return sequenceGaps;
    }

    /** Bytes waiting for the rest of their frame. */
    public int pendingBytes() {
        return end - start;
    }

    /** Time passed with the most recent non-empty chunk, or {@link Long#MIN_VALUE} before any. */
    public long lastByteNs() {
        return lastByteNs;
    }
}
