package io.spikepilot.bridge.signing;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 over key + frame, truncated to 48 bits, into preallocated space. One instance per thread. */
final class SignatureHash {
    private final MessageDigest sha256;
    private final byte[] digest = new byte[32];
    private final byte[] secret;

    SignatureHash(SigningKey key) {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        secret = key.secret();
    }

    /**
     * Hashes key + {@code frame[0 .. signedLength)} (header, payload, checksum, link id, timestamp) and returns the
     * first 6 bytes in {@link #digest}.
     */
    byte[] hash(byte[] frame, int signedLength) {
        sha256.update(secret, 0, secret.length);
        sha256.update(frame, 0, signedLength);
        try {
            sha256.digest(digest, 0, digest.length);
        } catch (DigestException e) {
            throw new IllegalStateException("32-byte buffer is large enough for SHA-256", e);
        }
        return digest;
    }
}
