package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.observation.ObservationBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code analyze bits} over a flight recorded in lockstep with the shipped fixed-point SNN: the digests repeat run to
 * run, and a changed recorded observation shows in the replay and, once it changes an input code, in the network's
 * digest.
 */
class AnalyzeBitsCommandTest {
    private static final Path EXAMPLE = Path.of("..", "src", "config", "flight.yaml");
    private static final Path POLICY = Path.of("src", "main", "resources", "policies",
            "x500-attitude-bc-fixed.safetensors");
    private static final Pattern NETWORK = Pattern.compile("(?m)^network: (\\d+) steps .*; (sha256:[0-9a-f]{64})$");
    private static final Pattern REPLAY = Pattern.compile("(?m)^replay: +(\\d+) ticks, (.*); records "
            + "(sha256:[0-9a-f]{64})$");

    @TempDir
    Path tmp;

    private String[] bits(Path trace, String... more) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SpikepilotCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> args = new java.util.ArrayList<>(List.of("analyze", "bits", "--trace", trace.toString(),
                "--policy", POLICY.toString(), "--config", EXAMPLE.toString()));
        args.addAll(List.of(more));
        int status = cli.execute(args.toArray(new String[0]));
        return new String[] {Integer.toString(status), out.toString(), err.toString()};
    }

    private static Matcher find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertTrue(m.find(), text);
        return m;
    }

    @Test
    void theDigestsRepeatAndOneFlippedBitChangesThem() throws Exception {
        Path trace = LockstepFlight.fly(EXAMPLE, POLICY.toString(), tmp.resolve("flight.trace.csv"), 1200);
        String[] first = bits(trace);
        String[] second = bits(trace);
        assertEquals("0", first[0], first[2] + first[1]);
        Matcher net = find(NETWORK, first[1]);
        Matcher replay = find(REPLAY, first[1]);
        assertEquals("1200", net.group(1));
        assertEquals("bit-identical to the trace", replay.group(2));
        assertEquals(net.group(2), find(NETWORK, second[1]).group(2));
        assertEquals(replay.group(3), find(REPLAY, second[1]).group(3));

        // the first 600 ticks digest to something else than all 1200
        String[] head = bits(trace, "--ticks", "600");
        assertEquals("600", find(NETWORK, head[1]).group(1));
        assertNotEquals(net.group(2), find(NETWORK, head[1]).group(2));

        // one recorded observation of one tick changed in its last bit: the network's input quantisation absorbs it
        // (same input codes, same digest), the replay, which compares the observation's float bits, does not
        String[] ulp = bits(changed(trace, "ulp.trace.csv", v -> Float.intBitsToFloat(Float.floatToRawIntBits(v) ^ 1)));
        assertEquals("1", ulp[0], ulp[2] + ulp[1]);
        assertEquals(net.group(2), find(NETWORK, ulp[1]).group(2));
        assertEquals("NOT identical to the trace", find(REPLAY, ulp[1]).group(2));
        // the same observation changed by 0.25: other input codes, another network digest
        String[] quarter = bits(changed(trace, "quarter.trace.csv", v -> v + 0.25f));
        assertEquals("1", quarter[0], quarter[2] + quarter[1]);
        assertNotEquals(net.group(2), find(NETWORK, quarter[1]).group(2));
    }

    /** A copy of {@code trace} with the first observation of one tick (line 900) changed by {@code change}. */
    private Path changed(Path trace, String name, UnaryOperator<Float> change) throws Exception {
        List<String> lines = Files.readAllLines(trace);
        List<String> columns = List.of(lines.get(1).split(","));
        int obs = columns.indexOf("obs_" + ObservationBuilder.NAMES[0]);
        String[] row = lines.get(900).split(",", -1);
        row[obs] = Float.toString(change.apply(Float.parseFloat(row[obs])));
        lines.set(900, String.join(",", row));
        return Files.write(tmp.resolve(name), lines);
    }
}
