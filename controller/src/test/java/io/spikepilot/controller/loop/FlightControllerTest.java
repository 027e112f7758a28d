package io.spikepilot.controller.loop;

import io.spikepilot.controller.testing.AllocationMeter;
import static io.spikepilot.controller.loop.TestRigs.LIMITS;
import static io.spikepilot.controller.loop.TestRigs.PERIOD_NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.pid.PidPolicy;
import io.spikepilot.controller.pid.PositionPidGains;
import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.record.NetworkActivityLayout;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.record.TickRing;
import io.spikepilot.controller.snn.FixedPointQuantizer;
import io.spikepilot.controller.snn.FixedPointSnn;
import io.spikepilot.controller.snn.PaperInit;
import io.spikepilot.controller.snn.QuantizationScales;
import io.spikepilot.controller.snn.ResetRule;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.OperatorCommand;
import io.spikepilot.controller.supervisor.Reasons;
import org.junit.jupiter.api.Test;

class FlightControllerTest {
    private final TestRigs.ScriptedStateSource source = new TestRigs.ScriptedStateSource();
    private final TestRigs.RecordingSink sink = new TestRigs.RecordingSink();
    private final OperatorInbox inbox = new OperatorInbox();
    private final FlightConfig config = TestRigs.hundredHertz();
    private final TickRing ring = new TickRing(config.ringCapacity());
    private long now = 1_000 * TestRigs.MS;

    private FlightController controller(Policy policy, boolean matches) {
        source.state.resetAtRest(now);
        source.lastMessageNs = now;
        return new FlightController(config, policy, matches, source, sink, inbox, ring);
    }

    private Policy pidPolicy() {
        return new PidPolicy(PositionPidGains.px4Defaults(), LIMITS, config.periodS(), 0.0);
    }

    /** Advances time one period with a fresh copy of the (unchanged) state and link. */
    private void step(FlightController c) {
        now += PERIOD_NS;
        source.state.timeNs = now;
        source.lastMessageNs = now;
        c.tick(now);
    }

    @Test
    void idleStreamsLevelZeroThrustAndTheTargetFollowsTheVehicle() {
        FlightController c = controller(pidPolicy(), true);
        source.state.positionNwuM[0] = 3.0;
        step(c);
        assertEquals(FlightMode.IDLE, sink.lastMode);
        assertEquals(0.0, sink.last.thrustNormalized, 0.0);
        assertEquals(0.0, Quaternions.tilt(sink.last.attitudeNwuFlu), 1e-12);
        assertEquals(3.0, c.targetNwuM()[0], 0.0);
    }

    @Test
    void takeoffHandsThePidATargetOneMetreAboveTheGround() {
        FlightController c = controller(pidPolicy(), true);
        step(c);
        inbox.submit(OperatorCommand.TAKEOFF);
        step(c);
        assertEquals(FlightMode.PID, sink.lastMode);
        assertEquals(1.0, c.targetNwuM()[2], 0.0);
        assertTrue(sink.last.thrustNormalized > LIMITS.hoverThrust(), "climbing");
    }

    @Test
    void takeoffWithoutAStateIsRefusedWithTheReason() {
        FlightController c = controller(pidPolicy(), true);
        source.received = false;
        inbox.submit(OperatorCommand.TAKEOFF);
        step(c);
        assertEquals(FlightMode.IDLE, c.mode());
        assertTrue((c.lastReasons() & Reasons.STATE_STALE) != 0, Reasons.describe(c.lastReasons()));
    }

    private FlightController flyingOnSnn() {
        FlightController c = controller(pidPolicy(), true);
        step(c);
        inbox.submit(OperatorCommand.TAKEOFF);
        step(c);
        // pretend the vehicle reached the hover point: at rest on the target
        source.state.positionNwuM[2] = 1.0;
        inbox.submit(OperatorCommand.ENGAGE_SNN);
        for (int i = 0; i < 60 && c.mode() != FlightMode.SNN; i++) {
            step(c);
        }
        return c;
    }

    @Test
    void theSnnTakesOverAfterWarmupAndAgreementOnCommand() {
        FlightController c = flyingOnSnn();
        assertEquals(FlightMode.SNN, c.mode());
        assertEquals(FlightMode.SNN, sink.lastMode);
        assertEquals(50, c.supervisorMemory().warmupTicks);
    }

    @Test
    void aNanStateHandsBackToThePidInTheSameTick() {
        FlightController c = flyingOnSnn();
        source.state.velocityNwuMps[1] = Double.NaN;
        step(c);
        assertEquals(FlightMode.PID, sink.lastMode, "the setpoint of the faulty tick is already the PID's");
        assertEquals(1, c.fallbacks());
        assertTrue((c.lastReasons() & Reasons.STATE_INVALID) != 0);
        assertTrue(sink.last.isValid(1e-9), "never a NaN setpoint");
    }

    @Test
    void aMismatchedPolicyNeverFlies() {
        FlightController c = controller(pidPolicy(), false);
        step(c);
        inbox.submit(OperatorCommand.TAKEOFF);
        step(c);
        source.state.positionNwuM[2] = 1.0;
        inbox.submit(OperatorCommand.ENGAGE_SNN);
        for (int i = 0; i < 200; i++) {
            step(c);
        }
        assertEquals(FlightMode.PID, c.mode());
        assertTrue((c.lastReasons() & Reasons.POLICY_CONFIG_MISMATCH) != 0);
    }

    @Test
    void policyWithTheWrongShapeIsAMismatchAndIsNeverStepped() {
        Policy wrongShape = new Policy() {
            @Override
            public int observationSize() {
                return 12;
            }

            @Override
            public int actionSize() {
                return 4;
            }

            @Override
            public void reset() {
            }

            @Override
            public void step(float[] observation, int observationOffset, float[] action, int actionOffset) {
                throw new AssertionError("a policy of the wrong shape must never be stepped");
            }
        };
        FlightController c = controller(wrongShape, true);
        assertFalse(c.policyMatchesConfig());
        step(c);
        assertEquals(FlightMode.IDLE, c.mode());
    }

    @Test
    void linkLossLandsWithALevelOpenLoopDescent() {
        FlightController c = flyingOnSnn();
        long lastLink = now;
        for (int i = 0; i < 101; i++) {
            now += PERIOD_NS;
            source.state.timeNs = now;
            c.tick(now);
            source.lastMessageNs = lastLink;
        }
        assertEquals(FlightMode.LAND, c.mode());
        // the state is still fresh here, so the landing is PID-guided; drop the state too and it goes open-loop
        source.received = false;
        for (int i = 0; i < 60; i++) {
            now += PERIOD_NS;
            c.tick(now);
        }
        assertEquals(0.4, sink.last.thrustNormalized, 0.0);
        assertEquals(0.0, Quaternions.tilt(sink.last.attitudeNwuFlu), 1e-12);
    }

    @Test
    void everyTransitionIsARecordWithItsReasons() {
        TickRing.Reader reader = ring.reader();
        FlightController c = flyingOnSnn();
        source.state.velocityNwuMps[1] = Double.NaN;
        step(c);
        TickRecord r = new TickRecord();
        StringBuilder transitions = new StringBuilder();
        while (reader.poll(r)) {
            if (r.transitioned) {
                transitions.append(FlightMode.ofOrdinal(r.previousMode)).append("->")
                        .append(FlightMode.ofOrdinal(r.mode)).append(':').append(Reasons.describe(r.reasons))
                        .append(' ');
            }
        }
        assertEquals("IDLE->PID:OPERATOR_COMMAND|LANDED PID->SNN:OPERATOR_COMMAND|SNN_READY "
                + "SNN->PID:STATE_INVALID ", transitions.toString());
    }

    @Test
    void spikeCountsOfAnSnnPolicyAreRecorded() {
        io.spikepilot.controller.snn.FloatSnn snn = new io.spikepilot.controller.snn.FloatSnn(
                io.spikepilot.controller.snn.PaperInit.network(new int[] {18, 32, 16, 4}, 5L,
                        io.spikepilot.controller.snn.ResetRule.SUBTRACT_DELAYED));
        TickRing.Reader reader = ring.reader();
        FlightController c = controller(snn, true);
        source.state.positionNwuM[0] = 2.0;
        TickRecord r = new TickRecord();
        long total = 0;
        for (int i = 0; i < 20; i++) {
            step(c);
            assertTrue(reader.poll(r));
            assertEquals(2, r.spikeLayers);
            assertEquals(snn.lastSpikeCount(0), r.spikeCounts[0]);
            assertEquals(snn.lastSpikeCount(1), r.spikeCounts[1]);
            for (int n = 0; n < 32; n++) {
                assertEquals(snn.spiked(0, n), (r.spikeBits[0] >>> n & 1L) != 0, "float SNN neuron " + n);
            }
            assertEquals(snn.membrane(1, 2), r.watchedMembrane[3], "layer 1 (16 wide) watches neuron 16/6 = 2 first");
            total += r.spikeCounts[0];
        }
        assertTrue(total > 0, "a 2 m position error drives the first layer");
    }

    /** One tick per call, a period later each, the state swaying north by up to {@code amplitudeM}. */
    private Runnable swaying(FlightController c, double amplitudeM) {
        long[] t = {now};
        return () -> {
            t[0] += PERIOD_NS;
            source.state.timeNs = t[0];
            source.lastMessageNs = t[0];
            source.state.positionNwuM[0] = amplitudeM * Math.sin(t[0] * 1e-9);
            c.tick(t[0]);
        };
    }

    @Test
    void tenToTheFifthTicksAllocateNothing() {
        FlightController c = flyingOnSnn();
        assertEquals(FlightMode.SNN, c.mode());
        long bytes = AllocationMeter.bytesAllocatedBy(swaying(c, 0.01), 200_000, 100_000);
        assertEquals(0, bytes);
        assertEquals(FlightMode.SNN, c.mode());
        assertEquals(0, c.fallbacks());
    }

    /** The paper-size fixed-point network (18-256-128-4, seeded initialisation), the activity path at full width. */
    private static FixedPointSnn paperSizeSnn() {
        float[] inputScale = new float[18];
        java.util.Arrays.fill(inputScale, 8f / 32767f);
        float[][] membrane = {new float[256], new float[128]};
        java.util.Arrays.fill(membrane[0], 1f / 4096f);
        java.util.Arrays.fill(membrane[1], 1f / 4096f);
        return new FixedPointSnn(FixedPointQuantizer.quantize(
                PaperInit.network(new int[] {18, 256, 128, 4}, 7L, ResetRule.SUBTRACT_DELAYED),
                new QuantizationScales(inputScale, 32767, membrane, 16)));
    }

    @Test
    void recordsCarryEverySpikeAndTheWatchedMembranesOfTheStep() {
        FixedPointSnn snn = paperSizeSnn();
        TickRing.Reader reader = ring.reader();
        FlightController c = controller(snn, true);
        source.state.positionNwuM[0] = 2.0;
        TickRecord r = new TickRecord();
        NetworkActivityLayout layout = c.activityLayout();
        assertEquals(2, layout.layers());
        assertEquals(6, layout.watched());
        long spikes = 0;
        for (int i = 0; i < 30; i++) {
            step(c);
            assertTrue(reader.poll(r));
            assertTrue(r.activityRecorded);
            for (int k = 0; k < 2; k++) {
                int bits = 0;
                for (int w = 0; w < NetworkActivityLayout.WORDS_PER_LAYER; w++) {
                    bits += Long.bitCount(r.spikeBits[k * NetworkActivityLayout.WORDS_PER_LAYER + w]);
                }
                assertEquals(r.spikeCounts[k], bits, "layer " + k + " tick " + r.tick);
                for (int n = 0; n < snn.lastSpikeCount(k); n++) {
                    int neuron = snn.lastSpikeIndex(k, n);
                    long word = r.spikeBits[k * NetworkActivityLayout.WORDS_PER_LAYER + neuron / 64];
                    assertEquals(1L, word >>> (neuron % 64) & 1L, "neuron " + neuron);
                }
            }
            for (int w = 0; w < layout.watched(); w++) {
                int k = layout.watchedLayer(w);
                int n = layout.watchedNeuron(w);
                assertEquals(snn.membrane(k, n) * snn.network().lif().get(k).membraneScale(n), r.watchedMembrane[w]);
            }
            spikes += r.spikeCounts[0] + r.spikeCounts[1];
        }
        assertTrue(spikes > 0, "a 2 m position error drives the network");
    }

    @Test
    void aTickThatDidNotStepThePolicyRecordsNoActivity() {
        TickRing.Reader reader = ring.reader();
        FlightController c = controller(paperSizeSnn(), true);
        source.state.positionNwuM[0] = Double.NaN;
        TickRecord r = new TickRecord();
        java.util.Arrays.fill(r.spikeBits, -1L);
        step(c);
        assertTrue(reader.poll(r));
        assertFalse(r.activityRecorded);
        assertEquals(0, java.util.Arrays.stream(r.spikeBits).filter(b -> b != 0).count());
    }

    @Test
    void tenToTheFifthTicksOfASpikingNetworkRecordingItsActivityAllocateNothing() {
        FlightController c = controller(paperSizeSnn(), true);
        TickRing.Reader reader = ring.reader();
        TickRecord r = new TickRecord();
        long bytes = AllocationMeter.bytesAllocatedBy(swaying(c, 0.5), 100_000, 100_000);
        assertEquals(0, bytes);
        assertTrue(reader.poll(r));
        assertTrue(r.activityRecorded, "the network stepped (and its activity went into the record) every tick");
    }
}
