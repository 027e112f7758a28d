package io.spikepilot.bridge.peer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough JSON-line reading for the peer's flat records (no JSON library in this module). */
public final class Json {
    private Json() {
    }

    public static String string(String line, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\"([^\"]*)\"").matcher(line);
        return m.find() ? m.group(1) : null;
    }

    public static double number(String line, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":(-?[0-9.eE+-]+)").matcher(line);
        if (!m.find()) {
            throw new AssertionError("no number '" + key + "' in " + line);
        }
        return Double.parseDouble(m.group(1));
    }

    public static double[] numbers(String line, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\\[([^\\]]*)\\]").matcher(line);
        if (!m.find()) {
            throw new AssertionError("no array '" + key + "' in " + line);
        }
        String[] parts = m.group(1).split(",");
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Double.parseDouble(parts[i]);
        }
        return values;
    }

    public static List<String> ofType(List<String> lines, String type) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (("\"" + type + "\"").equals("\"" + string(line, "type") + "\"")) {
                out.add(line);
            }
        }
        return out;
    }
}
