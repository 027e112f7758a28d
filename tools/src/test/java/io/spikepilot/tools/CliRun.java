package io.spikepilot.tools;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code spikepilot <args>} in-process with stdout and stderr captured, for command tests. */
final class CliRun {
    /** The exit status and what the command printed. */
    record Outcome(int status, String out, String err) {
    }

    private CliRun() {
    }

    static Outcome run(String... args) {
        CommandLine cli = SpikepilotCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int status = cli.execute(args);
        return new Outcome(status, out.toString(), err.toString());
    }
}
