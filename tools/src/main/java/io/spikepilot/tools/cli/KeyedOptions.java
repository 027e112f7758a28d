package io.spikepilot.tools.cli;

import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * The training commands whose options are the keys of a {@code key=value} config (the same names in a run's
 * config.txt, {@code --config} files and the command line): applies the options given, and turns the config's
 * messages, which name the key ({@code jsrl config: field 'epochs' expected ≥ 1, found 0}, {@code key 'lr' expected a
 * number, found 'x'}, {@code task: expected one of ...}), into messages that name the option as typed ({@code --epochs expected ≥ 1, found 0}).
 */
public final class KeyedOptions {
    private static final Pattern KEYED = Pattern.compile(
            "^(?:[\\w-]+ config: )?(?:(?:field|key) '([\\w-]+)':?|([\\w-]+):)\\s*(.*)$", Pattern.DOTALL);

    private KeyedOptions() {
    }

    /** Sets every String option given whose name without {@code --} is one of {@code keys}, through {@code set}. */
    public static void apply(CommandSpec spec, Set<String> keys, BiConsumer<String, String> set) {
        for (OptionSpec o : spec.options()) {
            String key = o.longestName().substring(2);
            if (o.getValue() instanceof String value && keys.contains(key)) {
                try {
                    set.accept(key, value);
                } catch (IllegalArgumentException e) {
                    throw bad(spec, e);
                }
            }
        }
    }

    /** Runs a config's validation; its failure becomes a {@link ParameterException} naming the option. */
    public static void validate(CommandSpec spec, Runnable validation) {
        try {
            validation.run();
        } catch (IllegalArgumentException e) {
            throw bad(spec, e);
        }
    }

    /** The config's message about a key, rewritten to name the command's option for that key when it has one. */
    public static ParameterException bad(CommandSpec spec, IllegalArgumentException e) {
        return new ParameterException(spec.commandLine(), optionMessage(spec, String.valueOf(e.getMessage())), e);
    }

    static String optionMessage(CommandSpec spec, String message) {
        Matcher m = KEYED.matcher(message);
        if (m.matches()) {
            String key = m.group(1) != null ? m.group(1) : m.group(2);
            if (spec.findOption("--" + key) != null) {
                return "--" + key + " " + m.group(3);
            }
        }
        return message;
    }
}
