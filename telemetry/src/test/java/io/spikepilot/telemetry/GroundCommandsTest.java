package io.spikepilot.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.loop.OperatorInbox;
import io.spikepilot.controller.policy.Json;
import io.spikepilot.controller.supervisor.OperatorCommand;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GroundCommandsTest {
    private final OperatorInbox inbox = new OperatorInbox();
    private final GroundCommands commands = new GroundCommands(inbox);

    private Map<?, ?> send(String payload) {
        return (Map<?, ?>) Json.parse(commands.handle(payload.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void validCommandReachesTheInboxAndIsAcknowledged() {
        Map<?, ?> ack = send("{\"id\":\"c-1\",\"command\":\"engage_snn\"}");
        assertEquals(true, ack.get("accepted"));
        assertEquals("c-1", ack.get("id"));
        assertEquals(OperatorCommand.ENGAGE_SNN, inbox.pollCommand());
        assertEquals(1, commands.accepted());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json                                   | not JSON",
        "[1,2]                                      | expected a JSON object, found an array",
        "{\"command\":\"land\"}                      | field 'id'",
        "{\"id\":\"x\"}                              | field 'command'",
        "{\"id\":\"x\",\"command\":\"self_destruct\"} | found 'self_destruct'",
        "{\"id\":\"x\",\"command\":\"none\"}         | found 'none'",
        "{\"id\":\"x\",\"command\":\"land\",\"p\":1} | unexpected field 'p'",
        "{\"id\":\"x\",\"command\":7}                | found a Long",
    })
    void malformedCommandsAreRefusedWithTheReasonAndNeverReachTheLoop(String payload, String reasonPart) {
        Map<?, ?> ack = send(payload.trim());
        assertEquals(false, ack.get("accepted"));
        assertTrue(((String) ack.get("reason")).contains(reasonPart), (String) ack.get("reason"));
        assertEquals(OperatorCommand.NONE, inbox.pollCommand());
    }

    @Test
    void oversizedPayloadIsRefusedUnparsed() {
        byte[] big = new byte[GroundCommands.MAX_PAYLOAD_BYTES + 1];
        Map<?, ?> ack = (Map<?, ?>) Json.parse(commands.handle(big));
        assertTrue(((String) ack.get("reason")).contains("at most 1024 bytes, found 1025"));
        assertEquals(OperatorCommand.NONE, inbox.pollCommand());
    }

    @Test
    void invalidUtf8IsRefused() {
        Map<?, ?> ack = (Map<?, ?>) Json.parse(commands.handle(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}));
        assertTrue(((String) ack.get("reason")).contains("invalid UTF-8"));
        assertEquals(1, commands.refused());
    }
}
