package io.spikepilot.controller.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class AttitudeLimitsMetadataTest {
    @Property
    void metadataTextReadsBackToTheSameLimits(@ForAll @DoubleRange(min = 0.01, max = 0.3) double min,
                                              @ForAll @DoubleRange(min = 0.35, max = 0.65) double hover,
                                              @ForAll @DoubleRange(min = 0.7, max = 1.0) double max,
                                              @ForAll @DoubleRange(min = 0.01, max = 1.5) double tilt,
                                              @ForAll @DoubleRange(min = 0.01, max = 10) double yawRate) {
        AttitudeLimits limits = new AttitudeLimits(hover, min, max, tilt, yawRate);
        assertEquals(limits, AttitudeLimits.parseMetadata(limits.toMetadata()));
    }

    @Test
    void readsTheShippedPolicysScaling() {
        AttitudeLimits l = AttitudeLimits.parseMetadata("AttitudeLimits[hoverThrust=0.55496, minThrust=0.1, "
                + "maxThrust=0.9, maxTiltRad=0.6108652381980153, maxYawRateRadps=1.5707963267948966]");
        assertEquals(Math.toRadians(35), l.maxTiltRad(), 1e-15);
        assertEquals(0.55496, l.hoverThrust(), 0.0);
    }

    @Test
    void textInAnotherFormOrWithImpossibleValuesIsNotGuessed() {
        assertNull(AttitudeLimits.parseMetadata("simulator default limits"));
        assertNull(AttitudeLimits.parseMetadata(null));
        assertNull(AttitudeLimits.parseMetadata("AttitudeLimits[hoverThrust=0.95, minThrust=0.1, maxThrust=0.9, "
                + "maxTiltRad=0.6, maxYawRateRadps=1.5]"));
    }
}
