package io.spikepilot.controller;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.action.AttitudeLimits;
import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.pid.PositionPid;
import io.spikepilot.controller.pid.PositionPidGains;
import io.spikepilot.controller.state.AttitudeSetpoint;
import io.spikepilot.controller.state.VehicleState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Replay must reproduce a flight to the bit on x86 and on ARM. The SNN is integer-only; the rest of the tick
 * (quaternions, observation, decoder, PID, supervisor) is double arithmetic, which is reproducible everywhere for
 * + − × ÷ and sqrt (IEEE, correctly rounded), but not for {@code Math.sin}, {@code cos}, {@code tan}, {@code exp},
 * {@code log}, {@code pow}...: HotSpot replaces them with per-platform intrinsics that may differ from each other and
 * from fdlibm in the last bit. {@link StrictMath} is fdlibm everywhere.
 *
 * <p>Two guards: a scan of every controller source for a transcendental called through {@code Math} (the whole
 * module is the flight core; the tick reaches most of it), and golden bits of the tick's trigonometry at inputs where
 * this x86 JVM's {@code Math.sin}/{@code cos} intrinsics differ from fdlibm, so reintroducing {@code Math} there
 * changes the bits even on the machine that runs the test.
 */
class StrictMathOnTheTickTest {
    /** The functions whose {@code Math} results are not specified to the bit. */
    private static final String FUNCTIONS =
            "sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh|exp|expm1|log|log10|log1p|pow|cbrt|hypot";
    private static final Pattern MATH_CALL =
            Pattern.compile("(?<![\\w$])(?:java\\.lang\\.)?Math\\s*(?:\\.|::)\\s*(" + FUNCTIONS + ")\\b");
    private static final Pattern STATIC_IMPORT =
            Pattern.compile("import\\s+static\\s+java\\.lang\\.Math\\s*\\.\\s*(\\*|" + FUNCTIONS + ")\\s*;");

    /**
     * Files (relative to the package root) allowed a named {@code Math} function because it never runs on the tick and
     * its result is not written anywhere a replay or another machine reads. None today: even the quantizer, which runs
     * at calibration time, uses {@code StrictMath} so that calibrating on a Pi and on a PC picks the same scales.
     */
    private static final Map<String, Set<String>> OFF_TICK = Map.of();

    private static final Path CONTROLLER_SOURCES = Path.of("src", "main", "java", "io", "spikepilot", "controller");

    @Test
    void noControllerSourceCallsATranscendentalThroughMath() throws IOException {
        assertTrue(Files.isDirectory(CONTROLLER_SOURCES), "run from the controller module: "
                + CONTROLLER_SOURCES.toAbsolutePath() + " is missing");
        List<String> violations = new ArrayList<>();
        int files = 0;
        try (Stream<Path> walk = Files.walk(CONTROLLER_SOURCES)) {
            for (Path file : (Iterable<Path>) walk.filter(p -> p.toString().endsWith(".java"))::iterator) {
                files++;
                String relative = CONTROLLER_SOURCES.relativize(file).toString().replace('\\', '/');
                Set<String> allowed = OFF_TICK.getOrDefault(relative, Set.of());
                for (String call : nonStrictCalls(Files.readString(file, StandardCharsets.UTF_8))) {
                    if (!allowed.contains(call.substring(call.lastIndexOf('.') + 1))) {
                        violations.add(relative + ": " + call);
                    }
                }
            }
        }
        assertTrue(files > 50, "expected the controller's sources, found " + files + " files");
        assertEquals(List.of(), violations, "use StrictMath for these (Math's results differ between platforms, "
                + "which breaks bit-exact replay)");
    }

    @Test
    void theScanFindsMathAtan2AndItsDisguises() {
        assertEquals(List.of("line 1: Math.atan2"), nonStrictCalls("double a = Math.atan2(y, x);\n"));
        assertEquals(List.of("line 2: Math.cos"), nonStrictCalls("\nreturn java.lang.Math.cos(t);"));
        assertEquals(List.of("line 1: Math.exp"), nonStrictCalls("DoubleUnaryOperator f = Math::exp;"));
        assertEquals(List.of("line 1: static import of Math.*"), nonStrictCalls("import static java.lang.Math.*;"));
        assertEquals(List.of("line 1: static import of Math.sin"),
                nonStrictCalls("import static java.lang.Math.sin;"));
    }

    @Test
    void theScanIgnoresStrictMathExactMathFunctionsCommentsAndStrings() {
        String source = "double a = StrictMath.atan2(y, x) + Math.sqrt(z) + Math.abs(w) + Math.fma(a, b, c);\n"
                + "// Math.sin(x) would differ\n"
                + "/* Math.cos(x) */ String s = \"Math.tan(x)\"; char c = '\"';\n"
                + "double b = StrictMath.exp(1) + MyMath.log(2);\n";
        assertEquals(List.of(), nonStrictCalls(source));
    }

    /**
     * fromEulerZyx at half-angles (0.639…, −0.493…, 0.208…) where this x86 JVM's Math.sin and Math.cos intrinsics
     * both differ from fdlibm in the last bit; all four components come out differently through Math.
     */
    @Test
    void quaternionFromEulerHasFdlibmBits() {
        double[] q = new double[4];
        Quaternions.fromEulerZyx(2 * 0.639472963401678, 2 * -0.49338516927876985, 2 * 0.20884936214715674, q);
        assertBits(new long[] {0x3fe43f8420179e77L, 0x3fe2f99cfae95a62L, 0xbfd0d1aa81dc1f00L, 0x3fdb12c7bcd5a6caL},
                q);
    }

    /** The PID's heading rotation at a yaw where this JVM's Math.sin/cos differ from fdlibm. */
    @Test
    void pidSetpointHasFdlibmBits() {
        AttitudeLimits limits = new AttitudeLimits(0.5, 0.1, 0.9, Math.toRadians(30), Math.toRadians(90));
        PositionPidGains gains =
                new PositionPidGains(1.0, 1.0, 1.8, 4.0, 0.4, 2.0, 0.0, 0.0, 2.0, 1.5, 1.0, 3.0, 5.0, 2.0);
        PositionPid pid = new PositionPid(gains, limits, 0.01);
        VehicleState state = new VehicleState();
        state.resetAtRest(0);
        Quaternions.fromEulerZyx(0.05, -0.03, -0.4837342996876808, state.attitudeNwuFlu);
        AttitudeSetpoint out = new AttitudeSetpoint();

        int flags = pid.compute(state, new double[] {0.7, -0.4, 0.3}, 0.25, out);

        assertEquals(PositionPid.OK, flags);
        assertEquals(0x3fe227464e6a9520L, Double.doubleToRawLongBits(out.thrustNormalized));
        assertEquals(0x3ff77ac05aa395eeL, Double.doubleToRawLongBits(out.bodyRateFluRadps[2]));
        assertBits(new long[] {0x3feefbba8a76bbc9L, 0x3f948f01d8c1fed6L, 0x3fb212569b22e086L, 0xbfce99560e3fa0f8L},
                out.attitudeNwuFlu);
    }

    private static void assertBits(long[] expected, double[] actual) {
        long[] bits = new long[actual.length];
        for (int i = 0; i < actual.length; i++) {
            bits[i] = Double.doubleToRawLongBits(actual[i]);
        }
        assertArrayEquals(expected, bits, () -> "expected fdlibm's bits, found " + java.util.Arrays.toString(actual));
    }

    /** Every transcendental reached through {@code Math} in {@code source}, as "line N: Math.fn". */
    static List<String> nonStrictCalls(String source) {
        String code = withoutCommentsAndLiterals(source);
        List<String> found = new ArrayList<>();
        Matcher imports = STATIC_IMPORT.matcher(code);
        while (imports.find()) {
            found.add("line " + lineOf(code, imports.start()) + ": static import of Math." + imports.group(1));
        }
        Matcher calls = MATH_CALL.matcher(code);
        while (calls.find()) {
            if (code.startsWith("import", lineStart(code, calls.start()))) {
                continue;
            }
            found.add("line " + lineOf(code, calls.start()) + ": Math." + calls.group(1));
        }
        return found;
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int lineStart(String text, int index) {
        int start = text.lastIndexOf('\n', index - 1) + 1;
        while (start < index && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        return start;
    }

    /** Blanks comments, string and char literals (keeping line breaks) so only code is scanned. */
    private static String withoutCommentsAndLiterals(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                while (i < s.length() && s.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
                blank(s, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < s.length() && s.charAt(end) != c && s.charAt(end) != '\n') {
                    end += s.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, s.length());
                blank(s, i, end, out);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String s, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) {
            out.append(s.charAt(k) == '\n' ? '\n' : ' ');
        }
    }
}
