package io.spikepilot.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.loop.OperatorInbox;
import io.spikepilot.controller.policy.Json;
import io.spikepilot.controller.supervisor.OperatorCommand;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GroundCommandsTest {
    /** The vehicle's wall clock in these tests, Unix ms. */
    private static final long NOW_MS = 1_718_000_000_000L;

    private final OperatorInbox inbox = new OperatorInbox();
    private long clockMs = NOW_MS;
    /** The monotonic clock the rate limit reads, ns; each command moves it on by a second unless a test says not. */
    private long monoNs;
    private long monoStepNs = 1_000_000_000L;
    private final GroundCommands commands = new GroundCommands(inbox, 5_000, CommandLimits.defaults(), () -> clockMs,
            () -> monoNs += monoStepNs);

    @BeforeEach
    void openGate() {
        commands.gateBy(c -> null);
    }

    private Map<?, ?> send(String payload) {
        return send(payload, false);
    }

    private Map<?, ?> send(String payload, boolean retained) {
        return (Map<?, ?>) Json.parse(commands.handle(payload.getBytes(StandardCharsets.UTF_8), retained));
    }

    private static String command(String id, long tsMs, String command) {
        return "{\"id\":\"" + id + "\",\"ts_unix_ms\":" + tsMs + ",\"command\":\"" + command + "\"}";
    }

    private static String reason(Map<?, ?> ack) {
        return (String) ack.get("reason");
    }

    @Test
    void validCommandReachesTheInboxAndIsAcknowledged() {
        Map<?, ?> ack = send(command("c-1", NOW_MS - 40, "engage_snn"));
        assertEquals(true, ack.get("accepted"), reason(ack));
        assertEquals("c-1", ack.get("id"));
        assertEquals(OperatorCommand.ENGAGE_SNN, inbox.pollCommand());
        assertEquals(1, commands.accepted());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json                                                      | not JSON",
        "[1,2]                                                         | expected a JSON object, found an array",
        "{\"ts_unix_ms\":1718000000000,\"command\":\"land\"}            | field 'id' expected a string of 1-64 characters, found nothing",
        "{\"id\":\"x\",\"ts_unix_ms\":1718000000000}                    | field 'command' expected one of [takeoff, engage_snn, release_snn, land, goto], found nothing",
        "{\"id\":\"x\",\"ts_unix_ms\":1718000000000,\"command\":\"self_destruct\"} | found 'self_destruct'",
        "{\"id\":\"x\",\"ts_unix_ms\":1718000000000,\"command\":\"none\"} | found 'none'",
        "{\"id\":\"x\",\"ts_unix_ms\":1718000000000,\"command\":7}       | found the integer 7",
        "{\"id\":\"x\",\"ts_unix_ms\":1718000000000,\"command\":\"land\",\"p\":1} | unexpected field 'p'",
        "{\"id\":\"x\",\"command\":\"land\"}                             | field 'ts_unix_ms' expected the send time as an integer, Unix time in ms, found nothing",
        "{\"id\":\"x\",\"ts_unix_ms\":\"now\",\"command\":\"land\"}      | field 'ts_unix_ms' expected the send time as an integer, Unix time in ms, found 'now'",
        "{\"id\":\"x\",\"ts_unix_ms\":1.718E12,\"command\":\"land\"}     | field 'ts_unix_ms' expected the send time as an integer, Unix time in ms, found the number",
    })
    void malformedCommandsAreRefusedWithTheReasonAndNeverReachTheLoop(String payload, String reasonPart) {
        Map<?, ?> ack = send(payload.trim());
        assertEquals(false, ack.get("accepted"));
        assertTrue(reason(ack).contains(reasonPart), reason(ack));
        assertEquals(OperatorCommand.NONE, inbox.pollCommand());
    }

    @Test
    void retainedCommandIsNeverExecutedAndTheAckSaysWhy() {
        Map<?, ?> ack = send(command("r-1", NOW_MS, "takeoff"), true);
        assertEquals(false, ack.get("accepted"));
        assertEquals("r-1", ack.get("id"));
        assertTrue(reason(ack).startsWith("message expected without the retain flag, found retained"), reason(ack));
        assertEquals(OperatorCommand.NONE, inbox.pollCommand());
        assertEquals(0, commands.accepted());
    }

    @Test
    void retainedGarbageIsRefusedAsRetained() {
        Map<?, ?> ack = send("not json", true);
        assertTrue(reason(ack).contains("found retained"), reason(ack));
    }

    @Test
    void commandOlderThanTheMaxAgeIsRefusedNamingItsAge() {
        Map<?, ?> ack = send(command("old", NOW_MS - 5_001, "land"));
        assertEquals(false, ack.get("accepted"));
        assertEquals("field 'ts_unix_ms' expected at most 5000 ms old, found 5001 ms old (1717999994999 against the "
                + "vehicle's 1718000000000)", reason(ack));
        assertEquals(OperatorCommand.NONE, inbox.pollCommand());
    }

    @Test
    void commandExactlyAtTheMaxAgeIsStillAccepted() {
        assertEquals(true, send(command("edge", NOW_MS - 5_000, "land")).get("accepted"));
    }

    @Test
    void commandFromTheFutureBeyondTheMaxAgeIsRefused() {
        Map<?, ?> ack = send(command("future", NOW_MS + 60_000, "land"));
        assertEquals(false, ack.get("accepted"));
        assertTrue(reason(ack).contains("found 60000 ms ahead"), reason(ack));
    }

    @Test
    void repeatedIdIsRefusedAsADuplicate() {
        assertEquals(true, send(command("d-1", NOW_MS, "engage_snn")).get("accepted"));
        inbox.pollCommand();
        clockMs += 1_000;
        Map<?, ?> again = send(command("d-1", NOW_MS + 900, "land"));
        assertEquals(false, again.get("accepted"));
        assertTrue(reason(again).startsWith("field 'id' expected an id not used before, found 'd-1' again"),
                reason(again));
        assertEquals(OperatorCommand.NONE, inbox.pollCommand());
    }

    @Test
    void idMemoryIsBoundedAndNeverForgetsAnIdThatCouldStillBeReplayed() {
        for (int i = 0; i < GroundCommands.REMEMBERED_IDS; i++) {
            assertEquals(true, send(command("m-" + i, NOW_MS, "release_snn")).get("accepted"));
        }
        Map<?, ?> full = send(command("m-new", NOW_MS, "release_snn"));
        assertEquals("too many commands: expected at most 256 within 5000 ms, found 257", reason(full));
        // once the remembered ones are too old to pass the age check, they may be forgotten
        clockMs = NOW_MS + 5_001;
        assertEquals(true, send(command("m-new", clockMs, "release_snn")).get("accepted"));
        assertEquals(false, send(command("m-new", clockMs, "release_snn")).get("accepted"));
    }

    @Test
    void withoutAGateEveryCommandIsRefused() {
        GroundCommands closed = new GroundCommands(inbox, 5_000, () -> NOW_MS);
        Map<?, ?> ack = (Map<?, ?>) Json.parse(closed.handle(
                command("g-1", NOW_MS, "takeoff").getBytes(StandardCharsets.UTF_8), false));
        assertEquals(false, ack.get("accepted"));
        assertEquals("command 'takeoff' not accepted now: no flight is in progress (the flight procedure has not "
                + "started)", reason(ack));
        assertEquals(OperatorCommand.NONE, inbox.pollCommand());
    }

    @Test
    void theGatesReasonIsPassedOnAndNothingReachesTheLoop() {
        commands.gateBy(c -> c == OperatorCommand.TAKEOFF ? "the pre-flight checks have not passed" : null);
        Map<?, ?> ack = send(command("t-1", NOW_MS, "takeoff"));
        assertEquals("command 'takeoff' not accepted now: the pre-flight checks have not passed", reason(ack));
        assertEquals(OperatorCommand.NONE, inbox.pollCommand());
        assertEquals(true, send(command("t-2", NOW_MS, "land")).get("accepted"));
    }

    @Test
    void anAcceptedEngageSaysWhatTheHandOverWaitsFor() {
        commands.gateBy(new CommandGate() {
            @Override
            public String refusal(OperatorCommand command) {
                return null;
            }

            @Override
            public String outlook(OperatorCommand command) {
                return command == OperatorCommand.ENGAGE_SNN ? "the hand-over waits for WARMUP: warm-up 40/100 ticks"
                        : null;
            }
        });
        Map<?, ?> ack = send(command("e-1", NOW_MS, "engage_snn"));
        assertEquals(true, ack.get("accepted"));
        assertEquals("forwarded to the supervisor as ENGAGE_SNN; the hand-over waits for WARMUP: warm-up 40/100 ticks",
                reason(ack));
        assertEquals(OperatorCommand.ENGAGE_SNN, inbox.pollCommand());
        assertEquals("forwarded to the supervisor as LAND", reason(send(command("e-2", NOW_MS, "land"))));
    }

    @Test
    void oversizedPayloadIsRefusedUnparsed() {
        byte[] big = new byte[GroundCommands.MAX_PAYLOAD_BYTES + 1];
        Map<?, ?> ack = (Map<?, ?>) Json.parse(commands.handle(big, false));
        assertEquals("payload expected at most 1024 bytes, found 1025", reason(ack));
        assertEquals(OperatorCommand.NONE, inbox.pollCommand());
    }

    @Test
    void invalidUtf8IsRefused() {
        Map<?, ?> ack = (Map<?, ?>) Json.parse(commands.handle(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}, false));
        assertTrue(reason(ack).contains("invalid UTF-8"));
        assertEquals(1, commands.refused());
    }

    @Test
    void maxAgeOutsideItsRangeIsRefusedNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GroundCommands(inbox, 0, () -> NOW_MS));
        assertEquals("ground commands: max age expected 100..600000 ms, found 0", e.getMessage());
    }

    private static String goTo(String id, long tsMs, String target, String yaw) {
        return "{\"id\":\"" + id + "\",\"ts_unix_ms\":" + tsMs + ",\"command\":\"goto\","
                + "\"target_from_home_nwu_m\":" + target + ",\"yaw_deg\":" + yaw + "}";
    }

    /** A gate that takes targets, as a flight in PID or SNN does. */
    private void openForTargets() {
        commands.gateBy(MqttTestSupport.FLYING);
    }

    @Test
    void aBurstBeyondTheLimitIsRefusedOnceAnsweredThenSilentlyUntilTheRateRefillsIt() {
        monoStepNs = 0; // all at the same instant
        for (int i = 0; i < CommandLimits.defaults().commandBurst(); i++) {
            assertEquals(true, send(command("b-" + i, NOW_MS, "release_snn")).get("accepted"));
        }
        Map<?, ?> over = send(command("b-over", NOW_MS, "release_snn"));
        assertEquals(false, over.get("accepted"));
        assertEquals("b-over", over.get("id"));
        assertEquals("too many commands: expected at most 2.0 per second in bursts of at most 5 "
                + "(telemetry.commands_per_s, telemetry.command_burst), found more; wait and send again (until the "
                + "rate allows one, further messages are refused without an answer)", reason(over));
        assertEquals(OperatorCommand.RELEASE_SNN, inbox.pollCommand()); // the burst's, taken by the loop
        // the flood goes on: garbage and commands alike are refused unread and unanswered
        assertEquals(null, commands.handle("not json".getBytes(StandardCharsets.UTF_8), false));
        assertEquals(null, commands.handle(command("b-over-2", NOW_MS, "land").getBytes(StandardCharsets.UTF_8),
                false));
        assertEquals(OperatorCommand.NONE, inbox.pollCommand());
        assertEquals(8, commands.refused() + commands.accepted());
        assertEquals(6, commands.answered());
        monoNs += 500_000_000L; // half a second at 2/s: one token back
        Map<?, ?> later = send(command("b-later", NOW_MS, "release_snn"));
        assertEquals(true, later.get("accepted"));
        assertEquals("forwarded to the supervisor as RELEASE_SNN (before this, 2 messages were refused for the rate "
                + "without an answer)", reason(later));
        assertEquals(false, send(command("b-later-2", NOW_MS, "release_snn")).get("accepted"));
    }

    @Test
    void aGotoInsideTheLimitsMovesTheTargetRelativeToTheTakeoffPoint() {
        openForTargets();
        commands.takeoffPoint(new double[] {10.0, -4.0, 0.25});
        Map<?, ?> ack = send(goTo("t-1", NOW_MS, "[3.0, -1.5, 2.0]", "90"));
        assertEquals(true, ack.get("accepted"), reason(ack));
        assertEquals("new hover target 3.00 m north, -1.50 m west, 2.00 m up from the take-off point, heading 90.0 deg,"
                + " forwarded to the loop", reason(ack));
        io.spikepilot.controller.loop.TargetRequest t = inbox.pollTarget();
        assertEquals(13.0, t.xNwuM(), 1e-12);
        assertEquals(-5.5, t.yNwuM(), 1e-12);
        assertEquals(2.25, t.zNwuM(), 1e-12);
        assertEquals(Math.PI / 2, t.yawNwuRad(), 1e-12);
        assertEquals(OperatorCommand.NONE, inbox.pollCommand());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[15.0, 15.0, 2.0] | 0   | expected a point at most 20.0 m from the take-off point (telemetry.geofence_radius_m), found 21.2 m",
        "[1.0, 1.0, 10.5]  | 0   | expected a height of 0.5 to 10.0 m above the take-off point (telemetry.min_altitude_m, telemetry.max_altitude_m), found 10.5 m",
        "[1.0, 1.0, 0.2]   | 0   | found 0.2 m",
        "[1.0, 1.0]        | 0   | field 'target_from_home_nwu_m' expected [north, west, up] as 3 finite numbers",
        "[1.0, \"a\", 2.0]  | 0   | field 'target_from_home_nwu_m' expected [north, west, up] as 3 finite numbers",
        "[1e400, 0, 2.0]   | 0   | not JSON",
        "\"home\"          | 0   | found 'home'",
        "[1.0, 1.0, 2.0]   | 181 | field 'yaw_deg' expected the heading in degrees, -180 to 180",
        "[1.0, 1.0, 2.0]   | \"n\" | field 'yaw_deg' expected the heading in degrees, -180 to 180 (0 north, counter-clockwise), found 'n'",
    })
    void aGotoOutsideTheGeofenceOrAltitudeLimitsOrMalformedIsRefused(String target, String yaw, String reasonPart) {
        openForTargets();
        commands.takeoffPoint(new double[] {0, 0, 0});
        Map<?, ?> ack = send(goTo("t-bad", NOW_MS, target.trim(), yaw.trim()));
        assertEquals(false, ack.get("accepted"));
        assertTrue(reason(ack).contains(reasonPart), reason(ack));
        assertEquals(null, inbox.pollTarget());
    }

    @Test
    void aGotoBeforeTheTakeoffOrWhenTheFlightTakesNoTargetsIsRefused() {
        openForTargets();
        assertEquals("command 'goto' not accepted now: no take-off point yet (targets are relative to where the "
                + "vehicle took off)", reason(send(goTo("t-early", NOW_MS, "[1, 1, 2]", "0"))));
        commands.gateBy(c -> null); // the default: a gate that takes no targets
        commands.takeoffPoint(new double[] {0, 0, 0});
        assertEquals("command 'goto' not accepted now: this flight takes no targets from the ground",
                reason(send(goTo("t-no", NOW_MS, "[1, 1, 2]", "0"))));
        assertEquals(null, inbox.pollTarget());
    }

    @Test
    void targetFieldsOnAnotherCommandAreUnexpected() {
        Map<?, ?> ack = send("{\"id\":\"x\",\"ts_unix_ms\":" + NOW_MS + ",\"command\":\"land\","
                + "\"target_from_home_nwu_m\":[1,1,1]}");
        assertTrue(reason(ack).startsWith("unexpected field 'target_from_home_nwu_m'"), reason(ack));
    }

    @Test
    void aTimestampThatWouldOverflowTheAgeIsRefusedNotWrappedIntoFresh() {
        assertTrue(reason(send(command("o-1", Long.MIN_VALUE, "land"))).contains("ms old"));
        assertTrue(reason(send(command("o-2", Long.MAX_VALUE, "land"))).contains("ms ahead"));
        assertEquals(OperatorCommand.NONE, inbox.pollCommand());
    }

    @Test
    void limitsOutsideTheirRangesAreRefusedNamingTheConfigField() {
        assertEquals("field 'telemetry.geofence_radius_m' expected a value in (0, 1000], found 0.0",
                assertThrows(IllegalArgumentException.class, () -> new CommandLimits(2, 5, 0, 0.5, 10)).getMessage());
        assertEquals("fields 'telemetry.min_altitude_m' and 'telemetry.max_altitude_m' expected 0 <= min < max <= "
                + "500, found 5.0 and 5.0", assertThrows(IllegalArgumentException.class,
                () -> new CommandLimits(2, 5, 20, 5, 5)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CommandLimits(0, 5, 20, 0.5, 10))
                .getMessage().startsWith("field 'telemetry.commands_per_s'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CommandLimits(2, 0, 20, 0.5, 10))
                .getMessage().startsWith("field 'telemetry.command_burst'"));
    }
}
