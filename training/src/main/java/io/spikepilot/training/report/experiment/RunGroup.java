package io.spikepilot.training.report.experiment;

import io.spikepilot.training.report.experiment.RunLog.Evaluation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The runs of one (experiment, method, setting) over its seeds. Curves take every run with a readable log, so an
 * experiment in progress already shows its shape; the summary statistics take complete runs only, so a final
 * return is really final and "never" really means never.
 */
public final class RunGroup {
    private final String experiment;
    private final String method;
    private final String setting;
    private final String label;
    private final int colour;
    private final List<RunRecord> runs;

    RunGroup(String experiment, String method, String setting, String label, int colour, List<RunRecord> runs) {
        this.experiment = experiment;
        this.method = method;
        this.setting = setting;
        this.label = label;
        this.colour = colour;
        this.runs = List.copyOf(runs);
    }

    public String experiment() {
        return experiment;
    }

    public String method() {
        return method;
    }

    public String setting() {
        return setting;
    }

    /** How figures and tables name it: the method, the setting, or both, whichever tells it apart. */
    public String label() {
        return label;
    }

    /** Its palette index, the same in every figure of its experiment. */
    public int colour() {
        return colour;
    }

    public List<RunRecord> runs() {
        return runs;
    }

    /** Runs with a readable log. */
    public List<RunRecord> logged() {
        return runs.stream().filter(r -> r.log() != null).toList();
    }

    /** Complete runs with a readable log. */
    public List<RunRecord> complete() {
        return logged().stream().filter(r -> r.status() == RunStatus.COMPLETE).toList();
    }

    /** True when its runs collected no environment steps (an offline method on a fixed dataset). */
    public boolean offline() {
        return logged().stream().anyMatch(r -> r.log().envStepsConstant());
    }

    public Stat finalReturn() {
        return over(complete(), RunLog::finalReturn);
    }

    public Stat bestReturn() {
        return over(complete(), RunLog::bestReturn);
    }

    public Stat finalLength() {
        return over(complete(), RunLog::finalLength);
    }

    /** Environment steps at the first evaluation with a return at the last level ≥ {@code threshold}. */
    public Reach stepsToReach(double threshold) {
        return reach(threshold, Evaluation::envSteps);
    }

    /** The epoch of the first evaluation with a return at the last level ≥ {@code threshold}. */
    public Reach epochsToReach(double threshold) {
        return reach(threshold, e -> e.epoch());
    }

    private Reach reach(double threshold, ToDoubleFunction<Evaluation> when) {
        List<RunRecord> done = complete();
        double[] values = new double[done.size()];
        for (int i = 0; i < done.size(); i++) {
            Optional<Evaluation> e = done.get(i).log().firstReaching(threshold);
            values[i] = e.isPresent() ? when.applyAsDouble(e.get()) : Double.NaN;
        }
        return new Reach(Stat.of(values), done.size());
    }

    private static Stat over(List<RunRecord> runs, ToDoubleFunction<RunLog> value) {
        return Stat.of(runs.stream().mapToDouble(r -> value.applyAsDouble(r.log())).toArray());
    }

    /** The learning curve over every run with a readable log, aligned on evaluation epochs. */
    public Curve curve() {
        TreeMap<Integer, List<Evaluation>> byEpoch = new TreeMap<>();
        for (RunRecord r : logged()) {
            for (Evaluation e : r.log().evaluations()) {
                byEpoch.computeIfAbsent(e.epoch(), k -> new ArrayList<>()).add(e);
            }
        }
        int n = byEpoch.size();
        double[] epoch = new double[n];
        double[] steps = new double[n];
        double[] retMean = new double[n];
        double[] retStd = new double[n];
        double[] lenMean = new double[n];
        double[] lenStd = new double[n];
        int[] seeds = new int[n];
        int i = 0;
        for (var entry : byEpoch.entrySet()) {
            List<Evaluation> es = entry.getValue();
            Stat ret = Stat.of(es.stream().mapToDouble(Evaluation::returnFinal).toArray());
            Stat len = Stat.of(es.stream().mapToDouble(Evaluation::lengthFinal).toArray());
            epoch[i] = entry.getKey();
            steps[i] = Stat.of(es.stream().mapToDouble(Evaluation::envSteps).toArray()).mean();
            retMean[i] = ret.mean();
            retStd[i] = ret.std();
            lenMean[i] = len.mean();
            lenStd[i] = len.std();
            seeds[i] = es.size();
            i++;
        }
        return new Curve(epoch, steps, retMean, retStd, lenMean, lenStd, seeds);
    }
}
