package io.spikepilot.bridge.signing;

/** The MAVLink signing clock: 10 µs units since 2015-01-01T00:00:00Z, 48 bits. */
public final class SigningTimestamp {
    /** 2015-01-01T00:00:00Z as Unix seconds. */
    public static final long EPOCH_2015_UNIX_S = 1_420_070_400L;
    /** The largest 48-bit timestamp. */
    public static final long MAX = (1L << 48) - 1;
    /** One minute in signing units: how far behind the newest timestamp a new stream may start. */
    public static final long ONE_MINUTE = 6_000_000L;

    private SigningTimestamp() {
    }

    /** Signing timestamp for a Unix time in µs. */
    public static long fromUnixUs(long unixUs) {
        return Math.max(0, (unixUs - EPOCH_2015_UNIX_S * 1_000_000L) / 10);
    }

    /** Unix µs for a signing timestamp. */
    public static long toUnixUs(long timestamp) {
        return timestamp * 10 + EPOCH_2015_UNIX_S * 1_000_000L;
    }
}
