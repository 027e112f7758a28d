package io.spikepilot.training.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of an experiment.
 *
 * @param method    {@code jsrl}, {@code td3}, {@code bc-offline}, {@code td3bc}, or {@code dataset} (a prerequisite)
 * @param setting   the setting within the experiment ({@code default}, {@code bc-on_js-off}, ...)
 * @param seed      the run's seed
 * @param dir       the run folder (config.txt, log.csv, stdout.txt, ...)
 * @param args      the {@code spikepilot} arguments of a fresh run
 * @param epochs    epochs a complete run logs (0 for the dataset, complete when its file exists)
 * @param resumable whether the method writes {@code checkpoint.bin} and takes {@code --resume}
 * @param output    the file a dataset run writes (null for training runs)
 */
public record RunSpec(String method, String setting, long seed, Path dir, List<String> args, int epochs,
                      boolean resumable, Path output) {
    /** Name of the run's folder and of its row in the index. */
    public String id() {
        return method + "_" + setting + "_seed" + seed;
    }

    /**
     * This run with {@code extra} appended to its training command, for a variant of a whole experiment (the ablation
     * under the paper's BC target, say). A dataset run is returned unchanged: the variant trains on the same data.
     */
    public RunSpec withExtraTrainArgs(List<String> extra) {
        if (output != null || extra.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(args);
        all.addAll(extra);
        return new RunSpec(method, setting, seed, dir, List.copyOf(all), epochs, resumable, output);
    }
}
