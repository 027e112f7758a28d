package io.spikepilot.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child process running the spikepilot command line on this same JVM binary and class path: the experiment's
 * training runs, the bench's autopilot and the companion the fault bench kills.
 */
final class SpikepilotProcess {
    private SpikepilotProcess() {
    }

    /**
     * Starts {@code spikepilot <args>}, its output and errors appended to {@code log}.
     *
     * @param vectorModule add {@code jdk.incubator.vector} (the trainer's kernels need it, the flight path does not)
     */
    static Process launch(List<String> args, Path log, boolean vectorModule) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java));
        if (vectorModule) {
            cmd.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SpikepilotCli.class.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }
}
