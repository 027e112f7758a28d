package io.spikepilot.bridge.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** A 32-byte MAVLink 2 secret key. */
public final class SigningKey {
    public static final int LENGTH = 32;
    private final byte[] secret;

    private SigningKey(byte[] secret) {
        this.secret = secret;
    }

    /** Uses 32 raw bytes (e.g. from a key file). */
    public static SigningKey of(byte[] secret) {
        if (secret.length != LENGTH) {
            throw new IllegalArgumentException("a MAVLink signing key is " + LENGTH + " bytes, found " + secret.length);
        }
        return new SigningKey(Arrays.copyOf(secret, LENGTH));
    }

    /** SHA-256 of a passphrase, the way Mission Planner and QGroundControl derive the key. */
    public static SigningKey fromPassphrase(String passphrase) {
        try {
            return new SigningKey(MessageDigest.getInstance("SHA-256")
                    .digest(passphrase.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** A copy of the secret. */
    public byte[] bytes() {
        return Arrays.copyOf(secret, LENGTH);
    }

    byte[] secret() {
        return secret;
    }
}
