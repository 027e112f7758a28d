package io.spikepilot.training.report.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An experiment folder read into runs and groups: every row of {@code index.csv}, then every folder under
 * {@code runs/} the index does not list yet (a run in progress), each with its log, config and commit. Runs are
 * grouped by (experiment, method, setting) in the order they first appear, which is the plan's order. The dataset
 * job is a run but no group: it learns nothing.
 */
public final class ExperimentReport {
    static final String RUNS = "runs";
    /** A run folder's name, {@code <method>_<setting>_seed<N>}; a method has no '_', a setting may. */
    private static final Pattern RUN_ID = Pattern.compile("([^_]+)_(.+)_seed(\\d+)");
    /** Budgets the runner appends to a default folder name ({@code comparison-small}). */
    private static final List<String> BUDGET_SUFFIXES = List.of("-small", "-paper");

    private final Path dir;
    private final List<RunRecord> runs;
    private final List<RunGroup> groups;
    private final List<String> problems;

    private ExperimentReport(Path dir, List<RunRecord> runs, List<RunGroup> groups, List<String> problems) {
        this.dir = dir;
        this.runs = List.copyOf(runs);
        this.groups = List.copyOf(groups);
        this.problems = List.copyOf(problems);
    }

    /**
     * Reads {@code dir}. Fails only when it is not an experiment folder at all (neither {@code index.csv} nor
     * {@code runs/}); anything wrong inside becomes a problem of the folder or of a run.
     */
    public static ExperimentReport read(Path dir) throws IOException {
        Path index = dir.resolve(IndexFile.NAME);
        Path runsDir = dir.resolve(RUNS);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": expected an experiment folder, found "
                    + (Files.exists(dir) ? "a file" : "nothing"));
        }
        if (!Files.isRegularFile(index) && !Files.isDirectory(runsDir)) {
            throw new IllegalArgumentException(dir + ": expected an experiment folder with " + IndexFile.NAME
                    + " and " + RUNS + "/ (spikepilot experiment writes them), found neither");
        }
        List<String> problems = new ArrayList<>();
        List<RunRecord> runs = new ArrayList<>();
        Set<Path> indexed = new HashSet<>();
        String experimentName = null;
        if (Files.isRegularFile(index)) {
            IndexFile file = IndexFile.read(index);
            problems.addAll(file.problems());
            for (IndexFile.Row row : file.rows()) {
                indexed.add(dir.resolve(row.runDir()).normalize());
                runs.add(RunFolder.read(dir, row.runDir(), new RunFolder.Identity(row.experiment(), row.method(),
                        row.setting(), row.seed()), row));
                experimentName = experimentName == null ? row.experiment() : experimentName;
            }
        } else {
            problems.add(IndexFile.NAME + ": not found; statuses come from the run folders alone");
        }
        if (experimentName == null) {
            experimentName = nameFromFolder(dir);
        }
        if (Files.isDirectory(runsDir)) {
            List<Path> folders;
            try (Stream<Path> s = Files.list(runsDir)) {
                folders = s.filter(Files::isDirectory).sorted().toList();
            }
            for (Path folder : folders) {
                if (indexed.contains(folder.normalize())) {
                    continue;
                }
                String rel = RUNS + "/" + folder.getFileName();
                Matcher m = RUN_ID.matcher(folder.getFileName().toString());
                if (!m.matches()) {
                    problems.add(rel + ": expected a run folder named <method>_<setting>_seed<N>, found '"
                            + folder.getFileName() + "'; left out");
                    continue;
                }
                runs.add(RunFolder.read(dir, rel, new RunFolder.Identity(experimentName, m.group(1), m.group(2),
                        Long.parseLong(m.group(3))), null));
            }
        }
        return new ExperimentReport(dir, runs, group(runs), problems);
    }

    /** {@code runs/experiments/comparison-small} is the comparison: the runner's default folder name. */
    static String nameFromFolder(Path dir) {
        Path fileName = dir.toAbsolutePath().normalize().getFileName();
        String name = fileName == null ? "experiment" : fileName.toString();
        for (String suffix : BUDGET_SUFFIXES) {
            if (name.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    private static List<RunGroup> group(List<RunRecord> runs) {
        Map<List<String>, List<RunRecord>> byKey = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            if (r.learns()) {
                byKey.computeIfAbsent(List.of(r.experiment(), r.method(), r.setting()), k -> new ArrayList<>()).add(r);
            }
        }
        List<RunGroup> groups = new ArrayList<>();
        Map<String, Integer> colours = new LinkedHashMap<>();
        for (var e : byKey.entrySet()) {
            String experiment = e.getKey().get(0);
            String method = e.getKey().get(1);
            String setting = e.getKey().get(2);
            int colour = colours.merge(experiment, 1, Integer::sum) - 1;
            groups.add(new RunGroup(experiment, method, setting, label(byKey.keySet(), experiment, method, setting),
                    colour, e.getValue()));
        }
        return groups;
    }

    /** The method alone when no method has two settings, the setting alone when there is one method, else both. */
    private static String label(Set<List<String>> keys, String experiment, String method, String setting) {
        List<List<String>> same = keys.stream().filter(k -> k.get(0).equals(experiment)).toList();
        boolean oneSettingEach = same.stream().map(k -> k.get(1)).distinct().count() == same.size();
        boolean oneMethod = same.stream().map(k -> k.get(1)).distinct().count() == 1;
        if (oneSettingEach) {
            return method;
        }
        return oneMethod ? setting : method + " " + setting;
    }

    /** The folder read. */
    public Path dir() {
        return dir;
    }

    /** Every run, the dataset job included, in index order then folder order. */
    public List<RunRecord> runs() {
        return runs;
    }

    /** Every (experiment, method, setting) group in plan order. */
    public List<RunGroup> groups() {
        return groups;
    }

    /** The experiments present, in order. */
    public List<String> experiments() {
        return groups.stream().map(RunGroup::experiment).distinct().toList();
    }

    /** The groups of one experiment. */
    public List<RunGroup> groups(String experiment) {
        return groups.stream().filter(g -> g.experiment().equals(experiment)).toList();
    }

    /** Problems of the folder itself (index rows, stray folders). */
    public List<String> problems() {
        return problems;
    }

    /** Problems of the folder and of every run, for a summary on the console. */
    public List<String> allProblems() {
        List<String> all = new ArrayList<>(problems);
        runs.forEach(r -> all.addAll(r.problems()));
        return all;
    }
}
