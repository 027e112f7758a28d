package io.spikepilot.simulator.config;

import io.spikepilot.controller.io.LimitedFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Typed, checked access to a parsed YAML document. Every failure is an {@link IllegalArgumentException} reading
 * {@code <kind> file '<file>': field '<path>': expected <what>, found <what>}. Documents are parsed with snakeyaml's
 * safe constructor, duplicate keys refused and aliases disabled.
 */
public final class YamlFields {
    private final String context;

    /** @param context how the file is named in messages, e.g. {@code airframe file 'x500.yaml'} */
    public YamlFields(String context) {
        this.context = context;
    }

    /** The message prefix. */
    public String context() {
        return context;
    }

    /** Reads a file as UTF-8 text; an unreadable file fails with the context. */
    public String read(Path file) {
        try {
            return LimitedFiles.readString(file, LimitedFiles.CONFIG_BYTES, context);
        } catch (IOException e) {
            throw new IllegalArgumentException(context + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Parses YAML text into its top-level mapping. */
    public Map<?, ?> parse(Reader text) {
        return map("(document)", load(text));
    }

    /**
     * Parses YAML text the strict way every configuration file of the project is read: snakeyaml's safe constructor
     * (plain maps, lists, strings, numbers and booleans only), duplicate keys refused, aliases refused (no billion
     * laughs). The document may be anything, {@code null} for an empty one.
     */
    public Object load(Reader text) {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(0);
            return new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(context + ": not valid YAML: "
                    + String.valueOf(e.getMessage()).replace('\n', ' '), e);
        }
    }

    /** An error in the common shape. */
    public IllegalArgumentException error(String field, String expected, String found) {
        return new IllegalArgumentException(String.format("%s: field '%s': expected %s, found %s",
                context, field, expected, found));
    }

    /** {@code value} as a mapping. */
    public Map<?, ?> map(String field, Object value) {
        if (value instanceof Map<?, ?> m) {
            return m;
        }
        throw error(field, "a mapping", describe(value));
    }

    /** {@code value} as a list. */
    public List<?> list(String field, Object value) {
        if (value instanceof List<?> l) {
            return l;
        }
        throw error(field, "a list", describe(value));
    }

    /** {@code value} as a string. */
    public String string(String field, Object value) {
        if (value instanceof String s) {
            return s;
        }
        throw error(field, "a string", describe(value));
    }

    /** {@code value} as a boolean ({@code true}/{@code false}). */
    public boolean bool(String field, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw error(field, "true or false", describe(value));
    }

    /** {@code value} as a number (any finiteness; range checks belong to the caller). */
    public double number(String field, Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw error(field, "a number", describe(value));
    }

    /** {@code value} as a finite number. */
    public double finite(String field, Object value) {
        double v = number(field, value);
        if (!Double.isFinite(v)) {
            throw error(field, "a finite number", String.valueOf(v));
        }
        return v;
    }

    /** {@code value} as a whole number in [lo, hi]. */
    public int integer(String field, Object value, int lo, int hi) {
        if (value instanceof Integer i && i >= lo && i <= hi) {
            return i;
        }
        throw error(field, "a whole number in [" + lo + ", " + hi + "]", describe(value));
    }

    /** {@code value} as a list of exactly {@code length} numbers. */
    public double[] numbers(String field, Object value, int length) {
        List<?> l = list(field, value);
        if (l.size() != length) {
            throw error(field, "a list of " + length + " numbers", "a list of " + l.size());
        }
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = number(field + "[" + i + "]", l.get(i));
        }
        return out;
    }

    /** Fails on the first key of {@code m} that is not in {@code known}. */
    public void onlyKnown(String prefix, Map<?, ?> m, Set<String> known) {
        for (Object key : m.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                throw error(prefix + key, "one of " + new TreeSet<>(known), "an unknown field");
            }
        }
    }

    /** How a value is shown in a message. */
    public static String describe(Object value) {
        if (value == null) {
            return "nothing (missing or empty)";
        }
        if (value instanceof String s) {
            return "the string '" + s + "'";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof Map<?, ?>) {
            return "a mapping";
        }
        return "a " + value.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " " + value;
    }
}
