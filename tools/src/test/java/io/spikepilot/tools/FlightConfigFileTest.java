package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.spikepilot.flight.FlightSettings;

class FlightConfigFileTest {
    private static final Path EXAMPLE = Path.of("..", "src", "config", "flight.yaml");

    private static String example() throws Exception {
        return Files.readString(EXAMPLE);
    }

    private static String failure(String yaml) {
        return assertThrows(IllegalArgumentException.class, () -> FlightConfigFile.parse("f.yaml", yaml))
                .getMessage();
    }

    @Test
    void theDocumentedExampleLoads() {
        FlightSettings s = FlightConfigFile.load(EXAMPLE);
        assertEquals(100.0, s.flight().rateHz());
        assertEquals(10_000_000L, s.flight().periodNs());
        assertEquals(0.555, s.flight().limits().hoverThrust());
        assertEquals(Math.toRadians(35), s.flight().limits().maxTiltRad(), 1e-12);
        assertEquals(0.98 * 0.555, s.flight().openLoopLandThrust(), 1e-12);
        assertEquals(500_000_000L, s.flight().supervisor().stateLossNs());
        assertEquals("park-spin", s.idleStrategy());
        assertEquals(100_000L, s.spinWindowNs());
        assertEquals("px4", s.autopilot());
        assertEquals(3_000_000_000L, s.heartbeatTimeoutNs());
        assertEquals(10_000_000_000L, s.lostLinkListenNs());
    }

    @Test
    void aHeartbeatTimeoutShorterThanTwoHeartbeatsIsRefused() throws Exception {
        String message = failure(example().replace("heartbeat_timeout_ms: 3000", "heartbeat_timeout_ms: 1000"));
        assertTrue(message.contains("field 'link.heartbeat_timeout_ms' expected an integer in [2000, 60000]")
                && message.endsWith("found 1000"), message);
    }

    @Test
    void aNegativeListenTimeIsRefused() throws Exception {
        String message = failure(example().replace("lost_link_listen_ms: 10000", "lost_link_listen_ms: -1"));
        assertTrue(message.contains("field 'link.lost_link_listen_ms' expected an integer in [0, 600000], found -1"),
                message);
    }

    @Test
    void theShippedCommandLimitsAreTheDocumentedDefaults() {
        assertEquals(io.spikepilot.telemetry.CommandLimits.defaults(), FlightConfigFile.load(EXAMPLE).commandLimits());
    }

    @Test
    void commandLimitsOutsideTheirRangesAreRefusedNamingTheField() throws Exception {
        assertTrue(failure(example().replace("geofence_radius_m: 20", "geofence_radius_m: 0")).endsWith(
                "field 'telemetry.geofence_radius_m' expected a value in (0, 1000], found 0.0"));
        assertTrue(failure(example().replace("min_altitude_m: 0.5", "min_altitude_m: 12")).endsWith(
                "fields 'telemetry.min_altitude_m' and 'telemetry.max_altitude_m' expected 0 <= min < max <= 500, "
                        + "found 12.0 and 10.0"));
        assertTrue(failure(example().replace("command_burst: 5", "command_burst: 1.5")).endsWith(
                "field 'telemetry.command_burst' expected an integer, found the number 1.5"));
        assertTrue(failure(example().replace("  commands_per_s: 2\n", "")).endsWith(
                "field 'telemetry.commands_per_s' is required, found nothing"));
    }

    @Test
    void theShippedConfigIsTelemetryOnly() {
        FlightSettings s = FlightConfigFile.load(EXAMPLE);
        assertEquals(false, s.groundCommands());
        assertEquals(5_000L, s.commandMaxAgeMs());
    }

    @Test
    void commandMaxAgeOutsideItsRangeNamesTheField() throws Exception {
        String message = failure(example().replace("command_max_age_ms: 5000", "command_max_age_ms: 0"));
        assertEquals("flight config 'f.yaml': field 'telemetry.command_max_age_ms' expected an integer in "
                + "[100, 600000], found 0", message);
    }

    @Test
    void groundCommandsSwitchMustBeABoolean() throws Exception {
        String message = failure(example().replace("ground_commands: false", "ground_commands: maybe"));
        assertEquals("flight config 'f.yaml': field 'telemetry.ground_commands' expected true or false, found "
                + "'maybe'", message);
    }

    @Test
    void truncatedFileNamesTheMissingSection() throws Exception {
        String text = example();
        String truncated = text.substring(0, text.indexOf("mission:"));
        String message = failure(truncated);
        assertTrue(message.startsWith("flight config 'f.yaml': section 'mission' expected a mapping, found nothing"),
                message);
    }

    @Test
    void corruptYamlIsReportedAsSuch() {
        String message = failure("version: 1\ncontrol: {rate_hz: [100\n");
        assertTrue(message.startsWith("flight config 'f.yaml': not valid YAML"), message);
    }

    @Test
    void wrongVersionIsRejected() throws Exception {
        String message = failure(example().replace("version: 1", "version: 2"));
        assertTrue(message.contains("field 'version' expected 1, found 2"), message);
    }

    @Test
    void wrongTypeNamesTheFieldAndWhatWasFound() throws Exception {
        String message = failure(example().replace("rate_hz: 100", "rate_hz: fast"));
        assertTrue(message.contains("field 'control.rate_hz' expected a finite number, found 'fast'"), message);
    }

    @Test
    void unknownFieldIsRejected() throws Exception {
        String message = failure(example().replace("  takeoff_height_m: 1.0", "  takeoff_height_m: 1.0\n  tkaeoff: 2"));
        assertTrue(message.contains("unknown field 'mission.tkaeoff'"), message);
    }

    @Test
    void duplicatedFieldIsRejected() throws Exception {
        String message = failure(example().replace("  min_thrust: 0.10", "  min_thrust: 0.10\n  min_thrust: 0.2"));
        assertTrue(message.contains("not valid YAML") && message.contains("min_thrust"), message);
    }

    @Test
    void missingFieldIsNamed() throws Exception {
        String message = failure(example().replace("  yaw_gain: 2.0\n", ""));
        assertTrue(message.contains("field 'pid.yaw_gain' is required"), message);
    }

    @Test
    void outOfRangeValueIsReportedWithTheFileName() throws Exception {
        String message = failure(example().replace("  max_tilt_deg: 35\n", "  max_tilt_deg: 95\n"));
        assertTrue(message.startsWith(
                "flight config 'f.yaml': attitude limits: field 'vehicle.max_tilt_deg (value in rad)'"), message);
    }

    /** The config types validate with their Java names; the file's user reads the keys they typed. */
    @Test
    void messagesFromTheConfigTypesNameTheYamlKeysAndValuesByKind() throws Exception {
        String ring = failure(example().replace("  ring_capacity: 4096\n", "  ring_capacity: 3000\n"));
        assertTrue(ring.contains("field 'record.ring_capacity' expected a power of two"), ring);
        assertFalse(ring.contains("ringCapacity"), ring);
        String hover = failure(example().replace("  hover_thrust: 0.555\n", "  hover_thrust: 0.99\n"));
        assertTrue(hover.contains("expected vehicle.min_thrust < vehicle.hover_thrust < vehicle.max_thrust"), hover);
        String kind = failure(example().replace("  ring_capacity: 4096\n", "  ring_capacity: 1.5\n"));
        assertTrue(kind.contains("field 'record.ring_capacity' expected an integer, found the number 1.5"), kind);
        assertFalse(kind.contains("Double"), kind);
    }

    @Test
    void adversarialAliasBombIsRefused() {
        String message = failure("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n");
        assertTrue(message.startsWith("flight config 'f.yaml': not valid YAML"), message);
    }

    @Test
    void unknownIdleStrategyNamesTheChoices() throws Exception {
        String message = failure(example().replace("idle_strategy: park-spin", "idle_strategy: yield"));
        assertTrue(message.contains("park-spin") && message.contains("'yield'"), message);
    }

    @Test
    void unreadableFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        String message = assertThrows(IllegalArgumentException.class, () -> FlightConfigFile.load(missing))
                .getMessage();
        assertTrue(message.startsWith("flight config '" + missing + "': cannot be read"), message);
    }
}
