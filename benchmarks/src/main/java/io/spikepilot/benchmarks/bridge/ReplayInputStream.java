package io.spikepilot.benchmarks.bridge;

import java.io.InputStream;

/** Endless input: the same bytes over and over, without allocating, so a stream reader can be timed alone. */
final class ReplayInputStream extends InputStream {
    private final byte[] bytes;
    private int position;

    ReplayInputStream(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public int read() {
        int b = bytes[position] & 0xFF;
        position = (position + 1) % bytes.length;
        return b;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
        int n = Math.min(length, bytes.length - position);
        System.arraycopy(bytes, position, target, offset, n);
        position = (position + n) % bytes.length;
        return n;
    }

    @Override
    public int available() {
        return bytes.length - position;
    }
}
