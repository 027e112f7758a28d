package io.spikepilot.controller.snn;

import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.policy.PolicyMetadata;

/**
 * A validated policy file: its identity (source name and SHA-256 of the exact bytes, to be logged wherever a policy is
 * loaded), its metadata and exactly one network.
 *
 * @param source         file name or resource path
 * @param sha256         lowercase hex SHA-256 of the file bytes
 * @param metadata       flight-relevant metadata
 * @param kind           which network the file holds
 * @param resetRule      LIF reset rule
 * @param floatNetwork   the network when {@code kind == FLOAT_SNN}, else null
 * @param fixedNetwork   the network when {@code kind == FIXED_SNN}, else null
 */
public record LoadedPolicy(String source, String sha256, PolicyMetadata metadata, NetworkKind kind,
                           ResetRule resetRule, SnnNetwork floatNetwork, FixedPointNetwork fixedNetwork) {
    /** A fresh runtime for this policy, membranes at zero. */
    public Policy newPolicy() {
        return kind == NetworkKind.FLOAT_SNN ? new FloatSnn(floatNetwork) : new FixedPointSnn(fixedNetwork);
    }

    /** Layer widths from input to output. */
    public int[] layerSizes() {
        return kind == NetworkKind.FLOAT_SNN ? floatNetwork.layerSizes() : fixedNetwork.layerSizes();
    }

    /** One line for logs: source, kind, sizes and hash. */
    public String describe() {
        StringBuilder sizes = new StringBuilder();
        for (int s : layerSizes()) {
            sizes.append(sizes.length() == 0 ? "" : "-").append(s);
        }
        return source + " (" + kind.id() + " " + sizes + ", " + resetRule.id() + ", " + metadata.actionSpace().id()
                + " @ " + metadata.controlRateHz() + " Hz) sha256=" + sha256;
    }
}
