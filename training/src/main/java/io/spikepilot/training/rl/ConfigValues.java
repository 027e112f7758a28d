package io.spikepilot.training.rl;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The parsing that every {@code key=value} training configuration shares: one setter per key, enum values in their
 * option spelling ({@code code-two-step}), layer sizes as {@code 256,128}, and messages that name the key, what
 * was expected and what was found.
 */
public final class ConfigValues {
    private ConfigValues() {
    }

    /** Applies {@code value} to {@code key}'s setter; unknown keys list the known ones. */
    public static void set(Map<String, Consumer<String>> setters, String key, String value) {
        Consumer<String> setter = setters.get(key);
        if (setter == null) {
            throw new IllegalArgumentException("unknown key '" + key + "'; known keys: "
                    + String.join(", ", setters.keySet()));
        }
        String v = value.trim();
        try {
            setter.accept(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("key '" + key + "' expected a number, found '" + v + "'");
        }
    }

    /** An enum constant from its option spelling: lower case, '-' for '_'. */
    public static <E extends Enum<E>> E parseEnum(Class<E> type, String key, String v) {
        for (E e : type.getEnumConstants()) {
            if (spelling(e).equals(v.toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw new IllegalArgumentException("key '" + key + "' expected one of " + Arrays.stream(type.getEnumConstants())
                .map(ConfigValues::spelling).toList() + ", found '" + v + "'");
    }

    /** The option spelling of an enum constant. */
    public static String spelling(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static int[] parseSizes(String v) {
        return Arrays.stream(v.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }

    public static String join(int[] sizes) {
        return Arrays.toString(sizes).replaceAll("[\\[\\] ]", "");
    }

    /** Layer sizes: at least one, each ≥ 1. */
    public static boolean sizes(int[] s) {
        return s != null && s.length >= 1 && Arrays.stream(s).allMatch(h -> h >= 1);
    }
}
