package io.spikepilot.training.report.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On the FABRICATED comparison of {@link FabricatedExperiment#comparison}; expected values worked out by hand. */
class ExperimentReportTest {
    private static RunGroup group(ExperimentReport r, String method) {
        return r.groups().stream().filter(g -> g.method().equals(method)).findFirst().orElseThrow();
    }

    private static RunRecord run(ExperimentReport r, String id) {
        return r.runs().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void runsAreGroupedByMethodAndSettingInPlanOrderAndTheDatasetJobIsNoGroup(@TempDir Path dir) throws Exception {
        ExperimentReport r = ExperimentReport.read(FabricatedExperiment.comparison(dir).dir());
        assertEquals(List.of("comparison"), r.experiments());
        assertEquals(List.of("jsrl", "td3", "bc-offline", "td3bc"), r.groups().stream().map(RunGroup::label).toList());
        assertEquals(List.of(0, 1, 2, 3), r.groups().stream().map(RunGroup::colour).toList());
        assertEquals(8, r.runs().size());
        assertFalse(run(r, "dataset_guide_seed1").learns());
        assertEquals(RunRecord.NOT_RECORDED, run(r, "dataset_guide_seed1").commit());
    }

    @Test
    void theCurveIsTheMeanAndSampleDeviationOverSeedsAtEachEvaluationEpoch(@TempDir Path dir) throws Exception {
        Curve c = group(ExperimentReport.read(FabricatedExperiment.comparison(dir).dir()), "jsrl").curve();
        assertArrayEquals(new double[] {5, 10}, c.epoch());
        assertArrayEquals(new double[] {1050, 2050}, c.envSteps(), 1e-9);
        assertArrayEquals(new double[] {85, 140}, c.returnMean(), 1e-9);
        // epoch 5: 50 and 120, deviations ±35, sqrt(2 · 35² / 1) = 49.4975;
        // epoch 10: 150 and 130, sqrt(200) = 14.1421
        assertArrayEquals(new double[] {49.4975, 14.1421}, c.returnStd(), 1e-4);
        assertArrayEquals(new double[] {150, 350}, c.lengthMean(), 1e-9);
        assertArrayEquals(new double[] {70.7107, 70.7107}, c.lengthStd(), 1e-4);
        assertArrayEquals(new int[] {2, 2}, c.seeds());
    }

    @Test
    void summariesCountCompleteRunsAndTimeTheFirstReturnOfAHundred(@TempDir Path dir) throws Exception {
        RunGroup jsrl = group(ExperimentReport.read(FabricatedExperiment.comparison(dir).dir()), "jsrl");
        assertEquals(new Stat(2, 140, Math.sqrt(200)), jsrl.finalReturn());
        assertEquals(new Stat(2, 140, Math.sqrt(200)), jsrl.bestReturn());
        // seed 1 reaches 100 at epoch 10 (2000 steps), seed 2 at epoch 5 (1100 steps)
        Reach steps = jsrl.stepsToReach(100);
        assertEquals(1550, steps.when().mean(), 1e-9);
        assertEquals(636.3961, steps.when().std(), 1e-4);
        assertEquals("1550 ± 636", steps.format(0));
        assertEquals("7.5 ± 3.5", jsrl.epochsToReach(100).format(1));
    }

    @Test
    void anIncompleteRunShapesTheCurveButNotTheTablesAndNeverMeansNoCompleteRunGotThere(@TempDir Path dir)
            throws Exception {
        RunGroup td3 = group(ExperimentReport.read(FabricatedExperiment.comparison(dir).dir()), "td3");
        assertEquals(1, td3.complete().size());
        assertEquals(new Stat(1, 20, Double.NaN), td3.finalReturn());
        assertTrue(td3.stepsToReach(100).never());
        assertEquals("never", td3.stepsToReach(100).format(0));
        Curve c = td3.curve();
        assertArrayEquals(new int[] {2, 1}, c.seeds());
        assertArrayEquals(new double[] {20, 20}, c.returnMean(), 1e-9);
    }

    @Test
    void aCorruptLogIsNamedByFileLineAndFieldAndTheRunStaysListed(@TempDir Path dir) throws Exception {
        ExperimentReport r = ExperimentReport.read(FabricatedExperiment.comparison(dir).dir());
        RunRecord failed = run(r, "bc-offline_default_seed2");
        assertEquals(RunStatus.FAILED, failed.status());
        assertNull(failed.log());
        assertEquals(List.of("runs/bc-offline_default_seed2/log.csv line 3, field env_steps: expected a number (or "
                + "NaN), found 'abc'; this run is left out of the figures and tables"), failed.problems());
        RunGroup bc = group(r, "bc-offline");
        assertTrue(bc.offline());
        assertEquals(new Stat(1, 110, Double.NaN), bc.finalReturn());
        assertTrue(r.allProblems().contains(failed.problems().get(0)));
    }

    @Test
    void aRunTheIndexDoesNotListYetIsReadFromItsFolderUpToWhereItsLogBreaks(@TempDir Path dir) throws Exception {
        RunRecord td3bc = run(ExperimentReport.read(FabricatedExperiment.comparison(dir).dir()), "td3bc_default_seed1");
        assertEquals(RunStatus.NOT_INDEXED, td3bc.status());
        assertEquals(6, td3bc.epochsLogged());
        assertEquals(10, td3bc.epochsPlanned());
        assertEquals("c0ffee5", td3bc.commit());
        assertTrue(td3bc.command().contains("--hidden 128,64"), td3bc.command());
        assertEquals(List.of("runs/td3bc_default_seed1/log.csv line 4: expected 28 fields, found 5 (the row was cut "
                + "short); read up to line 3"), td3bc.problems());
    }

    @Test
    void theCommitComesFromConfigOrStdoutOrIsNotRecorded(@TempDir Path dir) throws Exception {
        FabricatedExperiment e = FabricatedExperiment.comparison(dir);
        Files.writeString(dir.resolve("runs/bc-offline_default_seed1/stdout.txt"),
                "FABRICATED\ncommit=abc123stdout\n");
        ExperimentReport r = ExperimentReport.read(e.dir());
        assertEquals("c0ffee1", run(r, "jsrl_default_seed1").commit());
        assertEquals("abc123stdout", run(r, "bc-offline_default_seed1").commit());
        assertEquals(RunRecord.NOT_RECORDED, run(r, "bc-offline_default_seed2").commit());
    }

    @Test
    void anIndexRowThatDoesNotReadIsNamedAndItsFolderStillFound(@TempDir Path dir) throws Exception {
        FabricatedExperiment.comparison(dir);
        List<String> lines = Files.readAllLines(dir.resolve("index.csv"));
        lines.set(2, lines.get(2).replace(",complete,", ",done,"));
        Files.write(dir.resolve("index.csv"), lines);
        ExperimentReport r = ExperimentReport.read(dir);
        assertEquals(List.of("index.csv line 3, field status: expected complete, incomplete or failed, found 'done'; "
                + "row left out"), r.problems());
        assertEquals(RunStatus.COMPLETE, run(r, "jsrl_default_seed1").status()); // complete by its own log
    }

    @Test
    void aFolderThatIsNoExperimentIsRefused(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExperimentReport.read(dir));
        assertEquals(dir + ": expected an experiment folder with index.csv and runs/ (spikepilot experiment writes "
                + "them), found neither", e.getMessage());
    }

    @Test
    void withoutAnIndexTheExperimentIsNamedAfterTheRunnersDefaultFolder(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("ablation-small");
        new FabricatedExperiment(folder, "ablation").run("jsrl", "bc-on_js-off", 1, null, 5, null,
                FabricatedExperiment.row(5, 1000, 30.0, 60.0));
        ExperimentReport r = ExperimentReport.read(folder);
        assertEquals(List.of("ablation"), r.experiments());
        assertEquals("bc-on_js-off", r.groups().get(0).setting());
        assertEquals(RunStatus.COMPLETE, r.runs().get(0).status());
        assertEquals(List.of("index.csv: not found; statuses come from the run folders alone"), r.problems());
    }
}
