package io.spikepilot.telemetry;

import io.spikepilot.controller.loop.OperatorInbox;
import io.spikepilot.controller.policy.Json;
import io.spikepilot.controller.supervisor.OperatorCommand;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Validates ground commands and forwards the accepted ones to the loop's {@link OperatorInbox}.
 *
 * <p>A command is a JSON object of at most {@value #MAX_PAYLOAD_BYTES} bytes, published without the retain flag:
 * <pre>{"id": "g-42", "ts_unix_ms": 1718000000000, "command": "land"}</pre>
 * <ul>
 *   <li>{@code id}: 1-64 characters, new for every command; an id seen among the last {@value #REMEMBERED_IDS}
 *       commands is refused, so a duplicate delivery or a replay never acts twice.</li>
 *   <li>{@code ts_unix_ms}: when the ground sent it, Unix time in ms; refused when further than the configured
 *       max age from the vehicle's clock, in either direction (default {@value #DEFAULT_MAX_AGE_MS} ms). The ground
 *       station's and the vehicle's clocks must agree to well within that (NTP, GPS time).</li>
 *   <li>{@code command}: {@code takeoff}, {@code engage_snn}, {@code release_snn} or {@code land}.</li>
 * </ul>
 * A retained message is never executed: a retained command would run again whenever anyone subscribes, including the
 * vehicle itself after every reconnect. A well-formed, fresh, new command is then put to the flight's
 * {@link CommandGate} (no take-off before the pre-flight checks passed and the flight procedure armed, no landing
 * while already landing...). Only then does it reach the loop, whose supervisor still decides whether it takes effect
 * (an ENGAGE_SNN before warm-up does nothing yet).
 *
 * <p>Every command gets an acknowledgement {@code {"id", "accepted", "reason"}} ({@code id} null when the payload had
 * none); a refusal's reason names the field, what was expected and what was found. An accepted command's reason adds
 * what the gate says it will meet ({@link CommandGate#outlook}): an {@code engage_snn} that cannot take effect at once
 * says what blocks the hand-over, with its numbers. Called on the telemetry thread.
 */
public final class GroundCommands {
    /** Largest accepted payload: commands are tiny, so anything bigger is refused unparsed. */
    public static final int MAX_PAYLOAD_BYTES = 1024;
    /** Default of the max age (and max clock lead) of a command, ms. */
    public static final long DEFAULT_MAX_AGE_MS = 5_000;
    /** How many recent command ids are remembered to refuse duplicates. */
    public static final int REMEMBERED_IDS = 256;

    private static final Set<String> FIELDS = Set.of("id", "ts_unix_ms", "command");
    private static final String COMMANDS = "[takeoff, engage_snn, release_snn, land]";

    private final OperatorInbox inbox;
    private final long maxAgeMs;
    private final LongSupplier unixClockMs;
    /** id -> its ts_unix_ms, in arrival order; ids whose timestamp has aged out are dropped first. */
    private final LinkedHashMap<String, Long> seenIds = new LinkedHashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile CommandGate gate = CommandGate.NO_FLIGHT;

    /** Commands go to {@code inbox}; max age {@value #DEFAULT_MAX_AGE_MS} ms, the system clock. */
    public GroundCommands(OperatorInbox inbox) {
        this(inbox, DEFAULT_MAX_AGE_MS, System::currentTimeMillis);
    }

    /**
     * @param inbox       where accepted commands go
     * @param maxAgeMs    a command whose {@code ts_unix_ms} is further than this from {@code unixClockMs}, ms, is
     *                    refused; 100..600000
     * @param unixClockMs the vehicle's wall clock, Unix time in ms
     */
    public GroundCommands(OperatorInbox inbox, long maxAgeMs, LongSupplier unixClockMs) {
        if (maxAgeMs < 100 || maxAgeMs > 600_000) {
            throw new IllegalArgumentException("ground commands: max age expected 100..600000 ms, found " + maxAgeMs);
        }
        this.inbox = inbox;
        this.maxAgeMs = maxAgeMs;
        this.unixClockMs = unixClockMs;
    }

    /**
     * Lets the flight decide which commands it takes now. Until this is called every command is refused
     * ({@link CommandGate#NO_FLIGHT}).
     */
    public void gateBy(CommandGate gate) {
        this.gate = gate == null ? CommandGate.NO_FLIGHT : gate;
    }

    /** The max age of a command, ms. */
    public long maxAgeMs() {
        return maxAgeMs;
    }

    /**
     * Validates one payload, forwards it if valid, and returns the JSON acknowledgement.
     *
     * @param retained the message's MQTT retain flag as delivered (a retained command is never executed)
     */
    public synchronized String handle(byte[] payload, boolean retained) {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            return oversize(payload.length);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            return refuse(null, retained ? retainedReason() : "payload expected UTF-8 JSON, found invalid UTF-8");
        }
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (IllegalArgumentException e) {
            return refuse(null, retained ? retainedReason() : "payload is not JSON: " + e.getMessage());
        }
        Map<?, ?> map = parsed instanceof Map<?, ?> m ? m : null;
        Object id = map == null ? null : map.get("id");
        String idText = id instanceof String s && !s.isEmpty() && s.length() <= 64 ? s : null;
        if (retained) {
            return refuse(idText, retainedReason());
        }
        if (map == null) {
            return refuse(null, "payload expected a JSON object, found " + kind(parsed));
        }
        if (idText == null) {
            return refuse(null, "field 'id' expected a string of 1-64 characters, found " + describe(id));
        }
        for (Object key : map.keySet()) {
            if (!FIELDS.contains(String.valueOf(key))) {
                return refuse(idText, "unexpected field '" + key + "' (a command has only 'id', 'ts_unix_ms' and "
                        + "'command')");
            }
        }
        Object ts = map.get("ts_unix_ms");
        if (!(ts instanceof Long || ts instanceof Integer)) {
            return refuse(idText, "field 'ts_unix_ms' expected the send time as an integer, Unix time in ms, found "
                    + describe(ts));
        }
        long tsMs = ((Number) ts).longValue();
        long nowMs = unixClockMs.getAsLong();
        if (nowMs - tsMs > maxAgeMs) {
            return refuse(idText, "field 'ts_unix_ms' expected at most " + maxAgeMs + " ms old, found "
                    + (nowMs - tsMs) + " ms old (" + tsMs + " against the vehicle's " + nowMs + ")");
        }
        if (tsMs - nowMs > maxAgeMs) {
            return refuse(idText, "field 'ts_unix_ms' expected at most " + maxAgeMs + " ms ahead of the vehicle's "
                    + "clock, found " + (tsMs - nowMs) + " ms ahead (" + tsMs + " against " + nowMs
                    + "): do the ground's and the vehicle's clocks agree?");
        }
        Object command = map.get("command");
        OperatorCommand c = command instanceof String s ? parseCommand(s) : null;
        if (c == null) {
            return refuse(idText, "field 'command' expected one of " + COMMANDS + ", found " + describe(command));
        }
        String memoryProblem = remember(idText, tsMs, nowMs);
        if (memoryProblem != null) {
            return refuse(idText, memoryProblem);
        }
        String notNow = gate.refusal(c);
        if (notNow != null) {
            return refuse(idText, "command '" + c.name().toLowerCase(Locale.ROOT) + "' not accepted now: " + notNow);
        }
        inbox.submit(c);
        accepted.incrementAndGet();
        String outlook = gate.outlook(c);
        return ack(idText, true, "forwarded to the supervisor as " + c.name()
                + (outlook == null ? "" : "; " + outlook));
    }

    /**
     * The acknowledgement for a payload too big to be read at all ({@code payloadBytes} long), as the MQTT client
     * reports one it skipped.
     */
    public String oversize(long payloadBytes) {
        return refuse(null, "payload expected at most " + MAX_PAYLOAD_BYTES + " bytes, found " + payloadBytes);
    }

    /**
     * Records {@code id}; null when it is new, else why the command is refused. Memory stays bounded: ids whose
     * timestamps have aged out are forgotten (their commands are refused as stale anyway); when the memory is still
     * full, the command is refused rather than forgetting an id that could still be replayed.
     */
    private String remember(String id, long tsMs, long nowMs) {
        if (seenIds.containsKey(id)) {
            return "field 'id' expected an id not used before, found '" + id + "' again (a duplicate or a replay; "
                    + "the first one was answered already)";
        }
        if (seenIds.size() >= REMEMBERED_IDS) {
            for (Iterator<Long> it = seenIds.values().iterator(); it.hasNext(); ) {
                if (nowMs - it.next() > maxAgeMs) {
                    it.remove();
                }
            }
        }
        if (seenIds.size() >= REMEMBERED_IDS) {
            return "too many commands: expected at most " + REMEMBERED_IDS + " within " + maxAgeMs + " ms, found "
                    + (seenIds.size() + 1);
        }
        seenIds.put(id, tsMs);
        return null;
    }

    private static String retainedReason() {
        return "message expected without the retain flag, found retained: a retained command would run again on "
                + "every subscription and reconnection, so it is never executed (clear it by publishing an empty "
                + "retained message to the topic)";
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
        if (v instanceof Map<?, ?>) {
            return "an object";
        }
        if (v instanceof Long || v instanceof Integer) {
            return "the integer " + v;
        }
        if (v instanceof Number) {
            return "the number " + v;
        }
        if (v instanceof Boolean) {
            return "the boolean " + v;
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
