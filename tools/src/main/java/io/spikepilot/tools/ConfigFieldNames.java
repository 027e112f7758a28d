package io.spikepilot.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the Java names in a validation message from the controller's config types ({@code ringCapacity},
 * {@code maxTiltRad}) as the {@code flight.yaml} keys the user typed ({@code record.ring_capacity},
 * {@code vehicle.max_tilt_deg}), so an error points at a line of the file rather than at a record component.
 *
 * <p>The types validate in their own units (radians, nanoseconds); where the key is in degrees or milliseconds the
 * rewrite says which unit the value in the message is in. Which section a name belongs to follows from the type that
 * wrote the message (its prefix), because {@code max_tilt_deg} exists under both {@code vehicle} and
 * {@code supervisor}.
 */
final class ConfigFieldNames {
    private static final Pattern CAMEL_CASE = Pattern.compile("\\b[a-z]+(?:[A-Z][a-z0-9]*)+\\b");
    /** A Java unit suffix, the file's suffix for the same quantity, and the unit the message's value is in. */
    private static final String[][] UNIT_SWAPS = {{"_rad", "_deg", "rad"}, {"_ns", "_ms", "ns"}};
    private static final Map<String, List<String>> SECTIONS_BY_PREFIX = Map.of(
            "attitude limits:", List.of("vehicle"),
            "position PID gains:", List.of("pid"),
            "supervisor config:", List.of("supervisor"),
            "flight config:", List.of("control", "mission", "record"));

    private ConfigFieldNames() {
    }

    /** {@code message} with every Java name that is a key of {@code sections} replaced by {@code section.key}. */
    static String inYamlTerms(String message, Map<String, Set<String>> sections) {
        List<String> preferred = preferredSections(message, sections);
        Matcher m = CAMEL_CASE.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(yamlName(m.group(), preferred, sections)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static List<String> preferredSections(String message, Map<String, Set<String>> sections) {
        for (Map.Entry<String, List<String>> e : SECTIONS_BY_PREFIX.entrySet()) {
            if (message.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return new ArrayList<>(sections.keySet());
    }

    private static String yamlName(String javaName, List<String> preferred, Map<String, Set<String>> sections) {
        String snake = javaName.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
        String found = find(snake, preferred, sections);
        if (found != null) {
            return found;
        }
        for (String[] swap : UNIT_SWAPS) {
            if (snake.endsWith(swap[0])) {
                found = find(snake.substring(0, snake.length() - swap[0].length()) + swap[1], preferred, sections);
                if (found != null) {
                    return found + " (value in " + swap[2] + ")";
                }
            }
        }
        return javaName;
    }

    private static String find(String key, List<String> preferred, Map<String, Set<String>> sections) {
        for (String section : preferred) {
            Set<String> keys = sections.get(section);
            if (keys != null && keys.contains(key)) {
                return section + "." + key;
            }
        }
        return null;
    }
}
