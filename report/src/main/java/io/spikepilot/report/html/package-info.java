/**
 * Self-contained HTML pages: figures embedded as {@code data:} URIs, CSS inline, no script, no link out, so a report
 * can be mailed, archived or opened offline. {@link io.spikepilot.report.html.HtmlPage} is the page every report
 * writes, {@link io.spikepilot.report.html.HtmlTable} its tables; both escape every text they are given.
 */
package io.spikepilot.report.html;
