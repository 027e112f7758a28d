package io.spikepilot.tools;

import io.spikepilot.controller.snn.LoadedPolicy;
import io.spikepilot.controller.snn.NetworkKind;
import io.spikepilot.controller.snn.PolicyFile;
import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.simulator.env.RewardCurriculum;
import io.spikepilot.training.bc.AnnGuideFile;
import io.spikepilot.training.bc.Evaluation;
import io.spikepilot.training.bc.GuideGains;
import io.spikepilot.training.bc.Guides;
import io.spikepilot.training.bc.PolicyEvaluator;
import io.spikepilot.training.netstats.ActivityMeasurement;
import io.spikepilot.training.netstats.AnalyzedNetwork;
import io.spikepilot.training.netstats.NetworkArchitecture;
import io.spikepilot.training.netstats.NetworkStats;
import io.spikepilot.training.netstats.NetworkStatsTable;
import io.spikepilot.training.rl.JsrlTask;
import io.spikepilot.tools.cli.CheckedOptions;
import io.spikepilot.tools.cli.CliErrors;
import io.spikepilot.tools.cli.OptionChecks;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spikepilot analyze network}: the paper's Table 2 for our networks, measured on test rollouts. */
@Command(name = "network", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The paper's Table 2 for our networks, beside the paper's numbers.",
            "",
            "Dense synaptic ops, memory footprint (float32 and fixed point, weights + state), activation sparsity, "
                    + "effective MACs/ACs and the Loihi-constant energy per inference (paper S4). Activity is "
                    + "measured by flying each policy on the test protocol: seeded episodes, the guide flies the "
                    + "first steps while the SNN warms up in shadow, every network step counted; the return is at "
                    + "the last curriculum level. The ANN guide's row is from its architecture (tanh: every synapse "
                    + "a MAC), its return from flying it."})
final class AnalyzeNetworkCommand implements Callable<Integer>, CheckedOptions {
    private static final String SHIPPED = "shipped";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Policy file (.safetensors) or 'shipped' for every policy in the jar; repeat for several."
                    + " Default: shipped")
    List<String> policies;
    @Option(names = "--ann", paramLabel = "FILE", defaultValue = SHIPPED,
            description = "ANN guide file for the ANN row, 'shipped' (the jar's 146-64-64-4 guide) or 'none'."
                    + " Default: ${DEFAULT-VALUE}")
    String ann;
    @Option(names = "--episodes", defaultValue = "20",
            description = "Test episodes per network. Default: ${DEFAULT-VALUE}")
    int episodes;
    @Option(names = "--seed", defaultValue = "20251028",
            description = "Seed of the test episodes. Default: ${DEFAULT-VALUE}")
    long seed;
    @Option(names = "--guide-steps", defaultValue = "50",
            description = "Steps the guide flies first. Default: ${DEFAULT-VALUE}")
    int guideSteps;
    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the table as CSV.")
    Path csv;
    @Option(names = "--json", paramLabel = "FILE", description = "Also write the table and the run's settings as JSON.")
    Path json;

    private record Source(String name, LoadedPolicy policy) {
    }

    private final List<Source> sources = new ArrayList<>();
    private AnnGuideFile.Loaded guideFile;

    @Override
    public void checkOptions() {
        OptionChecks check = OptionChecks.of(spec)
                .atLeast("--episodes", episodes, 1)
                .atLeast("--guide-steps", guideSteps, 0);
        if (csv != null) {
            check.writableFile("--csv", csv);
        }
        if (json != null) {
            check.writableFile("--json", json);
        }
        try {
            for (String p : policies == null ? List.of(SHIPPED) : policies) {
                if (p.equals(SHIPPED)) {
                    for (String name : ShippedNetworks.POLICIES) {
                        sources.add(new Source(stem(name),
                                PolicyFile.read(ShippedNetworks.policy(name), "policies/" + name)));
                    }
                } else {
                    check.readableFile("--policy", Path.of(p));
                    sources.add(new Source(stem(Path.of(p).getFileName().toString()), load(p)));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw check.bad("--policy: " + CliErrors.describe(e));
        }
        try {
            guideFile = switch (ann) {
                case "none" -> null;
                case SHIPPED -> AnnGuideFile.read(ShippedNetworks.resource(ShippedNetworks.ANN_GUIDE),
                        ShippedNetworks.ANN_GUIDE);
                default -> {
                    check.readableFile("--ann", Path.of(ann));
                    yield loadGuide(ann);
                }
            };
        } catch (IOException | IllegalArgumentException e) {
            throw check.bad("--ann: " + CliErrors.describe(e));
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int level = RewardCurriculum.MAX_LEVEL;
        out.printf(Locale.ROOT, "%d episodes per network from seed %d, the guide flies the first %d steps, return at"
                + " curriculum level %d%n", episodes, seed, guideSteps, level);
        List<AnalyzedNetwork> rows = new ArrayList<>();
        if (guideFile != null) {
            rows.add(annRow(guideFile, level));
        }
        for (Source s : sources) {
            rows.add(snnRow(s, level));
        }
        out.print(NetworkStatsTable.text(rows));
        out.println("kB = 1000 B of parameters + state (membranes); the paper's kB are parameters only, with an unused"
                + " sigma head (2.1 kB). fixed kB: the integer format at the file's weight width (16 bits for float"
                + " files). energy: the paper's S4 formula, Loihi constants.");
        out.flush();
        try {
            if (csv != null) {
                write(csv, NetworkStatsTable.csv(rows));
                out.println("wrote " + csv);
            }
            if (json != null) {
                write(json, NetworkStatsTable.json(runSettings(sources), rows));
                out.println("wrote " + json);
            }
        } catch (IOException e) {
            err.println("analyze network: cannot write " + e.getMessage());
            err.flush();
            return 1;
        }
        out.flush();
        return 0;
    }

    private AnalyzedNetwork snnRow(Source s, int level) {
        LoadedPolicy p = s.policy();
        JsrlTask task = JsrlTask.forActionSpace(p.metadata().actionSpace());
        EnvConfig env = task.environment();
        ActivityMeasurement measurement = new ActivityMeasurement(env, episodes, seed, guideSteps, level);
        ActivityMeasurement.Result r = measurement.fly(p::newPolicy,
                Guides.pid(env, GuideGains.defaultFor(task.actionSpace()), episodes));
        // a float file's fixed-point footprint is what the calibrator makes of it by default (16-bit weights)
        int bits = p.kind() == NetworkKind.FIXED_SNN ? p.fixedNetwork().dense().get(0).weightBits() : 16;
        return new AnalyzedNetwork(s.name(), p.kind().id(), task.id(), r.evaluation(),
                NetworkStats.spiking(r.activity(), bits));
    }

    private AnalyzedNetwork annRow(AnnGuideFile.Loaded g, int level) {
        JsrlTask task = JsrlTask.fromId(g.provenance().task());
        Evaluation e = new PolicyEvaluator(task.environment(), episodes, seed, guideSteps)
                .evaluateGuide(g.guide(episodes), level);
        return new AnalyzedNetwork(stem(Path.of(g.source()).getFileName().toString()), "ann", task.id(), e,
                NetworkStats.ann(NetworkArchitecture.ann(g.layerSizes())));
    }

    private Map<String, Object> runSettings(List<Source> sources) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("command", "spikepilot analyze network");
        run.put("episodes", (long) episodes);
        run.put("seed", seed);
        run.put("guide_steps", (long) guideSteps);
        run.put("curriculum_level", (long) RewardCurriculum.MAX_LEVEL);
        run.put("date", Instant.now().toString());
        run.put("machine", System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + System.getProperty("java.version"));
        List<Object> files = new ArrayList<>();
        for (Source s : sources) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", s.name());
            f.put("source", s.policy().source());
            f.put("sha256", s.policy().sha256());
            files.add(f);
        }
        run.put("policies", files);
        return run;
    }

    private static LoadedPolicy load(String file) throws IOException {
        try {
            return PolicyFile.load(Path.of(file));
        } catch (IOException e) {
            throw new IOException(named(file, e), e);
        }
    }

    private static AnnGuideFile.Loaded loadGuide(String file) throws IOException {
        try {
            return AnnGuideFile.load(Path.of(file));
        } catch (IOException e) {
            throw new IOException(named(file, e), e);
        }
    }

    /** The exception's message, prefixed by the file when the message does not name it (e.g. a missing file). */
    private static String named(String file, IOException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.contains(file) ? m : file + ": " + (e instanceof NoSuchFileException ? "no such file" : m);
    }

    private static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
