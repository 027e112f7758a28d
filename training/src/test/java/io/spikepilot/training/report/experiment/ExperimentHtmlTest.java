package io.spikepilot.training.report.experiment;

import static io.spikepilot.training.report.experiment.FabricatedExperiment.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentHtmlTest {
    private static final Instant WHEN = Instant.parse("2025-10-28T12:00:00Z");

    /** Writes figures and page for the folder and returns the page. */
    static String page(Path experiment, Path out) throws Exception {
        ExperimentReport r = ExperimentReport.read(experiment);
        Path html = out.resolve("index.html");
        ExperimentHtml.write(r, ExperimentFigures.write(r, out), html, WHEN);
        return Files.readString(html);
    }

    @Test
    void thePageEmbedsEveryFigureAsAPngThatDecodes(@TempDir Path dir) throws Exception {
        String html = page(FabricatedExperiment.comparison(dir.resolve("exp")).dir(), dir.resolve("out"));
        Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int images = 0;
        while (m.find()) {
            assertNotNull(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1)))));
            images++;
        }
        assertEquals(4, images);
    }

    @Test
    void thePageIsSelfContained(@TempDir Path dir) throws Exception {
        String html = page(FabricatedExperiment.comparison(dir.resolve("exp")).dir(), dir.resolve("out"));
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.contains("http://") || html.contains("https://"), "no link out");
        assertFalse(html.contains("<link"), "no external style sheet");
        assertTrue(html.contains("<style>"), "inline CSS");
        assertTrue(html.contains("Generated 2025-10-28 12:00:00 UTC"), "when");
    }

    @Test
    void thePageHasTheSummaryThePapersNumbersAndEveryRunsProvenance(@TempDir Path dir) throws Exception {
        String html = page(FabricatedExperiment.comparison(dir.resolve("exp")).dir(), dir.resolve("out"));
        assertTrue(html.contains("<td>jsrl</td><td>jsrl</td><td>default</td><td>2 of 2</td><td>140.0 ± 14.1</td>"),
                "jsrl summary row");
        assertTrue(html.contains("<td>1550 ± 636</td><td>7.5 ± 3.5</td>"), "steps and epochs to 100");
        assertTrue(html.contains("<td>offline (no env steps)</td>"), "bc-offline has no steps to 100");
        assertTrue(html.contains("<td>TD3BC+JSRL</td>") && html.contains("<td>≈ 450–500</td>"), "paper's Fig. 3");
        assertTrue(html.contains("<td class=\"code\">c0ffee1</td>"), "commit");
        assertTrue(html.contains("<td class=\"code\">not recorded</td>"), "no commit");
        assertTrue(html.contains("--hidden 128,64"), "command with a comma, unquoted");
        assertTrue(html.contains("<td>failed (non-zero exit)</td>"), "failed run shown");
        assertTrue(html.contains("<td>incomplete (stopped before its last epoch)</td>"), "incomplete run shown");
        assertTrue(html.contains("not in index.csv yet"), "unindexed run shown");
        assertTrue(html.contains("runs/bc-offline_default_seed2/log.csv line 3, field env_steps: expected a number"),
                "the corrupt log named");
        assertTrue(html.contains("— (dataset job, not a learning run)"), "dataset job");
    }

    @Test
    void anAblationSitsBesideTableFour(@TempDir Path dir) throws Exception {
        FabricatedExperiment e = new FabricatedExperiment(dir.resolve("exp"), "ablation");
        for (String setting : List.of("bc-on_js-on", "bc-off_js-on", "bc-on_js-off", "bc-off_js-off")) {
            boolean js = setting.endsWith("js-on");
            e.run("jsrl", setting, 1, "complete", 10, "feed1", row(5, 1000, js ? 150.0 : 30.0, 400.0),
                    row(10, 2000, js ? 400.0 : 35.0, 480.0));
        }
        String html = page(e.writeIndex().dir(), dir.resolve("out"));
        assertTrue(html.contains("<td>bc-on_js-on</td><td>yes</td><td>yes</td><td>1 of 1</td><td>400.0 (1 seed)</td>"
                + "<td>412 ± 6.72</td><td>1000 (1 seed)</td><td>2200 ± 124</td>"), "full method beside the paper");
        assertTrue(html.contains("<td>bc-off_js-off</td><td>no</td><td>no</td><td>1 of 1</td><td>35.0 (1 seed)</td>"
                + "<td>36 ± 4.1</td><td>never</td><td>NA</td>"), "neither beside the paper");
        assertTrue(html.contains("<td>33030 ± 1600</td>"), "no BC term beside the paper");
    }

    @Test
    void slopesSitBesideFigureTwo(@TempDir Path dir) throws Exception {
        String html = page(ExperimentFiguresTest.slopes(dir.resolve("exp")).dir(), dir.resolve("out"));
        assertTrue(html.contains("<td>td3-stacked</td><td>TD3</td><td>slope-2</td><td>1 of 1</td><td>never</td>"
                + "<td>≈ 42</td><td>30.0 (1 seed)</td><td>≈ 383</td>"), "TD3 slope 2 beside the paper");
        assertEquals(6, html.split("data:image/png;base64,", -1).length - 1, "two bar charts and four curves");
    }
}
