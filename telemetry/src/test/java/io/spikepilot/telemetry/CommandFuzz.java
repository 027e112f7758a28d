package io.spikepilot.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Seeded adversarial command payloads: random bytes (invalid UTF-8 included), valid commands with bytes flipped,
 * inserted or cut, well-formed JSON with hostile values (wrong types, huge and negative numbers, long and odd ids,
 * deep nesting, extra and repeated fields, targets outside every limit), and payloads just over the size limit. A
 * share of them is valid, so the accepting path runs too.
 */
final class CommandFuzz {
    private static final String[] COMMANDS = {"takeoff", "engage_snn", "release_snn", "land", "goto", "LAND", "",
        "self_destruct", "none", "land\\u0000", "ｌａｎｄ"};
    private static final String SYNTAX = "{}[]\",:\\0e-";
    private final SplittableRandom random;
    private final java.util.function.LongSupplier clockMs;
    private long nowMs;
    private int serial;

    /** @param clockMs the vehicle's clock, Unix ms, that valid timestamps are drawn around */
    CommandFuzz(long seed, java.util.function.LongSupplier clockMs) {
        this.random = new SplittableRandom(seed);
        this.clockMs = clockMs;
    }

    byte[] next() {
        serial++;
        nowMs = clockMs.getAsLong();
        return switch (random.nextInt(8)) {
            case 0 -> randomBytes(random.nextInt(0, 1100));
            case 1 -> mutate(valid().getBytes(StandardCharsets.UTF_8));
            case 2 -> nested(random.nextInt(1, 120)).getBytes(StandardCharsets.UTF_8);
            case 3 -> oversize();
            case 4 -> valid().getBytes(StandardCharsets.UTF_8);
            default -> hostile().getBytes(StandardCharsets.UTF_8);
        };
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private String valid() {
        String command = COMMANDS[random.nextInt(5)];
        String base = "{\"id\":\"f-" + serial + "\",\"ts_unix_ms\":" + (nowMs - random.nextInt(4_000))
                + ",\"command\":\"" + command + "\"";
        if (command.equals("goto")) {
            base += ",\"target_from_home_nwu_m\":[" + (random.nextDouble() * 30 - 15) + ","
                    + (random.nextDouble() * 30 - 15) + "," + random.nextDouble() * 12 + "],\"yaw_deg\":"
                    + (random.nextInt(400) - 200);
        }
        return base + "}";
    }

    private byte[] mutate(byte[] b) {
        int edits = random.nextInt(1, 6);
        for (int i = 0; i < edits && b.length > 0; i++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(3)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b = java.util.Arrays.copyOf(b, at);
                default -> {
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, at);
                    longer[at] = (byte) SYNTAX.charAt(random.nextInt(SYNTAX.length()));
                    System.arraycopy(b, at, longer, at + 1, b.length - at);
                    b = longer;
                }
            }
        }
        return b;
    }

    private String nested(int depth) {
        StringBuilder s = new StringBuilder();
        char open = random.nextBoolean() ? '[' : '{';
        for (int i = 0; i < depth; i++) {
            s.append(open == '[' ? "[" : "{\"id\":");
        }
        s.append("1");
        for (int i = 0; i < depth; i++) {
            s.append(open == '[' ? "]" : "}");
        }
        return s.toString();
    }

    private byte[] oversize() {
        String body = valid();
        StringBuilder s = new StringBuilder(body.substring(0, body.length() - 1)).append(",\"pad\":\"");
        int target = GroundCommands.MAX_PAYLOAD_BYTES + 1 + random.nextInt(2_000);
        while (s.length() < target) {
            s.append('x');
        }
        return s.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private String hostile() {
        Object[] values = {"null", "true", "-1", "0", "9223372036854775807", "-9223372036854775808",
            "99999999999999999999999", "1e308", "-0.0", "\"\"", "\"" + "i".repeat(65) + "\"", "\"\\ud800\"",
            "[]", "{}", "[1,2,3]", "[1e308,1e308,1e308]", "[\"NaN\",0,1]", "[0,0,-5]", "[0,0,2,4]",
            "\"" + nowMs + "\"", Long.toString(nowMs), Long.toString(nowMs + 10_000_000), "\"goto\"", "\"land\""};
        String[] fields = {"id", "ts_unix_ms", "command", "target_from_home_nwu_m", "yaw_deg", "extra", "ID", ""};
        StringBuilder s = new StringBuilder("{");
        int n = random.nextInt(0, 7);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                s.append(',');
            }
            s.append('"').append(fields[random.nextInt(fields.length)]).append("\":")
                    .append(values[random.nextInt(values.length)]);
        }
        return s.append('}').toString();
    }
}
