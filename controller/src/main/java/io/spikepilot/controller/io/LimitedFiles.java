package io.spikepilot.controller.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads files with a size limit. The limit is enforced on the bytes actually read, not on {@link Files#size}: a
 * device or a pipe ({@code /dev/zero}, a FIFO) reports size 0 and never ends, so only counting what arrives stops
 * it.
 */
public final class LimitedFiles {
    /** Hand-written configuration files (flight.yaml, training key=value files, airframes). */
    public static final long CONFIG_BYTES = 1L << 20;

    /** Files the tools write and read back (training logs, experiment indexes, report figures). */
    public static final long LOG_BYTES = 256L << 20;

    private LimitedFiles() {
    }

    /**
     * All bytes of {@code file}, at most {@code limit}.
     *
     * @param what what the file is, for the message (e.g. {@code flight config})
     * @throws FileTooLargeException beyond the limit
     */
    public static byte[] readAllBytes(Path file, long limit, String what) throws IOException {
        if (limit < 0 || limit > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("limit expected in [0, " + (Integer.MAX_VALUE - 16) + "], found "
                    + limit);
        }
        tooLargeBySize(file, limit, what);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[(int) Math.min(limit + 1, 1 << 16)];
            int n = 0;
            while (true) {
                if (n == buffer.length) {
                    if (buffer.length > limit) {
                        throw tooLarge(file, limit, what, "more than " + format(limit));
                    }
                    buffer = Arrays.copyOf(buffer, (int) Math.min(limit + 1, (long) buffer.length * 2));
                }
                int r = in.read(buffer, n, buffer.length - n);
                if (r < 0) {
                    return Arrays.copyOf(buffer, n);
                }
                n += r;
            }
        }
    }

    /** The file as UTF-8 text, at most {@code limit} bytes (malformed bytes become U+FFFD, as Java's decoders do). */
    public static String readString(Path file, long limit, String what) throws IOException {
        return new String(readAllBytes(file, limit, what), StandardCharsets.UTF_8);
    }

    /** The file's lines, at most {@code limit} bytes in all. */
    public static List<String> readAllLines(Path file, long limit, String what) throws IOException {
        return readString(file, limit, what).lines().toList();
    }

    /** A stream over {@code file} that fails with {@link FileTooLargeException} once more than {@code limit} bytes came. */
    public static InputStream newInputStream(Path file, long limit, String what) throws IOException {
        tooLargeBySize(file, limit, what);
        return new LimitedStream(Files.newInputStream(file), file, limit, what);
    }

    /** Fails early for a regular file whose size is already known to be too large. */
    private static void tooLargeBySize(Path file, long limit, String what) throws IOException {
        if (Files.isRegularFile(file)) {
            long size = Files.size(file);
            if (size > limit) {
                throw tooLarge(file, limit, what, format(size));
            }
        }
    }

    private static FileTooLargeException tooLarge(Path file, long limit, String what, String found) {
        return new FileTooLargeException(what + " '" + file + "': expected at most " + format(limit) + ", found "
                + found + (Files.isRegularFile(file) ? "" : " (not a regular file: is the path right?)"));
    }

    /** Bytes in the unit a person reads: 1 MiB, 256 MiB, 1536 bytes. */
    static String format(long bytes) {
        if (bytes >= (1L << 30) && bytes % (1L << 30) == 0) {
            return bytes / (1L << 30) + " GiB";
        }
        if (bytes >= (1L << 20) && bytes % (1L << 20) == 0) {
            return bytes / (1L << 20) + " MiB";
        }
        if (bytes >= (1L << 20)) {
            return String.format(Locale.ROOT, "%.1f MiB (%d bytes)", bytes / (double) (1L << 20), bytes);
        }
        return bytes + " bytes";
    }

    /** Counts what is read and stops at the limit. */
    private static final class LimitedStream extends FilterInputStream {
        private final Path file;
        private final long limit;
        private final String what;
        private long count;

        LimitedStream(InputStream in, Path file, long limit, String what) {
            super(in);
            this.file = file;
            this.limit = limit;
            this.what = what;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        private void counted(long n) throws FileTooLargeException {
            count += n;
            if (count > limit) {
                throw tooLarge(file, limit, what, "more than " + format(limit));
            }
        }
    }
}
