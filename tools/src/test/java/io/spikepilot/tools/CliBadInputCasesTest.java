package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.flight.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cases issue 18 saw, run for real (not only checked): each ends with its contract exit code, a sentence and no
 * stack trace, and leaves nothing behind that looks like a run.
 */
class CliBadInputCasesTest {
    private static final Pattern STACK_TRACE = Pattern.compile("(?m)^\\s+at [\\w.$]+\\(|\\b[a-z]+\\.[\\w.$]+(Exception|Error)\\b");
    private static final Path FLIGHT_YAML = Path.of("..", "src", "config", "flight.yaml");

    @TempDir
    Path tmp;

    private static void assertOutcome(int expected, CliRun.Outcome o, String mustSay) {
        assertEquals(expected, o.status(), o.out() + o.err());
        assertTrue(o.err().contains(mustSay), "expected '" + mustSay + "' in: " + o.err());
        assertFalse(STACK_TRACE.matcher(o.out() + o.err()).find(), o.out() + o.err());
    }

    /** The shipped config at another control rate than the shipped policy's 100 Hz. */
    private Path configAt200Hz() throws IOException {
        String yaml = Files.readString(FLIGHT_YAML).replaceFirst("(?m)^  rate_hz: 100$", "  rate_hz: 200");
        assertTrue(yaml.contains("rate_hz: 200"), "the shipped config changed shape");
        return Files.writeString(tmp.resolve("flight-200hz.yaml"), yaml);
    }

    @Test
    void aConfigThatNeverEndsIsRefusedByItsSizeNotByRunningOutOfMemory() {
        CliRun.Outcome o = CliRun.run("fly", "--link", "udp://:14999", "--policy", "pid", "--config", "/dev/zero",
                "--log-dir", tmp.resolve("flights").toString());
        assertOutcome(ExitCode.BAD_INPUT, o, "flight config '/dev/zero': expected at most 1 MiB, found more than 1 MiB");
    }

    @Test
    void aLogDirectoryThatCannotBeCreatedIsBadInputNamingTheOption() {
        CliRun.Outcome o = CliRun.run("fly", "--link", "udp://:14999", "--policy", "pid", "--config",
                FLIGHT_YAML.toString(), "--log-dir", "/proc/nope");
        assertOutcome(ExitCode.BAD_INPUT, o, "--log-dir /proc/nope: cannot create it");
    }

    @Test
    void aDeviceIsNotATlogAndTheSummaryEnds() {
        CliRun.Outcome o = CliRun.run("mavlink", "tlog", "/dev/zero");
        assertOutcome(ExitCode.BAD_INPUT, o, "not a MAVLink .tlog");
    }

    @Test
    void anEmptyTlogIsBadInput() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.tlog"));
        assertOutcome(ExitCode.BAD_INPUT, CliRun.run("mavlink", "tlog", empty.toString()), "found an empty file");
    }

    @Test
    void aRateMismatchIsARefusalInDemoAsInFlyAndLeavesNoRunFolder() throws IOException {
        Path out = tmp.resolve("demo-run");
        CliRun.Outcome o = CliRun.run("demo", "--config", configAt200Hz().toString(), "--out", out.toString());
        assertOutcome(ExitCode.REFUSED, o, "refusing to arm");
        assertFalse(Files.exists(out), "a refused demo left " + out);
    }

    @Test
    void aRateMismatchIsARefusalInReplayToo() throws IOException {
        Path policy = Path.of("src", "main", "resources", "policies", "x500-attitude-bc-fixed.safetensors");
        Path trace = Files.writeString(tmp.resolve("t.trace.csv"), "not read: the policy is refused first\n");
        CliRun.Outcome o = CliRun.run("replay", "--trace", trace.toString(), "--policy", policy.toString(),
                "--config", configAt200Hz().toString());
        assertOutcome(ExitCode.REFUSED, o, "refusing to arm");
    }

    @Test
    void aRateMismatchIsARefusalInFly() throws IOException {
        Path policy = Path.of("src", "main", "resources", "policies", "x500-attitude-bc-fixed.safetensors");
        CliRun.Outcome o = CliRun.run("fly", "--link", "udp://:14999", "--policy", policy.toString(), "--config",
                configAt200Hz().toString(), "--log-dir", tmp.resolve("flights").toString());
        assertOutcome(ExitCode.REFUSED, o, "refusing to arm");
    }
}
