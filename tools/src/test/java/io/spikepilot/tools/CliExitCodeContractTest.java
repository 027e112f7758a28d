package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.tools.cli.CheckedExecution;
import io.spikepilot.tools.cli.CliErrors;
import io.spikepilot.flight.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The exit-code contract, walked over the picocli model so that a new command or option is covered without editing
 * this test: every command's help exits 0, and every option and positional parameter of every command, given an
 * invalid value, exits 2 with a sentence naming it and no stack trace.
 *
 * <p>The commands are not run: the command line gets the production {@link CheckedExecution} with "would run" ({@link
 * #WOULD_RUN}) in place of the command, so an option whose bad value the checks let through shows up as
 * {@link #WOULD_RUN} instead of 2 (and no training or flight starts). Each command's valid arguments alone must reach
 * {@link #WOULD_RUN}, which proves the 2 comes from the invalid value.
 */
class CliExitCodeContractTest {
    private static final int WOULD_RUN = 99;
    private static final Pattern STACK_TRACE = Pattern.compile("(?m)^\\s+at [\\w.$]+\\(|\\b[a-z]+\\.[\\w.$]+(Exception|Error)\\b");
    private static final Path FLIGHT_YAML = Path.of("..", "src", "config", "flight.yaml");
    private static final Path POLICY = Path.of("src", "main", "resources", "policies",
            "x500-attitude-bc-fixed.safetensors");

    @TempDir
    static Path tmp;
    /** A regular file: a path under it can be neither read nor created, so it is invalid for input and output. */
    private static Path blocker;
    private static Path someFile;

    @BeforeAll
    static void files() throws IOException {
        blocker = Files.writeString(tmp.resolve("a-file"), "x");
        someFile = Files.writeString(tmp.resolve("input.bin"), "x");
    }

    /** The valid arguments a command needs to reach its run (required options and parameters). */
    private static Map<String, List<String>> baselines() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("spikepilot fly", List.of("--link", "udp://:14999", "--policy", "pid", "--config", FLIGHT_YAML.toString(),
                "--log-dir", tmp.resolve("flights").toString()));
        m.put("spikepilot demo", List.of("--out", tmp.resolve("demo").toString()));
        m.put("spikepilot replay", List.of("--trace", someFile.toString(), "--policy", "pid", "--config",
                FLIGHT_YAML.toString()));
        m.put("spikepilot analyze bits", List.of("--trace", someFile.toString(), "--policy", "pid", "--config",
                FLIGHT_YAML.toString()));
        m.put("spikepilot train bc-stacked", List.of("--dataset", someFile.toString()));
        m.put("spikepilot train bc-offline", List.of("--dataset", someFile.toString()));
        m.put("spikepilot train td3bc", List.of("--dataset", someFile.toString()));
        m.put("spikepilot evaluate", List.of("--policy", POLICY.toString()));
        m.put("spikepilot dataset guide", List.of("--episodes", "1", "--out", tmp.resolve("d.bin").toString()));
        m.put("spikepilot calibrate", List.of("--policy", POLICY.toString(), "--out",
                tmp.resolve("fixed.safetensors").toString()));
        m.put("spikepilot calibrate nir", List.of("--in", someFile.toString(), "--out",
                tmp.resolve("nir.safetensors").toString(), "--dt", "0.01", "--action-space", "attitude",
                "--airframe", "x500"));
        m.put("spikepilot experiment", List.of("comparison"));
        m.put("spikepilot report experiment", List.of(tmp.toString()));
        m.put("spikepilot report flight", List.of(someFile.toString()));
        m.put("spikepilot mavlink tlog", List.of(someFile.toString()));
        m.put("spikepilot mavlink probe", List.of("udp://:14999"));
        return m;
    }

    /**
     * Invalid values beyond the one every option gets by its type ({@link #typeInvalid}): ranges, and the cases the
     * issue saw. Keyed by option name, or by "command option" where commands differ.
     */
    private static Map<String, List<String>> rangeInvalid() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("--epochs", List.of("0"));
        m.put("--lr", List.of("-1", "0"));
        m.put("--critic-lr", List.of("-1"));
        m.put("--slope", List.of("foo"));
        m.put("--airframe", List.of("bogus"));
        m.put("--batch", List.of("0"));
        m.put("--episodes", List.of("0"));
        m.put("--eval-episodes", List.of("0"));
        m.put("--eval-every", List.of("0"));
        m.put("--threads", List.of("0"));
        m.put("--hidden", List.of("0", "64,-1"));
        m.put("--clip", List.of("-1"));
        m.put("--gamma", List.of("2"));
        m.put("--tau", List.of("0"));
        m.put("--mqtt", List.of("garbage"));
        m.put("--mqtt-port", List.of("99999", "-1"));
        m.put("spikepilot sim broker --host", List.of("256.0.0.1", "1.2.3", "example.org", ":::zz"));
        m.put("--link", List.of("foo://bar", "udp://:99999", "serial:///dev/ttyS0?baud=abc"));
        m.put("--duration", List.of("-5"));
        m.put("--warmup-ticks", List.of("-1"));
        m.put("--engage-snn-after", List.of("NaN"));
        m.put("--vehicle-id", List.of("", "a/b"));
        m.put("--action-scaling", List.of(" "));
        m.put("--config", List.of(tmp.toString()));
        m.put("--collect-noise", List.of("-1"));
        m.put("--dagger-every", List.of("-1"));
        m.put("--dagger-episodes", List.of("0"));
        m.put("--seeds", List.of("0"));
        m.put("--samples", List.of("0"));
        m.put("--seconds", List.of("0"));
        m.put("--timeout-ms", List.of("0"));
        m.put("--rate", List.of("10"));
        m.put("--spin-window-us", List.of("-1"));
        m.put("--idle", List.of("nap"));
        m.put("--speed-ms", List.of("0"));
        m.put("--attitude-rate-hz", List.of("0"));
        m.put("--position-rate-hz", List.of("0"));
        m.put("--status-every", List.of("-1"));
        m.put("--wind-n", List.of("NaN"));
        m.put("--weight-bits", List.of("12"));
        m.put("--input-headroom", List.of("0"));
        m.put("--membrane-headroom", List.of("0"));
        m.put("--dt", List.of("0"));
        m.put("--noise", List.of("-1"));
        m.put("--level", List.of("7"));
        m.put("--envs", List.of("0"));
        m.put("--guide-steps", List.of("-1"));
        m.put("--parallel", List.of("0"));
        m.put("--budget", List.of("huge"));
        m.put("--passes", List.of("0"));
        m.put("--steps", List.of("0"));
        m.put("--policy", List.of(tmp.toString()));
        m.put("spikepilot demo --policy", List.of("nothing-here.safetensors"));
        m.put("spikepilot bench-loop --policy", List.of("nothing-here.safetensors"));
        m.put("--minutes", List.of("0.1", "601"));
        m.put("--progress-every", List.of("0"));
        m.put("--only", List.of("stale-state,no-such-fault"));
        m.put("spikepilot bench soak --policy", List.of("nothing-here.safetensors"));
        m.put("spikepilot bench faults --policy", List.of("nothing-here.safetensors"));
        return m;
    }

    /** Options that take any text, so 'x' is valid for them; their invalid values are in {@link #rangeInvalid}. */
    private static final List<String> FREE_TEXT = List.of("--vehicle-id", "--action-scaling");

    /** The value every option of a type gets: not a number for numbers, a path nobody can use for paths. */
    private static String typeInvalid(ArgSpec arg) {
        Class<?> type = arg.type().isArray() ? arg.type().getComponentType() : arg.type();
        if (type == Path.class) {
            return blocker.resolve("sub").toString();
        }
        if (type == List.class && !arg.auxiliaryTypes()[0].equals(String.class)) {
            return blocker.resolve("sub").toString();
        }
        return "x";
    }

    private static List<CommandLine> commands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        all.add(root);
        for (CommandLine sub : root.getSubcommands().values()) {
            if (!sub.getCommandName().equals("help")) {
                all.addAll(commands(sub));
            }
        }
        return all;
    }

    /** Commands that do something themselves (not only a list of subcommands). */
    private static boolean runs(CommandLine c) {
        return c.getCommand() instanceof java.util.concurrent.Callable<?>;
    }

    private static List<String> words(CommandLine c) {
        List<String> words = new ArrayList<>(List.of(c.getCommandSpec().qualifiedName().split(" ")));
        words.remove(0);
        return words;
    }

    private record Outcome(int status, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private static Outcome checkOnly(List<String> args) {
        CommandLine cli = CliErrors.install(SpikepilotCli.bare(), new CheckedExecution(parseResult -> WOULD_RUN));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int status = cli.execute(args.toArray(new String[0]));
        return new Outcome(status, out.toString(), err.toString());
    }

    @TestFactory
    Stream<DynamicTest> helpExitsZeroForEveryCommand() {
        return commands(SpikepilotCli.bare()).stream().flatMap(c -> Stream.of("--help", "-h").map(flag ->
                DynamicTest.dynamicTest(c.getCommandSpec().qualifiedName() + " " + flag, () -> {
                    List<String> args = new ArrayList<>(words(c));
                    args.add(flag);
                    Outcome o = checkOnly(args);
                    assertEquals(ExitCode.OK, o.status(), o.all());
                    assertTrue(o.out().contains("Usage: " + c.getCommandSpec().qualifiedName()), o.all());
                })));
    }

    @TestFactory
    Stream<DynamicTest> validArgumentsReachTheCommand() {
        return commands(SpikepilotCli.bare()).stream().filter(CliExitCodeContractTest::runs).map(c ->
                DynamicTest.dynamicTest(c.getCommandSpec().qualifiedName(), () -> {
                    List<String> args = new ArrayList<>(words(c));
                    args.addAll(baselines().getOrDefault(c.getCommandSpec().qualifiedName(), List.of()));
                    Outcome o = checkOnly(args);
                    assertEquals(WOULD_RUN, o.status(), "valid arguments " + args + " were refused: " + o.all());
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyOptionRejectsInvalidValuesWithExit2AndNoStackTrace() {
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, List<String>> ranges = rangeInvalid();
        for (CommandLine c : commands(SpikepilotCli.bare())) {
            if (!runs(c)) {
                continue;
            }
            String name = c.getCommandSpec().qualifiedName();
            List<String> baseline = baselines().getOrDefault(name, List.of());
            for (OptionSpec o : c.getCommandSpec().options()) {
                if (o.usageHelp() || o.versionHelp() || o.longestName().equals(CliErrors.DEBUG_OPTION)
                        || o.arity().max() == 0) {
                    continue;
                }
                List<String> values = new ArrayList<>();
                if (!FREE_TEXT.contains(o.longestName())) {
                    values.add(typeInvalid(o));
                }
                values.addAll(ranges.getOrDefault(name + " " + o.longestName(),
                        ranges.getOrDefault(o.longestName(), List.of())));
                for (String value : values) {
                    List<String> args = new ArrayList<>(words(c));
                    args.addAll(without(baseline, o.names()));
                    args.add(o.longestName());
                    for (int i = 0; i < Math.max(1, o.arity().min()); i++) {
                        args.add(value);
                    }
                    tests.add(DynamicTest.dynamicTest(name + " " + o.longestName() + " '" + value + "'",
                            () -> assertRejected(args, o.longestName())));
                }
            }
            List<PositionalParamSpec> params = c.getCommandSpec().positionalParameters();
            for (PositionalParamSpec p : params) {
                List<String> args = new ArrayList<>(words(c));
                List<String> rest = new ArrayList<>(baseline);
                rest.set(p.index().min(), typeInvalid(p));
                args.addAll(rest);
                tests.add(DynamicTest.dynamicTest(name + " " + p.paramLabel() + " '" + typeInvalid(p) + "'",
                        () -> assertRejected(args, typeInvalid(p))));
            }
        }
        return tests.stream();
    }

    private static void assertRejected(List<String> args, String named) {
        Outcome o = checkOnly(args);
        assertEquals(ExitCode.BAD_INPUT, o.status(), args + " -> " + o.all());
        assertTrue(o.err().contains(named), "the message should name " + named + ": " + o.err());
        assertFalse(STACK_TRACE.matcher(o.all()).find(), "stack trace or Java class name in: " + o.all());
    }

    /** The baseline without the option under test (and its value), so that the invalid value is the only one. */
    private static List<String> without(List<String> baseline, String[] names) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < baseline.size(); i++) {
            if (List.of(names).contains(baseline.get(i))) {
                i++;
                continue;
            }
            kept.add(baseline.get(i));
        }
        return kept;
    }

    @Test
    void debugPrintsTheStackTraceThatIsOtherwiseLeftOut() {
        Outcome plain = checkOnly(List.of("train", "bc", "--epochs", "0"));
        Outcome debug = checkOnly(List.of("train", "bc", "--epochs", "0", "--debug"));
        assertEquals(ExitCode.BAD_INPUT, plain.status(), plain.all());
        assertEquals(ExitCode.BAD_INPUT, debug.status(), debug.all());
        assertFalse(STACK_TRACE.matcher(plain.all()).find(), plain.all());
        assertTrue(STACK_TRACE.matcher(debug.all()).find(), debug.all());
    }
}
