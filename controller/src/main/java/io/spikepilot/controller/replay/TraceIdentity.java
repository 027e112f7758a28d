package io.spikepilot.controller.replay;

import io.spikepilot.controller.loop.FlightConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The identities written in a trace's format line, so a replay can tell whether it runs the flight's own policy and
 * configuration (a check that must be bit-identical) or other ones (a what-if).
 */
public final class TraceIdentity {
    private TraceIdentity() {
    }

    /**
     * The configuration's identity: SHA-256 of the validated values (every rate, limit, gain and threshold as Java
     * prints them), so two files that differ only in comments or layout have the same identity.
     */
    public static String of(FlightConfig config) {
        return "sha256:" + sha256(config.toString());
    }

    /** The identity of a wrapped policy: the base identity and the wrapper, e.g. {@code sha256:..+FaultInjection}. */
    public static String wrapped(String baseId, String wrapper) {
        return baseId + "+" + wrapper;
    }

    /** The base part of a policy identity (before any {@code +wrapper}). */
    public static String base(String policyId) {
        int plus = policyId.indexOf('+');
        return plus < 0 ? policyId : policyId.substring(0, plus);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(64);
            for (byte b : digest) {
                sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
