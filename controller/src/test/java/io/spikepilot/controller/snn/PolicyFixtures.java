package io.spikepilot.controller.snn;

import io.spikepilot.controller.policy.PolicyMetadata;
import io.spikepilot.controller.action.ActionSpace;
import io.spikepilot.controller.observation.ObservationBuilder;
import java.util.Map;

/** Small valid networks and metadata for policy-file tests. */
final class PolicyFixtures {
    static final int[] SMALL = {18, 8, 6, 4};

    private PolicyFixtures() {
    }

    static SnnNetwork smallNetwork() {
        return PaperInit.network(SMALL, 42, ResetRule.SUBTRACT_DELAYED);
    }

    static PolicyMetadata metadata() {
        return new PolicyMetadata(100.0, ObservationBuilder.LAYOUT_ID, ActionSpace.MOTORS, "throttle=(a+1)/2",
                "crazyflie", new PolicyMetadata.Provenance("spikepilot train --seed 42", 42, "abc123"),
                Map.of("origin", "unit test"));
    }
}
