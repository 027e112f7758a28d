package io.spikepilot.telemetry;

import io.spikepilot.controller.loop.OperatorInbox;
import io.spikepilot.controller.policy.Json;
import io.spikepilot.controller.supervisor.OperatorCommand;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Validates ground commands and forwards the accepted ones to the loop's {@link OperatorInbox}.
 *
 * <p>A command is a JSON object {@code {"id": "<up to 64 chars>", "command": "takeoff|engage_snn|release_snn|land"}}
 * of at most {@value #MAX_PAYLOAD_BYTES} bytes. Anything else is refused with a reason and never reaches the loop. The
 * supervisor still decides whether an accepted command takes effect (an ENGAGE_SNN before warm-up does nothing).
 * Every command gets an acknowledgement {@code {"id", "accepted", "reason"}}.
 */
public final class GroundCommands {
    /** Largest accepted payload: commands are tiny, so anything bigger is refused unparsed. */
    public static final int MAX_PAYLOAD_BYTES = 1024;

    private final OperatorInbox inbox;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    /** Commands go to {@code inbox}. */
    public GroundCommands(OperatorInbox inbox) {
        this.inbox = inbox;
    }

    /** Validates one payload, forwards it if valid, and returns the JSON acknowledgement. */
    public String handle(byte[] payload) {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            return refuse(null, "payload expected at most " + MAX_PAYLOAD_BYTES + " bytes, found " + payload.length);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            return refuse(null, "payload expected UTF-8 JSON, found invalid UTF-8");
        }
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (IllegalArgumentException e) {
            return refuse(null, "payload is not JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            return refuse(null, "payload expected a JSON object, found " + kind(parsed));
        }
        Object id = map.get("id");
        if (!(id instanceof String idText) || idText.isEmpty() || idText.length() > 64) {
            return refuse(null, "field 'id' expected a string of 1-64 characters, found " + describe(id));
        }
        Object command = map.get("command");
        if (!(command instanceof String commandText)) {
            return refuse(idText, "field 'command' expected one of [takeoff, engage_snn, release_snn, land], found "
                    + describe(command));
        }
        for (String key : map.keySet().stream().map(String::valueOf).toList()) {
            if (!key.equals("id") && !key.equals("command")) {
                return refuse(idText, "unexpected field '" + key + "' (a command has only 'id' and 'command')");
            }
        }
        OperatorCommand c = parseCommand(commandText);
        if (c == null) {
            return refuse(idText, "field 'command' expected one of [takeoff, engage_snn, release_snn, land], found '"
                    + commandText + "'");
        }
        inbox.submit(c);
        accepted.incrementAndGet();
        return ack(idText, true, "forwarded to the supervisor as " + c.name());
    }

    private static OperatorCommand parseCommand(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        for (OperatorCommand c : OperatorCommand.values()) {
            if (c != OperatorCommand.NONE && c.name().equals(upper)) {
                return c;
            }
        }
        return null;
    }

    private String refuse(String id, String reason) {
        refused.incrementAndGet();
        return ack(id, false, reason);
    }

    private static String ack(String id, boolean ok, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id == null ? Json.NULL : id);
        m.put("accepted", ok);
        m.put("reason", reason);
        return Json.write(m);
    }

    private static String kind(Object v) {
        if (v instanceof java.util.List<?>) {
            return "an array";
        }
        return v instanceof String ? "a string" : (v == Json.NULL ? "null" : "a " + v.getClass().getSimpleName());
    }

    private static String describe(Object v) {
        return v == null ? "nothing" : (v instanceof String s ? "'" + s + "'" : kind(v));
    }

    /** Commands forwarded to the loop. */
    public long accepted() {
        return accepted.get();
    }

    /** Commands refused. */
    public long refused() {
        return refused.get();
    }
}
