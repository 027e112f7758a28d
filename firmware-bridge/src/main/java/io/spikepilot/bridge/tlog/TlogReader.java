package io.spikepilot.bridge.tlog;

import io.spikepilot.bridge.codec.FrameFormat;
import io.spikepilot.bridge.codec.MavlinkProtocol;
import io.spikepilot.bridge.codec.MessageCatalog;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads .tlog records: MAVLink 1 and 2 frames, signed or not, known or unknown messages.
 *
 * <p>A record of a known message is accepted when its timestamp is a date in 2000..2100 and its CRC matches. A
 * record of an unknown message, which has no CRC to check, must also be within {@link TlogFormat#MAX_JUMP_US} of the
 * previous record and must not contain the start of a CRC-valid record. Anything else is a corrupt byte: it is counted and
 * the search goes on one byte later. A tail cut off in the middle of a record ends the replay at the last whole
 * record and is reported by {@link #truncatedTailBytes()}.
 */
public final class TlogReader implements Closeable {
    private static final int WINDOW = 1 << 16;
    /**
     * Bytes searched for the first record before the input is declared not a .tlog. A real log starts with a record;
     * without this bound a device such as /dev/zero, which never ends and never holds a frame, is searched forever.
     */
    public static final long MAX_LEADING_GARBAGE = 1 << 20;
    /** Bytes needed beyond a record start to judge it: timestamp, frame, and the next record's timestamp and header. */
    private static final int LOOKAHEAD = 2 * (TlogFormat.TIMESTAMP_BYTES + MavlinkProtocol.MAX_FRAME);

    private final InputStream in;
    private final String source;
    private final MessageCatalog catalog;
    private final byte[] buffer = new byte[WINDOW];
    private int start;
    private int end;
    private boolean eof;
    private long offsetOfStart;
    private long previousTimestampUs = Long.MIN_VALUE;

    private long records;
    private long badBytes;
    private long unknownFrames;
    private long truncatedTailBytes;

    public TlogReader(InputStream in, String source, MessageCatalog catalog) {
        this.in = in;
        this.source = source;
        this.catalog = catalog;
    }

    /** Opens a file, with an error naming it when it is missing or unreadable. */
    public static TlogReader open(Path file) throws IOException {
        try {
            return new TlogReader(new BufferedInputStream(Files.newInputStream(file), WINDOW), file.toString(),
                    MessageCatalog.standard());
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "tlog file does not exist");
        }
    }

    /**
     * Reads the next record into {@code record}; false at the end of the log.
     *
     * @throws TlogFormatException when the input holds bytes but not a single record: it is not a .tlog
     */
    public boolean next(TlogRecord record) throws IOException {
        while (true) {
            fill();
            int available = end - start;
            if (available == 0) {
                return false;
            }
            if (available < TlogFormat.TIMESTAMP_BYTES + 1) {
                if (eof) {
                    return finishTail();
                }
                continue;
            }
            int verdict = judge(start);
            if (verdict > 0) {
                long field = readLongBigEndian(start);
                record.timestampUs = field & ~TlogFormat.LINK_ID_MASK;
                record.linkId = (int) (field & TlogFormat.LINK_ID_MASK);
                record.fileOffset = offsetOfStart;
                int frameAt = start + TlogFormat.TIMESTAMP_BYTES;
                boolean known = catalog.isKnown(FrameFormat.messageId(buffer, frameAt));
                record.frame.load(buffer, frameAt, verdict, known);
                if (!known) {
                    unknownFrames++;
                }
                previousTimestampUs = field;
                advance(TlogFormat.TIMESTAMP_BYTES + verdict);
                records++;
                return true;
            }
            if (verdict == INCOMPLETE) {
                if (eof) {
                    return finishTail();
                }
                continue;
            }
            badBytes++;
            advance(1);
            if (records == 0 && badBytes > MAX_LEADING_GARBAGE) {
                throw new TlogFormatException(source + ": not a MAVLink .tlog: no record in its first "
                        + MAX_LEADING_GARBAGE + " bytes (expected records of an 8-byte big-endian µs timestamp in "
                        + "2000..2100 followed by a MAVLink frame starting 0xFE or 0xFD with a valid checksum)");
            }
        }
    }

    private static final int BAD = -1;
    private static final int INCOMPLETE = 0;

    /** Frame length (> 0) if a good record starts at {@code at}, else {@link #BAD} or {@link #INCOMPLETE}. */
    private int judge(int at) {
        long timestamp = readLongBigEndian(at);
        if (!plausibleTimestamp(timestamp, Long.MIN_VALUE)) {
            return BAD;
        }
        int frameAt = at + TlogFormat.TIMESTAMP_BYTES;
        int length = completeFrameLength(frameAt);
        if (length <= 0) {
            return length;
        }
        int crcExtra = catalog.crcExtra(FrameFormat.messageId(buffer, frameAt));
        if (crcExtra >= 0) {
            // The CRC is the strong evidence; the timestamp only has to be a date. Not anchoring known frames to
            // the previous record keeps one damaged timestamp from rejecting the rest of the log.
            return FrameFormat.crcMatches(buffer, frameAt, crcExtra) ? length : BAD;
        }
        if (!plausibleTimestamp(timestamp, previousTimestampUs)) {
            return BAD;
        }
        // An unknown message cannot be checked by CRC. Its plausible timestamp already makes a false match
        // unlikely; it is refused if a checkable record starts inside it, so it never hides a good one.
        int next = frameAt + length;
        for (int inner = at + 1; inner < next; inner++) {
            int innerVerdict = judgeKnown(inner, readLongBigEndian(at));
            if (innerVerdict == INCOMPLETE && !eof) {
                return INCOMPLETE;
            }
            if (innerVerdict > 0) {
                return BAD;
            }
        }
        return length;
    }

    /** Like {@link #judge} but only for known messages (CRC-checked), against a given previous timestamp. */
    private int judgeKnown(int at, long previous) {
        if (end - at < TlogFormat.TIMESTAMP_BYTES + 1) {
            return INCOMPLETE;
        }
        if (!plausibleTimestamp(readLongBigEndian(at), previous)) {
            return BAD;
        }
        int frameAt = at + TlogFormat.TIMESTAMP_BYTES;
        int length = completeFrameLength(frameAt);
        if (length <= 0) {
            return length;
        }
        int crcExtra = catalog.crcExtra(FrameFormat.messageId(buffer, frameAt));
        return crcExtra >= 0 && FrameFormat.crcMatches(buffer, frameAt, crcExtra) ? length : BAD;
    }

    /** Length of the frame at {@code frameAt} when all of it is buffered, else {@link #BAD} or {@link #INCOMPLETE}. */
    private int completeFrameLength(int frameAt) {
        int length = FrameFormat.frameLength(buffer, frameAt, end - frameAt);
        if (length == FrameFormat.IMPOSSIBLE) {
            return BAD;
        }
        if (length == FrameFormat.NEED_MORE || end - frameAt < length) {
            return INCOMPLETE;
        }
        return length;
    }

    private static boolean plausibleTimestamp(long field, long previous) {
        if (previous == Long.MIN_VALUE) {
            return field >= TlogFormat.EARLIEST_US && field < TlogFormat.LATEST_US;
        }
        return Math.abs(field - previous) <= TlogFormat.MAX_JUMP_US;
    }

    private boolean finishTail() throws TlogFormatException {
        int rest = end - start;
        if (records == 0 && badBytes + rest > 0) {
            throw new TlogFormatException(source + ": not a MAVLink .tlog: no record found in " + (badBytes + rest)
                    + " bytes (expected records of an 8-byte big-endian µs timestamp in 2000..2100 followed by a "
                    + "MAVLink frame starting 0xFE or 0xFD with a valid checksum)");
        }
        truncatedTailBytes = rest;
        badBytes += rest;
        advance(rest);
        return false;
    }

    private void fill() throws IOException {
        if (eof || end - start >= LOOKAHEAD) {
            return;
        }
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        while (end < buffer.length && end - start < LOOKAHEAD) {
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                eof = true;
                return;
            }
            end += n;
        }
    }

    private void advance(int n) {
        start += n;
        offsetOfStart += n;
    }

    private long readLongBigEndian(int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buffer[at + i] & 0xFF);
        }
        return v;
    }

    /** Records read so far. */
    public long records() {
        return records;
    }

    /** Bytes skipped: corrupt data and a truncated tail. */
    public long badBytes() {
        return badBytes;
    }

    /** Records whose message the catalog does not know (kept raw). */
    public long unknownFrames() {
        return unknownFrames;
    }

    /** Bytes of an incomplete last record, 0 when the log ends cleanly. */
    public long truncatedTailBytes() {
        return truncatedTailBytes;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
