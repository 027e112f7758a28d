package io.spikepilot.report.html;

import java.util.ArrayList;
import java.util.List;

/** An HTML table built row by row, every cell escaped; the one place the page's text meets markup. */
public final class HtmlTable {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> rowClasses = new ArrayList<>();
    private final java.util.Set<Integer> codeColumns = new java.util.HashSet<>();

    public HtmlTable(String... headers) {
        this.headers = List.of(headers);
    }

    /** Adds a row of plain-text cells; {@code cssClass} (null for none) marks e.g. failed runs. */
    public HtmlTable row(String cssClass, String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("table row: expected " + headers.size() + " cells, found "
                    + cells.length);
        }
        rows.add(List.of(cells));
        rowClasses.add(cssClass);
        return this;
    }

    /** Shows these columns (0-based) in monospace, wrapped anywhere: commits and commands. */
    public HtmlTable code(int... columns) {
        for (int c : columns) {
            codeColumns.add(c);
        }
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public String html() {
        StringBuilder s = new StringBuilder("<table>\n<thead><tr>");
        headers.forEach(h -> s.append("<th>").append(escape(h)).append("</th>"));
        s.append("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < rows.size(); i++) {
            s.append(rowClasses.get(i) == null ? "<tr>" : "<tr class=\"" + escape(rowClasses.get(i)) + "\">");
            List<String> cells = rows.get(i);
            for (int c = 0; c < cells.size(); c++) {
                s.append(codeColumns.contains(c) ? "<td class=\"code\">" : "<td>").append(escape(cells.get(c)))
                        .append("</td>");
            }
            s.append("</tr>\n");
        }
        return s.append("</tbody>\n</table>\n").toString();
    }

    /** {@code text} with the characters that HTML gives a meaning escaped. */
    public static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '&' -> s.append("&amp;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }
}
