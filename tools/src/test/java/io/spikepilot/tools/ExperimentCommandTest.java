package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentCommandTest {
    @Test
    void aDryRunListsEveryRunWithWhatItWouldDoAndStartsNothing(@TempDir Path dir) {
        CliRun.Outcome o = CliRun.run("experiment", "ablation", "--seeds", "2", "--budget", "small", "--dry-run",
                "--out", dir.toString());
        assertEquals(0, o.status(), o.out() + o.err());
        assertTrue(o.out().contains("8 runs"), o.out());
        assertTrue(o.out().contains("jsrl_bc-off_js-off_seed2") && o.out().contains("fresh"), o.out());
        assertFalse(Files.exists(dir.resolve("index.csv")));
    }

    @Test
    void trainArgsReachEveryTrainingRunButNotTheSharedDataset(@TempDir Path dir) {
        CliRun.Outcome o = CliRun.run("experiment", "comparison", "--seeds", "1", "--dry-run", "--out",
                dir.toString(), "--train-args", " --bc-target buffer ");
        assertEquals(0, o.status(), o.out() + o.err());
        long training = o.out().lines().filter(l -> l.contains("spikepilot train ")).count();
        long withExtra = o.out().lines().filter(l -> l.contains("spikepilot train ")
                && l.endsWith(" --bc-target buffer")).count();
        assertEquals(4, training, o.out());
        assertEquals(training, withExtra, o.out());
        assertTrue(o.out().lines().filter(l -> l.contains("dataset guide")).noneMatch(l -> l.contains("--bc-target")),
                o.out());
    }

    @Test
    void anUnknownExperimentOrBudgetExitsTwo(@TempDir Path dir) {
        CliRun.Outcome o = CliRun.run("experiment", "slopes-typo", "--out", dir.toString());
        assertEquals(2, o.status());
        assertTrue(o.err().contains("EXPERIMENT expected one of comparison, ablation, slopes, found 'slopes-typo'"),
                o.err());
        o = CliRun.run("experiment", "comparison", "--budget", "huge", "--out", dir.toString());
        assertEquals(2, o.status());
        assertTrue(o.err().contains("--budget expected one of small, paper, found 'huge'"), o.err());
    }
}
