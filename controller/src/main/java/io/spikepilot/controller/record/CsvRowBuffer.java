package io.spikepilot.controller.record;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One reusable row: a writer formats a row into {@link #start()}'s builder, then {@link #writeTo} hands its UTF-8
 * bytes to a stream. Both buffers grow to the longest row once and are reused, so a logger thread writing a row per
 * tick makes no garbage ({@code Writer.append(CharSequence)} would build a {@code String} per row, and a
 * {@code Writer}'s encoder wraps a new buffer per flush). Not thread-safe: one per writer.
 */
public final class CsvRowBuffer {
    private final StringBuilder row;
    private byte[] bytes;

    /** @param initialChars the expected row length; longer rows grow the buffers once */
    public CsvRowBuffer(int initialChars) {
        row = new StringBuilder(initialChars);
        bytes = new byte[initialChars];
    }

    /** The emptied builder, to format the next row into. */
    public StringBuilder start() {
        row.setLength(0);
        return row;
    }

    /** The row formatted since {@link #start()}, as text (allocates; for tests and rare paths). */
    @Override
    public String toString() {
        return row.toString();
    }

    /** Writes the row's UTF-8 bytes to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        int n = row.length();
        if (bytes.length < n) {
            bytes = new byte[Math.max(n, 2 * bytes.length)];
        }
        for (int i = 0; i < n; i++) {
            char c = row.charAt(i);
            if (c >= 0x80) {
                // rows are ASCII (numbers, enum and reason names); anything else takes the JDK's encoder
                out.write(row.toString().getBytes(StandardCharsets.UTF_8));
                return;
            }
            bytes[i] = (byte) c;
        }
        out.write(bytes, 0, n);
    }
}
