package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchLoopCommandTest {
    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cli = SpikepilotCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }

    @Test
    void timesAPolicyFileInTheFullLoop(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("policy.safetensors");
        try (InputStream in = getClass().getResourceAsStream(DemoCommand.BUNDLED_POLICY)) {
            Files.copy(in, policy);
        }
        assertEquals(0, run("bench-loop", "--policy", policy.toString(), "--rate", "100", "--seconds", "0.3",
                "--idle", "sleep", "--warmup-ticks", "20000"));
        String text = out.toString();
        assertTrue(text.contains("# policy " + policy + " (fixed-snn 18-128-64-4"), text);
        Matcher row = Pattern.compile("(?m)^sleep\\s+(\\d+)\\s+\\d+ \\|.*\\|\\s+([\\d.]+)$").matcher(text);
        assertTrue(row.find(), text);
        assertEquals(30, Integer.parseInt(row.group(1)), text);
        // The tick allocates nothing (FlightControllerTest proves it over 10^5 ticks); here the measuring harness on
        // a loaded machine may add a few bytes (histogram growth), never one object per tick.
        assertTrue(Double.parseDouble(row.group(2)) < 16, text);
    }

    @Test
    void anUnreadablePolicyIsNamedInTheError() {
        CliRun.Outcome o = CliRun.run("bench-loop", "--policy", "no-such.safetensors");
        assertEquals(2, o.status(), o.err());
        assertTrue(o.err().startsWith("spikepilot bench-loop: --policy expected a file to read, found nothing at "
                + "no-such.safetensors"), o.err());
    }
}
