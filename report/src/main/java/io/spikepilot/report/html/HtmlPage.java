package io.spikepilot.report.html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * One self-contained HTML page built top to bottom: CSS inline, figures embedded as base64 {@code data:} URIs, no
 * script and no link out, so the file opens offline and still shows everything. Every text handed in is escaped;
 * only {@link HtmlTable#html()} output goes in as markup.
 */
public final class HtmlPage {
    private static final String CSS = """
            body { font-family: sans-serif; margin: 2em auto; max-width: 1200px; padding: 0 1em; color: #222; }
            h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
            table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
            th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
            th { background: #f3f3f3; }
            td.code, .code { font-family: monospace; font-size: 0.85em; word-break: break-all; }
            tr.bad td { background: #fde8e8; } tr.warn td { background: #fff6db; }
            figure { margin: 1.5em 0; } figure img { max-width: 100%; border: 1px solid #ddd; }
            figcaption { font-size: 0.9em; color: #444; max-width: 900px; }
            .note { color: #555; font-size: 0.9em; } ul.problems li { font-family: monospace; font-size: 0.85em; }
            """;

    private final StringBuilder s = new StringBuilder(1 << 16);

    /** A page titled {@code title} (also its first heading). */
    public HtmlPage(String title) {
        s.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(HtmlTable.escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n")
                .append("<body>\n<h1>").append(HtmlTable.escape(title)).append("</h1>\n");
    }

    public HtmlPage heading(String text) {
        return tag("h2", text);
    }

    public HtmlPage subheading(String text) {
        return tag("h3", text);
    }

    private HtmlPage tag(String tag, String text) {
        s.append('<').append(tag).append('>').append(HtmlTable.escape(text)).append("</").append(tag).append(">\n");
        return this;
    }

    /** A paragraph; {@code cssClass} null for plain text, {@code "note"} for the small grey kind. */
    public HtmlPage paragraph(String cssClass, String text) {
        s.append(cssClass == null ? "<p>" : "<p class=\"" + HtmlTable.escape(cssClass) + "\">")
                .append(HtmlTable.escape(text)).append("</p>\n");
        return this;
    }

    public HtmlPage table(HtmlTable table) {
        s.append(table.html());
        return this;
    }

    /** A bullet list; {@code cssClass} as for {@link #paragraph}. */
    public HtmlPage list(String cssClass, List<String> items) {
        s.append(cssClass == null ? "<ul>\n" : "<ul class=\"" + HtmlTable.escape(cssClass) + "\">\n");
        items.forEach(i -> s.append("<li>").append(HtmlTable.escape(i)).append("</li>\n"));
        s.append("</ul>\n");
        return this;
    }

    /** A PNG figure embedded in the page, {@code alt} usually its file name. */
    public HtmlPage figure(byte[] png, String alt, String caption) {
        s.append("<figure>\n<img alt=\"").append(HtmlTable.escape(alt)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\">\n<figcaption>")
                .append(HtmlTable.escape(caption)).append("</figcaption>\n</figure>\n");
        return this;
    }

    /** The finished page. */
    public String html() {
        return s + "</body>\n</html>\n";
    }

    /** Writes the finished page to {@code file}, creating its folder. */
    public void write(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Files.writeString(file, html(), StandardCharsets.UTF_8);
    }
}
