package io.spikepilot.training.report.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into fields. Fields may be quoted with {@code "} (a quote inside doubled), as the experiment
 * runner quotes a command that contains a comma ({@code --hidden 128,64}).
 */
final class CsvRow {
    private CsvRow() {
    }

    /** The fields of {@code line}; an unterminated quote takes the rest of the line as its field. */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
