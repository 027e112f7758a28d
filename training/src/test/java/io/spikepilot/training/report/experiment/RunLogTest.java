package io.spikepilot.training.report.experiment;

import static io.spikepilot.training.report.experiment.FabricatedExperiment.LOG_HEADER;
import static io.spikepilot.training.report.experiment.FabricatedExperiment.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunLogTest {
    private static final String FILE = "runs/jsrl_default_seed1/log.csv";

    @Test
    void theFabricatedRowsHaveAsManyFieldsAsTheHeader() {
        int columns = LOG_HEADER.split(",", -1).length;
        assertEquals(28, columns);
        assertEquals(columns, row(5, 1000, 50.0, 100.0).split(",", -1).length);
        assertEquals(columns, row(1, 200, null, null).split(",", -1).length);
    }

    @Test
    void evaluationsAreTheRowsWithAReturnAtTheLastLevel() {
        RunLog log = RunLog.parse(List.of(LOG_HEADER, row(1, 200, null, null), row(5, 1000, 50.0, 100.0),
                row(10, 2000, 150.0, 300.0)), FILE);
        assertEquals(List.of(new RunLog.Evaluation(5, 1000, 50, 100), new RunLog.Evaluation(10, 2000, 150, 300)),
                log.evaluations());
        assertEquals(10, log.lastEpoch());
        assertEquals(150, log.finalReturn());
        assertEquals(300, log.finalLength());
        assertEquals(10, log.firstReaching(100).orElseThrow().epoch());
        assertTrue(log.firstReaching(151).isEmpty());
        assertNull(log.warning());
        assertTrue(!log.envStepsConstant());
    }

    @Test
    void aLogWhoseStepsNeverChangeCollectedNone() {
        RunLog log = RunLog.parse(List.of(LOG_HEADER, row(1, 30000, null, null), row(2, 30000, 5.0, 9.0)), FILE);
        assertTrue(log.envStepsConstant());
    }

    @Test
    void nanReturnsAreCountedAndLeftOutOfTheBest() {
        RunLog log = RunLog.parse(List.of(LOG_HEADER, row(5, 1000, 50.0, 100.0),
                row(10, 2000, 1.0, 300.0).replace(",1.0,", ",NaN,")), FILE);
        assertEquals(1, log.nonFiniteReturns());
        assertEquals(50, log.bestReturn());
        assertTrue(Double.isNaN(log.finalReturn()));
    }

    @Test
    void aRowCutShortEndsTheLogAndSaysWhere() {
        RunLog log = RunLog.parse(List.of(LOG_HEADER, row(5, 1000, 50.0, 100.0), "6,0,0,2.0", row(7, 1400, null,
                null)), FILE);
        assertEquals(5, log.lastEpoch());
        assertEquals(FILE + " line 3: expected 28 fields, found 4 (the row was cut short); read up to line 2, "
                + "1 later lines not read", log.warning());
    }

    @Test
    void aMissingColumnNamesTheColumnAndTheHeaderFound() {
        String header = LOG_HEADER.replace("eval_return_final", "eval_return_last");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunLog.parse(List.of(header, row(5, 1000, 50.0, 100.0)), FILE));
        assertEquals(FILE + " line 1: column 'eval_return_final' missing; expected a training log header with "
                + "epoch, env_steps, eval_return_final, found '" + header + "'", e.getMessage());
    }

    @Test
    void aLogWithoutCurriculumLengthsReadsItsPlainLengthInstead() {
        // the slope study's logs of before eval_length_final: the length is eval_length, the return still required
        List<String> log = List.of("epoch,env_steps,eval_return,eval_length,eval_return_final",
                "1,500,10.0,40.0,10.0", "2,1000,,,", "3,1500,120.5,300.0,120.5");
        RunLog r = RunLog.parse(log, FILE);
        assertEquals(List.of(new RunLog.Evaluation(1, 500, 10.0, 40.0), new RunLog.Evaluation(3, 1500, 120.5, 300.0)),
                r.evaluations());
    }

    @Test
    void aFieldThatIsNotANumberNamesFileLineFieldAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunLog.parse(List.of(
                LOG_HEADER, row(5, 1000, 50.0, 100.0), row(6, 1200, 60.0, 100.0).replace(",60.0,", ",sixty,")),
                FILE));
        assertEquals(FILE + " line 3, field eval_return_final: expected a number (or NaN), found 'sixty'",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RunLog.parse(List.of(LOG_HEADER,
                row(5, 1000, 50.0, 100.0).replaceFirst("^5,", "5.5,")), FILE));
        assertEquals(FILE + " line 2, field epoch: expected a whole number, found '5.5'", e.getMessage());
    }

    @Test
    void anEmptyLogSaysWhatItExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunLog.parse(List.of(), FILE));
        assertEquals(FILE + ": empty; expected a header line starting 'epoch,'", e.getMessage());
    }
}
