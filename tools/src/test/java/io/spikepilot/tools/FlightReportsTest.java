package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The end-of-flight report stays out of a heap it would not fit in, and says how to write it instead. */
class FlightReportsTest {
    @TempDir
    Path dir;

    @Test
    void aTraceTooLargeForTheFreeHeapIsLeftToReportFlightWithTheCommandNamed() throws Exception {
        Path trace = dir.resolve("flight-1.trace.csv");
        Files.write(trace, new byte[2_000_000]);
        Files.write(dir.resolve("flight-1.activity.csv"), new byte[1_000_000]);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // 3 MB of records need about 15 MB: 10 MB free is too little
        assertNull(FlightReports.besideTrace(trace, 10_000_000, new PrintWriter(out), new PrintWriter(err)));
        String said = err.toString();
        assertTrue(said.contains("flight report not written here: the flight's records (3 MB) need about 15 MB of "
                + "heap and this JVM has 10 MB free"), said);
        assertTrue(said.contains("'spikepilot report flight " + trace + "'"), said);
        assertFalse(Files.exists(dir.resolve("flight-1-report")), "nothing half-written");
    }

    @Test
    void aReportThatFailsIsSaidWithTheCommandToWriteItLater() throws Exception {
        Path trace = dir.resolve("flight-2.trace.csv");
        Files.writeString(trace, "not a trace\n");
        StringWriter err = new StringWriter();
        assertNull(FlightReports.besideTrace(trace, Long.MAX_VALUE, new PrintWriter(new StringWriter()),
                new PrintWriter(err)));
        assertTrue(err.toString().startsWith("flight report not written: "), err.toString());
        assertTrue(err.toString().contains("'spikepilot report flight " + trace + "'"), err.toString());
    }
}
