package io.spikepilot.controller.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class SupervisorPropertiesTest {
    private static final long MS = 1_000_000L;
    private static final long NOW = 10_000 * MS;
    private final Supervisor supervisor = new Supervisor(SupervisorTest.CONFIG);

    @Property(tries = 3000)
    void theSnnNeverKeepsControlThroughAFaultAndNeverGetsItWithout(
            @ForAll @LongRange(min = 0, max = 2000) long stateAgeMs,
            @ForAll boolean stateValid,
            @ForAll @DoubleRange(min = 0, max = 1.2) double tilt,
            @ForAll @DoubleRange(min = 0, max = 8) double speed,
            @ForAll @DoubleRange(min = 0, max = 5) double positionError,
            @ForAll @DoubleRange(min = 0, max = 1.5) double maxAbs,
            @ForAll boolean nonFinite,
            @ForAll @IntRange(min = 0, max = 60) int unchanged,
            @ForAll @LongRange(min = 0, max = 3) long newSaturationEvents,
            @ForAll @LongRange(min = 0, max = 30) long missed,
            @ForAll @LongRange(min = 0, max = 2000) long linkAgeMs,
            @ForAll boolean matches,
            @ForAll FlightMode from,
            @ForAll OperatorCommand command) {
        SupervisorInputs in = SupervisorTest.healthy();
        in.stateTimeNs = NOW - stateAgeMs * MS;
        in.stateValid = stateValid;
        in.tiltRad = tilt;
        in.speedMps = speed;
        in.positionErrorM = positionError;
        in.policyOutputMaxAbs = nonFinite ? Double.NaN : maxAbs;
        in.policyOutputUnchangedTicks = unchanged;
        in.policySaturationEvents = 10 + newSaturationEvents;
        in.missedTicks = missed;
        in.linkLastRxNs = NOW - linkAgeMs * MS;
        in.policyConfigMatches = matches;
        in.command = command;
        SupervisorMemory m = SupervisorTest.flying(from);
        m.snnRequested = true;
        m.warmupTicks = 1000;
        m.agreementTicks = 1000;
        int reasons = supervisor.decide(NOW, in, m);
        if ((reasons & Reasons.SNN_FAULTS) != 0) {
            assertNotEquals(FlightMode.SNN, m.mode, Reasons.describe(reasons));
        }
        if ((reasons & Reasons.LAND_FAULTS) != 0 && (from == FlightMode.PID || from == FlightMode.SNN)) {
            assertEquals(FlightMode.LAND, m.mode, Reasons.describe(reasons));
        }
        if (m.mode == FlightMode.SNN && from != FlightMode.SNN) {
            assertEquals(FlightMode.PID, from, "the SNN is only ever entered from the PID");
        }
    }
}
