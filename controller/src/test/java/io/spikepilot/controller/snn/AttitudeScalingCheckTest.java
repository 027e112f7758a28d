package io.spikepilot.controller.snn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.policy.PolicyMetadata;
import io.spikepilot.controller.action.ActionSpace;
import io.spikepilot.controller.action.AttitudeLimits;
import io.spikepilot.controller.observation.ObservationBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An attitude policy flies only with the command ranges it was trained for. */
class AttitudeScalingCheckTest {
    private static final AttitudeLimits TRAINED = new AttitudeLimits(0.55496, 0.1, 0.9, Math.toRadians(35),
            Math.toRadians(90));

    private static PolicyMetadata attitudePolicy(String scaling) {
        return new PolicyMetadata(100.0, ObservationBuilder.LAYOUT_ID, ActionSpace.ATTITUDE, scaling, "x500",
                new PolicyMetadata.Provenance("spikepilot train bc --seed 1", 1, "abc123"), Map.of());
    }

    private static List<FlightExpectation.Mismatch> check(String scaling, AttitudeLimits flight) {
        return new FlightExpectation(100.0, ObservationBuilder.LAYOUT_ID, ActionSpace.ATTITUDE, flight)
                .mismatches(attitudePolicy(scaling));
    }

    @Test
    void sameLimitsFly() {
        assertEquals(List.of(), check(TRAINED.toMetadata(), TRAINED));
    }

    @Test
    void anotherHoverThrustFliesBecauseItIsTheVehiclesOwnCalibration() {
        assertEquals(List.of(), check(TRAINED.toMetadata(),
                new AttitudeLimits(0.60, 0.1, 0.9, Math.toRadians(35), Math.toRadians(90))));
    }

    @Test
    void aSmallerTiltLimitWouldShrinkEveryCommandAndIsRefused() {
        List<FlightExpectation.Mismatch> m = check(TRAINED.toMetadata(),
                new AttitudeLimits(0.55496, 0.1, 0.9, Math.toRadians(30), Math.toRadians(90)));
        assertEquals(1, m.size());
        assertEquals("action_scaling", m.get(0).field());
        assertTrue(m.get(0).expected().contains("maxTiltRad=0.5235987755982988"), m.get(0).expected());
    }

    @Test
    void scalingWrittenByHandCannotBeCheckedAndIsRefusedWithTheExpectedForm() {
        List<FlightExpectation.Mismatch> m = check("simulator default limits", TRAINED);
        assertEquals(1, m.size());
        assertTrue(m.get(0).expected().contains("AttitudeLimits[hoverThrust="), m.get(0).expected());
        assertEquals("'simulator default limits'", m.get(0).found());
    }
}
