package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.loop.OperatorInbox;
import io.spikepilot.controller.policy.ForwardingPolicy;
import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.simulator.vfc.VirtualFlightController;
import io.spikepilot.tools.VirtualPx4Flight.Ports;
import io.spikepilot.tools.VirtualPx4Flight.Recorder;
import io.spikepilot.tools.VirtualPx4Flight.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.spikepilot.flight.FlightRun;
import io.spikepilot.flight.TimedFlightPlan;
import io.spikepilot.flight.FlightSettings;
import io.spikepilot.flight.FlyPolicy;

/**
 * Issue 12, found against an independent PX4-like autopilot: {@code fly --engage-snn-after} took off, held and landed
 * on the PID, the SNN never engaged, and nothing said why. Here the stand-in SNN asks for more thrust than the PID
 * (an action offset far beyond {@code supervisor.agreement_thrust}), so it never agrees; the flight log must say so
 * at the request, with the difference and the limit, again about once a second, and the summary must say it never
 * engaged and what blocked it last.
 */
class SnnNeverEngagesClosedLoopTest {
    private static final Path EXAMPLE = Path.of("..", "src", "config", "flight.yaml");
    /** Added to the normalized thrust action: about 0.3 of the thrust range above the PID's. */
    private static final float THRUST_ACTION_OFFSET = 0.3f;

    /** The PID behind the policy path with its thrust action raised: a policy that never agrees with the PID. */
    static final class ThrustHungryPolicy extends ForwardingPolicy {
        ThrustHungryPolicy(Policy inner) {
            super(inner);
        }

        @Override
        public void step(float[] observation, int observationOffset, float[] action, int actionOffset) {
            inner.step(observation, observationOffset, action, actionOffset);
            action[actionOffset] = Math.min(0.9f, action[actionOffset] + THRUST_ACTION_OFFSET);
        }
    }

    @Test
    void aPolicyThatDisagreesIsExplainedAtTheRequestAndOnceASecondAndTheSummarySaysItNeverEngaged(
            @TempDir Path dir) throws Exception {
        Ports ports = Ports.free();
        try (VirtualFlightController vfc = ports.start(Airframes.x500())) {
            Path file = dir.resolve("flight.yaml");
            Files.writeString(file, Files.readString(EXAMPLE)
                    .replace("stale_state_periods: 3", "stale_state_periods: 10")
                    .replace("max_missed_ticks: 2", "max_missed_ticks: 10"));
            FlightSettings settings = FlightConfigFile.load(file);
            Recorder recorder = new Recorder();
            List<Long> tickNs = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            // asks for the SNN as soon as the take-off hover has checked the hover thrust, lands after 12 s
            FlightRun run = new FlightRun(ports.companionLink(), settings, FlyPolicy.load("pid", settings.flight()),
                    dir, new TimedFlightPlan(0.5, 12), 2000, ThrustHungryPolicy::new, List.of(recorder),
                    new OperatorInbox()).handOverLines((t, line) -> {
                        synchronized (lines) {
                            tickNs.add(t);
                            lines.add(line);
                        }
                    });
            CompletableFuture<Object> flight = VirtualPx4Flight.fly(run);
            String summary = String.valueOf(flight.get(90, TimeUnit.SECONDS));

            List<Row> rows = recorder.rows();
            assertTrue(rows.stream().noneMatch(r -> r.mode() == FlightMode.SNN), "the SNN must never fly");
            List<String> said;
            List<Long> at;
            synchronized (lines) {
                said = List.copyOf(lines);
                at = List.copyOf(tickNs);
            }
            assertTrue(said.size() >= 4, "the request and at least three reminders: " + said);
            String request = said.get(0);
            assertTrue(request.startsWith("SNN asked for at tick ") && request.contains("the hand-over waits for "
                    + "AGREEMENT: agreement with the PID: disagrees, thrust differs by ")
                    && request.contains("beyond supervisor.agreement_thrust 0.050"), request);
            int reminders = 0;
            for (int i = 1; i < said.size(); i++) {
                String line = said.get(i);
                if (line.startsWith("SNN request dropped")) {
                    assertEquals(said.size() - 1, i, "the drop is the last word: " + said);
                    assertTrue(line.contains("mode LAND"), line);
                    continue;
                }
                reminders++;
                assertTrue(line.startsWith("SNN hand-over pending for ") && line.contains("waits for AGREEMENT")
                        && line.contains("agreeing with the PID for 0/25 ticks"), line);
                double gapS = (at.get(i) - at.get(i - 1)) * 1e-9;
                // tick time: a reminder per second, give or take a tick or a few skipped under CI load
                assertTrue(gapS >= 1.0 && gapS < 1.2, "reminder " + i + " came " + gapS + " s after the previous");
            }
            assertTrue(reminders >= 3, said.toString());
            assertTrue(summary.contains("SNN never engaged: asked for 1 time; last blocked by AGREEMENT: agreement "
                    + "with the PID: disagrees, thrust differs by "), summary);
        }
    }
}
