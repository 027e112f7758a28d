package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AnalyzeCommandTest {
    @Test
    void gradientStudyWritesCsvAndPlotsAndReportsTheShapeCriteria(@TempDir Path dir) throws Exception {
        CommandLine cli = SpikepilotCli.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        int status = cli.execute("analyze", "gradients", "--seeds", "2", "--samples", "64", "--threads", "2",
                "--out", dir.toString(), "--require-shape");
        assertEquals(0, status, out.toString());
        assertTrue(out.toString().contains("shape criteria (paper-spec §6 items 2-3): all hold"), out.toString());
        assertTrue(out.toString().contains("zero-norm samples (of 128 per cell;"), out.toString());
        assertEquals(2 + 25, Files.readAllLines(dir.resolve("gradient-alignment.csv")).size());
        assertTrue(Files.size(dir.resolve("cosine-similarity.png")) > 1000);
        assertTrue(Files.size(dir.resolve("gradient-magnitude.png")) > 1000);
    }
}
