package io.spikepilot.tools.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import io.spikepilot.flight.ExitCode;
import io.spikepilot.flight.HasExitCode;

/**
 * Turns every way a command can end into one exit code (see {@link ExitCode}) and one sentence on stderr, prefixed
 * with the command (e.g. {@code spikepilot train bc: --epochs expected an integer ≥ 1, found 0}). The stack trace is
 * printed only under {@code --debug}: a pilot acts on the sentence, an engineer asks for the trace.
 *
 * <p>What maps to what: a picocli parse error or a {@link ParameterException} from an option check is bad input
 * (2). An exception that {@link HasExitCode has its own code} (refused to arm, link lost, {@link BadInputException})
 * gets it. An {@link IllegalArgumentException} is bad input too: by the project's rule (validate once, in constructors
 * and loaders) it is a loader naming the file or field that it cannot use. An interrupt is 130. Anything else is a
 * failure (1), with the exception's message, or its kind when it has none.
 */
public final class CliErrors {
    /** The global option that asks for stack traces. */
    public static final String DEBUG_OPTION = "--debug";

    private CliErrors() {
    }

    /** Installs the handlers and the {@link CheckedExecution} strategy on a command line; returns it. */
    public static CommandLine install(CommandLine cli) {
        return install(cli, new CheckedExecution(new CommandLine.RunLast()));
    }

    /** As {@link #install(CommandLine)} with another strategy (a test's, which checks without running). */
    public static CommandLine install(CommandLine cli, CommandLine.IExecutionStrategy strategy) {
        cli.setExecutionStrategy(strategy);
        cli.setParameterExceptionHandler(CliErrors::parameterError);
        cli.setExecutionExceptionHandler(CliErrors::executionError);
        return cli;
    }

    /** The exit code of an exception, by the rules above. */
    public static int exitCode(Throwable e) {
        if (e instanceof ParameterException) {
            return ExitCode.BAD_INPUT;
        }
        if (e instanceof HasExitCode coded) {
            return coded.exitCode();
        }
        if (e instanceof IllegalArgumentException) {
            return ExitCode.BAD_INPUT;
        }
        if (e instanceof InterruptedException) {
            return ExitCode.INTERRUPTED;
        }
        return ExitCode.FAILURE;
    }

    /**
     * The sentence for an exception: its message, made readable where the JDK's is only a path (a missing file
     * reads "/proc/nope" on its own).
     */
    public static String describe(Throwable e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof FileSystemException fs) {
            String reason = fs instanceof NoSuchFileException ? "no such file or directory"
                    : fs instanceof AccessDeniedException ? "permission denied"
                    : fs instanceof NotDirectoryException ? "not a directory"
                    : fs.getReason() != null ? fs.getReason() : "file system error";
            String path = fs.getFile() + (fs.getOtherFile() != null ? " -> " + fs.getOtherFile() : "");
            return path + ": " + reason;
        }
        if (t instanceof InterruptedException) {
            return "interrupted";
        }
        if (t instanceof OutOfMemoryError) {
            return "out of memory (give the JVM more with -Xmx, e.g. SPIKEPILOT_JAVA_OPTS=-Xmx4g, or use smaller "
                    + "settings)";
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return (t instanceof IOException ? "I/O error" : "internal error") + " ("
                    + t.getClass().getSimpleName() + ")";
        }
        return message;
    }

    private static int parameterError(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println(cli.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        if (!UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println("Run '" + cli.getCommandSpec().qualifiedName() + " --help' for its options.");
        }
        if (debug(cli.getParseResult(), args)) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCode.BAD_INPUT;
    }

    private static int executionError(Exception e, CommandLine cli, ParseResult parseResult) {
        PrintWriter err = cli.getErr();
        int code = exitCode(e);
        String prefix = cli.getCommandSpec().qualifiedName() + ": ";
        String kind = code == ExitCode.REFUSED ? "refusing to arm: " : code == ExitCode.FAILURE ? "failed: " : "";
        err.println(prefix + kind + describe(e));
        if (debug(parseResult, parseResult == null ? new String[0]
                : parseResult.originalArgs().toArray(new String[0]))) {
            e.printStackTrace(err);
        } else if (code == ExitCode.FAILURE && !(e instanceof HasExitCode)) {
            err.println("(run again with " + DEBUG_OPTION + " for the stack trace)");
        }
        err.flush();
        return code;
    }

    /**
     * The last resort, for what escapes picocli (an {@link Error} such as OutOfMemoryError): one sentence on stderr,
     * the trace under {@code --debug}, exit {@link ExitCode#FAILURE}.
     */
    public static int unhandled(Throwable t, String[] args, PrintWriter err) {
        err.println("spikepilot: failed: " + describe(t));
        if (List.of(args).contains(DEBUG_OPTION)) {
            t.printStackTrace(err);
        } else {
            err.println("(run again with " + DEBUG_OPTION + " for the stack trace)");
        }
        err.flush();
        return exitCode(t);
    }

    /** Whether {@code --debug} was given, at any level of the command line. */
    static boolean debug(ParseResult parseResult, String[] args) {
        for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(DEBUG_OPTION)) {
                return true;
            }
        }
        // a parse error may come before the option was matched: the raw words still say it
        for (String a : args) {
            if (a.equals("--")) {
                break;
            }
            if (a.equals(DEBUG_OPTION)) {
                return true;
            }
        }
        return false;
    }
}
