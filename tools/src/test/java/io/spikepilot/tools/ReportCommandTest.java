package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    /**
     * A FABRICATED two-run experiment with only the columns the report needs: jsrl seed 1 evaluates twice, seed 2's
     * log has a non-number in line 2.
     */
    private static Path fabricated(Path dir) throws Exception {
        Files.writeString(dir.resolve("index.csv"), """
                experiment,method,setting,seed,status,epochs,run_dir,command
                comparison,jsrl,default,1,complete,10,runs/jsrl_default_seed1,spikepilot train jsrl --seed 1
                comparison,jsrl,default,2,complete,10,runs/jsrl_default_seed2,spikepilot train jsrl --seed 2
                """);
        for (int seed = 1; seed <= 2; seed++) {
            Path run = Files.createDirectories(dir.resolve("runs/jsrl_default_seed" + seed));
            Files.writeString(run.resolve("config.txt"), "# FABRICATED test data\nfabricated-test-data=true\n"
                    + "commit=feedface" + seed + "\n");
            Files.writeString(run.resolve("log.csv"), "epoch,env_steps,eval_return_final,eval_length_final\n"
                    + (seed == 1 ? "5,1000,80,300\n10,2000,120,450\n" : "5,many,80,300\n"));
        }
        return dir;
    }

    @Test
    void anExperimentFolderGetsItsPageAndFiguresInReportAndProblemsOnStderr(@TempDir Path dir) throws Exception {
        CliRun.Outcome o = CliRun.run("report", "experiment", fabricated(dir).toString());
        assertEquals(0, o.status(), o.out() + o.err());
        Path html = dir.resolve("report/index.html");
        assertTrue(o.out().contains(html.toString()) && o.out().contains("1 problems"), o.out());
        assertTrue(o.err().contains("runs/jsrl_default_seed2/log.csv line 2, field env_steps: expected a number (or "
                + "NaN), found 'many'"), o.err());
        String page = Files.readString(html);
        assertTrue(page.contains("data:image/png;base64,") && page.contains("feedface1"), "page");
        assertTrue(ImageIO.read(dir.resolve("report/comparison-return-vs-steps.png").toFile()) != null);
    }

    @Test
    void outPutsThePageAndItsFiguresElsewhere(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("elsewhere/page.html");
        Path experiment = fabricated(Files.createDirectories(dir.resolve("exp")));
        CliRun.Outcome o = CliRun.run("report", "experiment", experiment.toString(), "--out", html.toString());
        assertEquals(0, o.status(), o.out() + o.err());
        assertTrue(Files.isRegularFile(html));
        assertTrue(Files.isRegularFile(dir.resolve("elsewhere/comparison-return-vs-epochs.png")));
    }

    @Test
    void aFolderThatIsNoExperimentExitsTwoAndSaysWhatWasExpected(@TempDir Path dir) {
        CliRun.Outcome o = CliRun.run("report", "experiment", dir.toString());
        assertEquals(2, o.status());
        assertTrue(o.err().contains("expected an experiment folder with index.csv and runs/"), o.err());
    }

    @Test
    void helpExplainsTheReportsAndLeavesRoomForMoreKinds() {
        CliRun.Outcome o = CliRun.run("--help");
        assertTrue(o.out().contains("report"), o.out());
        o = CliRun.run("report", "--help");
        assertEquals(0, o.status());
        assertTrue(o.out().contains("experiment") && o.out().contains("spikepilot report <kind> --help"), o.out());
        o = CliRun.run("report", "experiment", "--help");
        assertEquals(0, o.status());
        assertTrue(o.out().contains("--out") && o.out().contains("<DIR>/report/index.html"), o.out());
    }
}
