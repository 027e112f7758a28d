package io.spikepilot.telemetry;

import io.spikepilot.controller.loop.OperatorInbox;
import io.spikepilot.controller.loop.TargetRequest;
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
 * <pre>{"id": "g-42", "ts_unix_ms": 1718000000000, "command": "land"}
 * {"id": "g-43", "ts_unix_ms": 1718000000100, "command": "goto", "target_from_home_nwu_m": [2.0, -1.5, 3.0],
 *  "yaw_deg": 90}</pre>
 * <ul>
 *   <li>{@code id}: 1-64 characters, new for every command; an id seen among the last {@value #REMEMBERED_IDS}
 *       commands is refused, so a duplicate delivery or a replay never acts twice.</li>
 *   <li>{@code ts_unix_ms}: when the ground sent it, Unix time in ms; refused when further than the configured
 *       max age from the vehicle's clock, in either direction (default {@value #DEFAULT_MAX_AGE_MS} ms). The ground
 *       station's and the vehicle's clocks must agree to well within that (NTP, GPS time).</li>
 *   <li>{@code command}: {@code takeoff}, {@code engage_snn}, {@code release_snn}, {@code land} or {@code goto}.</li>
 *   <li>{@code goto} only: {@code target_from_home_nwu_m}, the new hover point as [north, west, up] metres from the
 *       take-off point, inside the geofence and altitude limits of {@link CommandLimits}; {@code yaw_deg}, the
 *       heading there, degrees in [-180, 180] (0 north, counter-clockwise seen from above).</li>
 * </ul>
 * Every message on {@code cmd} first meets the rate limit ({@link CommandLimits#commandsPerS}, bursts of
 * {@link CommandLimits#commandBurst}), valid or not, so a flood costs bounded work. A retained message is never
 * executed: a retained command would run again whenever anyone subscribes, including the vehicle itself after every
 * reconnect. A well-formed, fresh, new command is then put to the flight's {@link CommandGate} (no take-off before the
 * pre-flight checks passed and the flight procedure armed, no landing while already landing...). Only then does it
 * reach the loop, whose supervisor still decides whether it takes effect (an ENGAGE_SNN before warm-up does nothing
 * yet).
 *
 * <p>Every command gets an acknowledgement {@code {"id", "accepted", "reason"}} ({@code id} null when the payload had
 * none); a refusal's reason names the field, what was expected and what was found. An accepted command's reason adds
 * what the gate says it will meet ({@link CommandGate#outlook}): an {@code engage_snn} that cannot take effect at once
 * says what blocks the hand-over, with its numbers. Called on the telemetry threads (Paho's callback thread for
 * commands, the ring drainer's for the take-off point).
 */
public final class GroundCommands {
    /** Largest accepted payload: commands are tiny, so anything bigger is refused unparsed. */
    public static final int MAX_PAYLOAD_BYTES = 1024;
    /** Default of the max age (and max clock lead) of a command, ms. */
    public static final long DEFAULT_MAX_AGE_MS = 5_000;
    /** How many recent command ids are remembered to refuse duplicates. */
    public static final int REMEMBERED_IDS = 256;

    private static final Set<String> FIELDS = Set.of("id", "ts_unix_ms", "command");
    private static final Set<String> GOTO_FIELDS = Set.of("id", "ts_unix_ms", "command", "target_from_home_nwu_m",
            "yaw_deg");
    private static final String GOTO = "goto";
    private static final String COMMANDS = "[takeoff, engage_snn, release_snn, land, goto]";

    private final OperatorInbox inbox;
    private final long maxAgeMs;
    private final CommandLimits limits;
    private final LongSupplier unixClockMs;
    private final LongSupplier monoClockNs;
    private final CommandRate rate;
    /** id -> its ts_unix_ms, in arrival order; ids whose timestamp has aged out are dropped first. */
    private final LinkedHashMap<String, Long> seenIds = new LinkedHashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    /** Whether the last message was over the rate; while it is, further ones over it go unanswered. */
    private boolean overRate;
    /** Messages refused for the rate without an answer since the last answer. */
    private long unanswered;
    private volatile CommandGate gate = CommandGate.NO_FLIGHT;
    /** The take-off point, NWU m, that goto targets are relative to; null before the first take-off. */
    private volatile double[] homeNwuM;

    /** Commands go to {@code inbox}; max age {@value #DEFAULT_MAX_AGE_MS} ms, default limits, the system clocks. */
    public GroundCommands(OperatorInbox inbox) {
        this(inbox, DEFAULT_MAX_AGE_MS, System::currentTimeMillis);
    }

    /** As {@link #GroundCommands(OperatorInbox, long, CommandLimits, LongSupplier, LongSupplier)} with the default
     *  limits and {@link System#nanoTime}. */
    public GroundCommands(OperatorInbox inbox, long maxAgeMs, LongSupplier unixClockMs) {
        this(inbox, maxAgeMs, CommandLimits.defaults(), unixClockMs, System::nanoTime);
    }

    /**
     * @param inbox       where accepted commands go
     * @param maxAgeMs    a command whose {@code ts_unix_ms} is further than this from {@code unixClockMs}, ms, is
     *                    refused; 100..600000
     * @param limits      rate limit, geofence and altitude limits
     * @param unixClockMs the vehicle's wall clock, Unix time in ms
     * @param monoClockNs a monotonic clock for the rate limit, ns
     */
    public GroundCommands(OperatorInbox inbox, long maxAgeMs, CommandLimits limits, LongSupplier unixClockMs,
                          LongSupplier monoClockNs) {
        if (maxAgeMs < 100 || maxAgeMs > 600_000) {
            throw new IllegalArgumentException("ground commands: max age expected 100..600000 ms, found " + maxAgeMs);
        }
        this.inbox = inbox;
        this.maxAgeMs = maxAgeMs;
        this.limits = limits;
        this.unixClockMs = unixClockMs;
        this.monoClockNs = monoClockNs;
        this.rate = new CommandRate(limits.commandsPerS(), limits.commandBurst());
    }

    /**
     * Lets the flight decide which commands it takes now. Until this is called every command is refused
     * ({@link CommandGate#NO_FLIGHT}).
     */
    public void gateBy(CommandGate gate) {
        this.gate = gate == null ? CommandGate.NO_FLIGHT : gate;
    }

    /** Where the vehicle took off, NWU m: {@code goto} targets are relative to it. Copied. */
    public void takeoffPoint(double[] positionNwuM) {
        homeNwuM = new double[] {positionNwuM[0], positionNwuM[1], positionNwuM[2]};
    }

    /** The max age of a command, ms. */
    public long maxAgeMs() {
        return maxAgeMs;
    }

    /** The rate, geofence and altitude limits. */
    public CommandLimits limits() {
        return limits;
    }

    /**
     * Validates one payload, forwards it if valid, and returns the JSON acknowledgement, or null for a message refused
     * for the rate without an answer. Never throws. Over the rate, the first message is answered ("too many
     * commands ...; further ones are refused unanswered") and the ones after it, unread, are not: a flood must not
     * make the vehicle send as much back. The next answer says how many went unanswered.
     *
     * @param retained the message's MQTT retain flag as delivered (a retained command is never executed)
     */
    public synchronized String handle(byte[] payload, boolean retained) {
        boolean withinRate = rate.tryTake(monoClockNs.getAsLong());
        if (!withinRate && overRate) {
            refused.incrementAndGet();
            unanswered++;
            return null;
        }
        overRate = !withinRate;
        if (payload.length > MAX_PAYLOAD_BYTES) {
            return withinRate ? oversize(payload.length) : refuse(null, rateReason());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            return refuse(null, !withinRate ? rateReason() : retained ? retainedReason()
                    : "payload expected UTF-8 JSON, found invalid UTF-8");
        }
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (IllegalArgumentException e) {
            return refuse(null, !withinRate ? rateReason() : retained ? retainedReason()
                    : "payload is not JSON: " + e.getMessage());
        }
        Map<?, ?> map = parsed instanceof Map<?, ?> m ? m : null;
        Object id = map == null ? null : map.get("id");
        String idText = id instanceof String s && !s.isEmpty() && s.length() <= 64 ? s : null;
        if (!withinRate) {
            return refuse(idText, rateReason());
        }
        if (retained) {
            return refuse(idText, retainedReason());
        }
        if (map == null) {
            return refuse(null, "payload expected a JSON object, found " + kind(parsed));
        }
        if (idText == null) {
            return refuse(null, "field 'id' expected a string of 1-64 characters, found " + describe(id));
        }
        Object command = map.get("command");
        boolean isGoto = GOTO.equals(command);
        for (Object key : map.keySet()) {
            if (!(isGoto ? GOTO_FIELDS : FIELDS).contains(String.valueOf(key))) {
                return refuse(idText, "unexpected field '" + key + "' (" + (isGoto ? "a goto has only 'id', "
                        + "'ts_unix_ms', 'command', 'target_from_home_nwu_m' and 'yaw_deg')"
                        : "a command has only 'id', 'ts_unix_ms' and 'command'; 'goto' also takes a target)"));
            }
        }
        Object ts = map.get("ts_unix_ms");
        if (!(ts instanceof Long || ts instanceof Integer)) {
            return refuse(idText, "field 'ts_unix_ms' expected the send time as an integer, Unix time in ms, found "
                    + describe(ts));
        }
        long tsMs = ((Number) ts).longValue();
        long nowMs = unixClockMs.getAsLong();
        // saturating: an adversarial timestamp near Long.MIN_VALUE must not wrap around into "fresh"
        long ageMs = saturatingSubtract(nowMs, tsMs);
        if (ageMs > maxAgeMs) {
            return refuse(idText, "field 'ts_unix_ms' expected at most " + maxAgeMs + " ms old, found "
                    + ageMs + " ms old (" + tsMs + " against the vehicle's " + nowMs + ")");
        }
        if (-ageMs > maxAgeMs) {
            return refuse(idText, "field 'ts_unix_ms' expected at most " + maxAgeMs + " ms ahead of the vehicle's "
                    + "clock, found " + saturatingSubtract(tsMs, nowMs) + " ms ahead (" + tsMs + " against " + nowMs
                    + "): do the ground's and the vehicle's clocks agree?");
        }
        if (isGoto) {
            return target(idText, map, tsMs, nowMs);
        }
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

    /** A goto: schema, geofence and altitude, then the gate and the take-off point, then the loop's target. */
    private String target(String idText, Map<?, ?> map, long tsMs, long nowMs) {
        Object target = map.get("target_from_home_nwu_m");
        double[] offset = new double[3];
        if (!(target instanceof java.util.List<?> list) || list.size() != 3 || !finiteNumbers(list, offset)) {
            return refuse(idText, "field 'target_from_home_nwu_m' expected [north, west, up] as 3 finite numbers, "
                    + "metres from the take-off point, found " + describe(target));
        }
        Object yaw = map.get("yaw_deg");
        double yawDeg = yaw instanceof Number n ? n.doubleValue() : Double.NaN;
        if (!(yawDeg >= -180 && yawDeg <= 180)) {
            return refuse(idText, "field 'yaw_deg' expected the heading in degrees, -180 to 180 (0 north, "
                    + "counter-clockwise), found " + describe(yaw));
        }
        String outside = limits.targetProblem(offset[0], offset[1], offset[2]);
        if (outside != null) {
            return refuse(idText, outside);
        }
        String memoryProblem = remember(idText, tsMs, nowMs);
        if (memoryProblem != null) {
            return refuse(idText, memoryProblem);
        }
        String notNow = gate.targetRefusal();
        double[] home = homeNwuM;
        if (notNow == null && home == null) {
            notNow = "no take-off point yet (targets are relative to where the vehicle took off)";
        }
        if (notNow != null) {
            return refuse(idText, "command 'goto' not accepted now: " + notNow);
        }
        inbox.submitTarget(new TargetRequest(home[0] + offset[0], home[1] + offset[1], home[2] + offset[2],
                Math.toRadians(yawDeg)));
        accepted.incrementAndGet();
        return ack(idText, true, String.format(Locale.ROOT, "new hover target %.2f m north, %.2f m west, %.2f m up "
                + "from the take-off point, heading %.1f deg, forwarded to the loop", offset[0], offset[1], offset[2],
                yawDeg));
    }

    private static boolean finiteNumbers(java.util.List<?> list, double[] out) {
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                return false;
            }
            out[i] = n.doubleValue();
        }
        return true;
    }

    private static long saturatingSubtract(long a, long b) {
        long d = a - b;
        // overflow iff the operands' signs differ and the result's sign differs from a's
        if (((a ^ b) & (a ^ d)) < 0) {
            return a >= 0 ? Long.MAX_VALUE : Long.MIN_VALUE + 1;
        }
        return d;
    }

    private String rateReason() {
        return String.format(Locale.ROOT, "too many commands: expected at most %.1f per second in bursts of at most "
                + "%d (telemetry.commands_per_s, telemetry.command_burst), found more; wait and send again (until the "
                + "rate allows one, further messages are refused without an answer)",
                limits.commandsPerS(), limits.commandBurst());
    }

    /**
     * The acknowledgement for a payload too big to be read at all ({@code payloadBytes} long), as the MQTT client
     * reports one it skipped.
     */
    public synchronized String oversize(long payloadBytes) {
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

    private String ack(String id, boolean ok, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id == null ? Json.NULL : id);
        m.put("accepted", ok);
        m.put("reason", unanswered == 0 ? reason : reason + " (before this, " + unanswered + " message"
                + (unanswered == 1 ? " was" : "s were") + " refused for the rate without an answer)");
        unanswered = 0;
        answered.incrementAndGet();
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

    /** Acknowledgements given (every message but those refused unanswered for the rate). */
    public long answered() {
        return answered.get();
    }

    /** Commands refused. */
    public long refused() {
        return refused.get();
    }
}
