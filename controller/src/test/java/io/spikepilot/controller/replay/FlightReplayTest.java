package io.spikepilot.controller.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.record.TickTraceCsv;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.Reasons;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FlightReplayTest {
    private static String pidFlight;
    private static String fixedSnnFlight;
    private static String faultFlight;
    /** The demo's injected fault (NaN output) while the policy flies the SNN channel (the PID behind it). */
    private static final int FAULT_FROM = 500;
    private static final int FAULT_TICKS = 5;

    @BeforeAll
    static void record() throws Exception {
        pidFlight = RecordedFlights.fly(RecordedFlights.pidPolicy());
        fixedSnnFlight = RecordedFlights.fly(RecordedFlights.fixedSnn());
        faultFlight = RecordedFlights.fly(RecordedFlights.pidPolicy(), FAULT_FROM, FAULT_TICKS);
    }

    private static ReplayComparison replay(String trace, Policy policy) throws Exception {
        return FlightReplay.run(RecordedFlights.config(), policy, true, TraceReader.parse("flight.trace.csv", trace),
                null);
    }

    @Test
    void theRecordedFlightExercisesEveryInput() throws Exception {
        RecordedTrace t = TraceReader.parse("flight.trace.csv", pidFlight);
        assertEquals(RecordedFlights.TICKS, t.rows().size());
        assertNull(t.stopNote());
        assertEquals("test-policy", t.policyId());
        assertEquals("test-config", t.configId());
        List<FlightMode> modes = new ArrayList<>();
        boolean missed = false;
        boolean unreceived = false;
        boolean requested = false;
        for (TickRecord r : t.rows()) {
            FlightMode m = FlightMode.ofOrdinal(r.mode);
            if (modes.isEmpty() || modes.get(modes.size() - 1) != m) {
                modes.add(m);
            }
            missed |= r.missedTicks > 0;
            unreceived |= !r.stateReceived;
            requested |= r.targetRequested;
        }
        assertEquals(List.of(FlightMode.IDLE, FlightMode.PID, FlightMode.SNN, FlightMode.PID, FlightMode.LAND),
                modes.subList(0, 5));
        assertTrue(missed && unreceived && requested);
    }

    @Test
    void aPidFlightReplaysBitIdentically() throws Exception {
        ReplayComparison c = replay(pidFlight, RecordedFlights.pidPolicy());
        assertTrue(c.identical(), c.verdict());
        assertEquals("900 ticks, bit-identical", c.verdict());
    }

    @Test
    void aFixedPointSnnFlightReplaysBitIdentically() throws Exception {
        ReplayComparison c = replay(fixedSnnFlight, RecordedFlights.fixedSnn());
        assertTrue(c.identical(), c.verdict());
        assertEquals(900, c.ticks());
    }

    @Test
    void anInjectedFaultIsRecordedOnItsTicksAndCausesTheFallback() throws Exception {
        RecordedTrace t = TraceReader.parse("flight.trace.csv", faultFlight);
        assertEquals(FAULT_TICKS, t.injectedFaultTicks());
        for (int tick = FAULT_FROM; tick < FAULT_FROM + FAULT_TICKS; tick++) {
            assertTrue(t.rows().get(tick).faultInjected, "tick " + tick);
        }
        TickRecord first = t.rows().get(FAULT_FROM);
        assertEquals(FlightMode.SNN, FlightMode.ofOrdinal(first.previousMode));
        assertEquals(FlightMode.PID, FlightMode.ofOrdinal(first.mode));
        assertTrue((first.reasons & Reasons.POLICY_NON_FINITE) != 0, Reasons.describe(first.reasons));
    }

    @Test
    void aFlightWithAnInjectedFaultReplaysBitIdenticallyThroughTheFallback() throws Exception {
        ReplayComparison c = replay(faultFlight, RecordedFlights.pidPolicy());
        assertTrue(c.identical(), c.verdict());
        assertEquals(900, c.ticks());
    }

    @Test
    void aFixedPointSnnFaultedInShadowReplaysBitIdentically() throws Exception {
        // the PID flies, the SNN steps in shadow: the NaN resets its membranes, which the replay must do too
        String trace = RecordedFlights.fly(RecordedFlights.fixedSnn(), 300, 3);
        assertEquals(3, TraceReader.parse("flight.trace.csv", trace).injectedFaultTicks());
        ReplayComparison c = replay(trace, RecordedFlights.fixedSnn());
        assertTrue(c.identical(), c.verdict());
        ReplayComparison unrecorded = replay(TraceReaderTest.toFormatTwo(trace), RecordedFlights.fixedSnn());
        assertEquals(300, unrecorded.firstDivergence().tick());
    }

    @Test
    void theSameFlightWithoutItsFaultRecordsDivergesAtTheFault() throws Exception {
        String unrecorded = TraceReaderTest.toFormatTwo(faultFlight);
        ReplayComparison c = replay(unrecorded, RecordedFlights.pidPolicy());
        assertFalse(c.identical());
        assertEquals(FAULT_FROM, c.firstDivergence().tick());
    }

    @Test
    void aFormatTwoTraceOfAFlightWithoutFaultsStillReplaysBitIdentically() throws Exception {
        ReplayComparison c = replay(TraceReaderTest.toFormatTwo(fixedSnnFlight), RecordedFlights.fixedSnn());
        assertTrue(c.identical(), c.verdict());
    }

    @Test
    void aTamperedStateValueDivergesAtItsTick() throws Exception {
        String[] lines = pidFlight.split("\n", -1);
        int column = TickTraceCsv.columns().indexOf("state_x_m");
        int line = 2 + 321;
        String[] cells = lines[line].split(",", -1);
        assertEquals("321", cells[0]);
        cells[column] = Double.toString(Double.parseDouble(cells[column]) + 1e-9);
        lines[line] = String.join(",", cells);
        ReplayComparison c = replay(String.join("\n", lines), RecordedFlights.pidPolicy());
        assertFalse(c.identical());
        assertEquals(321, c.firstDivergence().tick(), c.verdict());
        assertTrue(c.verdict().contains("first divergence at tick 321"), c.verdict());
    }

    @Test
    void aTamperedOperatorCommandChangesTheModes() throws Exception {
        String engage = ",ENGAGE_SNN,";
        ReplayComparison c = replay(pidFlight.replace(engage, ",NONE,"), RecordedFlights.pidPolicy());
        assertEquals(400, c.firstDivergence().tick(), c.verdict());
        assertTrue(c.modeDifferingTicks() > 100, c.verdict());
    }

    @Test
    void theFloatNetworkInsteadOfItsFixedPointVersionIsAWhatIfOfTheShadowOutputsOnly() throws Exception {
        ReplayComparison c = replay(fixedSnnFlight, RecordedFlights.floatSnn());
        assertFalse(c.identical());
        assertEquals(0, c.modeDifferingTicks(), "an untrained network never flies in either run");
        assertTrue(c.field("action_0").differingTicks() > 0, c.fieldReport().toString());
        assertTrue(c.field("action_0").rms() > 0.0);
        assertEquals(0, c.field("sent_thrust").differingTicks(), "the PID flew both runs");
        assertTrue(c.fieldReport().stream().anyMatch(l -> l.startsWith("action_0")), c.fieldReport().toString());
    }

    @Test
    void anUntrainedNetworkInsteadOfTheFlownPidWouldNeverHaveBeenHandedControl() throws Exception {
        ReplayComparison c = replay(pidFlight, RecordedFlights.floatSnn());
        assertTrue(c.modeDifferingTicks() > 100, c.verdict());
        assertTrue(c.field("sent_thrust").differingTicks() > 0);
        assertTrue(c.field("sent_thrust").maxAbs() > 0.0);
    }
}
