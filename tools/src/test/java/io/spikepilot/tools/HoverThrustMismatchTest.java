package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.hover.HoverThrustEstimator;
import io.spikepilot.controller.loop.OperatorInbox;
import io.spikepilot.controller.supervisor.OperatorCommand;
import io.spikepilot.simulator.airframe.Airframe;
import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.simulator.vfc.VirtualFlightController;
import io.spikepilot.tools.VirtualPx4Flight.Ports;
import io.spikepilot.tools.VirtualPx4Flight.Recorder;
import io.spikepilot.tools.VirtualPx4Flight.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.spikepilot.flight.FlightRun;
import io.spikepilot.flight.TimedFlightPlan;
import io.spikepilot.flight.FlightSettings;
import io.spikepilot.flight.FlyPolicy;
import io.spikepilot.flight.HoverThrustReport;

/**
 * Issue 17, item 6: the shipped config's hover thrust (0.555, the X500's) flown on a vehicle that hovers at 0.5. The
 * PID's take-off hover measures the vehicle's hover thrust and reports the mismatch, with both numbers and the field
 * to change, in the log and the flight summary, before {@code fly} asks for the SNN.
 */
class HoverThrustMismatchTest {
    private static final Path EXAMPLE = Path.of("..", "src", "config", "flight.yaml");

    @Test
    void aVehicleThatHoversAtHalfThrustIsReportedBeforeTheSnnIsAskedFor(@TempDir Path dir) throws Exception {
        Airframe light = VirtualPx4Flight.hoveringAt(Airframes.x500(), 0.5);
        Ports ports = Ports.free();
        try (VirtualFlightController vfc = ports.start(light)) {
            Path file = dir.resolve("flight.yaml");
            Files.writeString(file, Files.readString(EXAMPLE)
                    .replace("stale_state_periods: 3", "stale_state_periods: 10")
                    .replace("max_missed_ticks: 2", "max_missed_ticks: 10"));
            FlightSettings settings = FlightConfigFile.load(file);
            assertEquals(0.555, settings.flight().limits().hoverThrust(), 1e-12);
            Recorder recorder = new Recorder();
            // asks for the SNN half a second after take-off, long before a settled hover is possible, and lands
            FlightRun run = new FlightRun(ports.companionLink(), settings, FlyPolicy.load("pid", settings.flight()),
                    dir, new TimedFlightPlan(0.5, 12), 2000, p -> p, List.of(recorder), new OperatorInbox());
            CompletableFuture<Object> flight = VirtualPx4Flight.fly(run);
            String summary = String.valueOf(flight.get(90, TimeUnit.SECONDS));

            HoverThrustReport hover = run.hoverThrustReport();
            assertTrue(hover != null && hover.status() == HoverThrustEstimator.READY, summary);
            System.out.printf(Locale.ROOT, "hover thrust: measured %.4f, truth %.4f, configured %.3f%n",
                    hover.measured(), light.hoverThrustNormalized(), hover.configured());
            assertEquals(0.5, hover.measured(), 0.01, "the estimate is the vehicle's hover thrust");
            assertTrue(hover.mismatch(), hover.describe());
            String line = hover.describe();
            assertTrue(line.contains("0.555") && line.contains(String.format(Locale.ROOT, "%.3f", hover.measured()))
                    && line.contains("vehicle.hover_thrust"), line);
            assertTrue(summary.contains(line), summary);

            long engageTick = -1;
            for (Row r : recorder.rows()) {
                if (r.command() == OperatorCommand.ENGAGE_SNN.ordinal()) {
                    engageTick = r.tick();
                    break;
                }
            }
            assertTrue(engageTick >= 0, "fly asked for the SNN");
            assertTrue(hover.readyAtTick() < engageTick, "reported at tick " + hover.readyAtTick()
                    + ", the SNN asked for at tick " + engageTick);
        }
    }
}
