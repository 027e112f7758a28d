package io.spikepilot.tools.cli;

import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The execution strategy of every {@code spikepilot} command: help and version first (exit 0 at every level), then
 * the chosen command's {@link CheckedOptions#checkOptions()}, then {@code next} (picocli's {@code RunLast} in
 * production, which calls the command). Whatever the checks throw reaches {@link CliErrors}' handlers.
 */
public final class CheckedExecution implements CommandLine.IExecutionStrategy {
    private final CommandLine.IExecutionStrategy next;

    /** @param next what runs after the checks passed */
    public CheckedExecution(CommandLine.IExecutionStrategy next) {
        this.next = next;
    }

    @Override
    public int execute(ParseResult parseResult) {
        Integer help = CommandLine.executeHelpRequest(parseResult);
        if (help != null) {
            return help;
        }
        ParseResult leaf = parseResult;
        while (leaf.subcommand() != null) {
            leaf = leaf.subcommand();
        }
        CommandLine command = leaf.commandSpec().commandLine();
        if (command.getCommand() instanceof CheckedOptions checked) {
            try {
                checked.checkOptions();
            } catch (ParameterException | ExecutionException e) {
                throw e;
            } catch (Exception e) {
                throw new ExecutionException(command, CliErrors.describe(e), e);
            }
        }
        return next.execute(parseResult);
    }
}
