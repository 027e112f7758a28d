package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportCommandTest {
    private static String[] run(String... args) {
        CommandLine cli = SpikepilotCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int status = cli.execute(args);
        return new String[] {Integer.toString(status), out.toString(), err.toString()};
    }

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
        String[] o = run("report", "experiment", fabricated(dir).toString());
        assertEquals("0", o[0], o[1] + o[2]);
        Path html = dir.resolve("report/index.html");
        assertTrue(o[1].contains(html.toString()) && o[1].contains("1 problems"), o[1]);
        assertTrue(o[2].contains("runs/jsrl_default_seed2/log.csv line 2, field env_steps: expected a number (or "
                + "NaN), found 'many'"), o[2]);
        String page = Files.readString(html);
        assertTrue(page.contains("data:image/png;base64,") && page.contains("feedface1"), "page");
        assertTrue(ImageIO.read(dir.resolve("report/comparison-return-vs-steps.png").toFile()) != null);
    }

    @Test
    void outPutsThePageAndItsFiguresElsewhere(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("elsewhere/page.html");
        String[] o = run("report", "experiment", fabricated(Files.createDirectories(dir.resolve("exp"))).toString(),
                "--out", html.toString());
        assertEquals("0", o[0], o[1] + o[2]);
        assertTrue(Files.isRegularFile(html));
        assertTrue(Files.isRegularFile(dir.resolve("elsewhere/comparison-return-vs-epochs.png")));
    }

    @Test
    void aFolderThatIsNoExperimentExitsTwoAndSaysWhatWasExpected(@TempDir Path dir) {
        String[] o = run("report", "experiment", dir.toString());
        assertEquals("2", o[0]);
        assertTrue(o[2].contains("expected an experiment folder with index.csv and runs/"), o[2]);
    }

    @Test
    void helpExplainsTheReportsAndLeavesRoomForMoreKinds() {
        String[] o = run("--help");
        assertTrue(o[1].contains("report"), o[1]);
        o = run("report", "--help");
        assertEquals("0", o[0]);
        assertTrue(o[1].contains("experiment") && o[1].contains("spikepilot report <kind> --help"), o[1]);
        o = run("report", "experiment", "--help");
        assertEquals("0", o[0]);
        assertTrue(o[1].contains("--out") && o[1].contains("<DIR>/report/index.html"), o[1]);
    }
}
