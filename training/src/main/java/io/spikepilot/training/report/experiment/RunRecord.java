package io.spikepilot.training.report.experiment;

import java.util.List;

/**
 * One run of an experiment as the report shows it.
 *
 * @param experiment    the experiment it belongs to ({@code comparison}, {@code ablation}, {@code slopes}, ...)
 * @param method        {@code jsrl}, {@code td3}, ...; {@code dataset} for the shared dataset job (not a learning run)
 * @param setting       the setting within the experiment ({@code default}, {@code bc-on_js-off}, {@code slope-50})
 * @param seed          its seed
 * @param dir           its folder, relative to the experiment folder
 * @param status        where it stands
 * @param exitCode      the child's exit code from the index; null when not indexed
 * @param seconds       wall time from the index; NaN when not indexed
 * @param epochsPlanned epochs a complete run logs (index or config.txt); 0 when unknown or a dataset job
 * @param command       the {@code spikepilot ...} command of a fresh run
 * @param commit        the git commit it was trained at (config.txt or stdout.txt), or {@value #NOT_RECORDED}
 * @param log           its log, or null when absent or unreadable (then {@code problems} says why)
 * @param problems      what is wrong with it, each naming the file at fault
 */
public record RunRecord(String experiment, String method, String setting, long seed, String dir, RunStatus status,
                        Integer exitCode, double seconds, int epochsPlanned, String command, String commit, RunLog log,
                        List<String> problems) {
    public static final String NOT_RECORDED = "not recorded";
    /** The method of the job that writes the offline methods' shared dataset. */
    public static final String DATASET = "dataset";

    public RunRecord {
        problems = List.copyOf(problems);
    }

    /** Whether this is a learning run (the dataset job is not). */
    public boolean learns() {
        return !DATASET.equals(method);
    }

    /** Epochs its log holds (0 without a log). */
    public int epochsLogged() {
        return log == null ? 0 : log.lastEpoch();
    }

    /** {@code <method>_<setting>_seed<N>}, as the folder is named. */
    public String id() {
        return method + "_" + setting + "_seed" + seed;
    }
}
