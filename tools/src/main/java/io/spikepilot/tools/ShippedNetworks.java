package io.spikepilot.tools;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The networks that ship inside the jar (see {@code policies/README.md} and {@code guides/README.md} for how each was
 * made): what {@code demo}, {@code fly} and {@code analyze network} use when no file is named.
 */
final class ShippedNetworks {
    /** The policy files under {@code /policies/}, Crazyflie-size first. */
    static final List<String> POLICIES = List.of(
            "crazyflie-motors-jsrl.safetensors",
            "crazyflie-motors-jsrl-fixed.safetensors",
            "x500-attitude-jsrl.safetensors",
            "x500-attitude-jsrl-fixed.safetensors",
            "x500-attitude-bc.safetensors",
            "x500-attitude-bc-fixed.safetensors");
    /** The trained ANN guide, the paper's 146-64-64-4 comparison network. */
    static final String ANN_GUIDE = "guides/crazyflie-motors-ann-seed1.safetensors";

    private ShippedNetworks() {
    }

    /** The bytes of a shipped policy, by file name. */
    static byte[] policy(String name) throws IOException {
        return resource("policies/" + name);
    }

    /** The bytes of a jar resource path (no leading slash). */
    static byte[] resource(String path) throws IOException {
        try (InputStream in = ShippedNetworks.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IOException("the jar has no " + path + " (rebuild with ./spikepilot or mvn package)");
            }
            return in.readAllBytes();
        }
    }
}
