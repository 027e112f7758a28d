package io.spikepilot.report.flight;

import io.spikepilot.controller.record.NetworkActivityCsv;
import io.spikepilot.controller.record.NetworkActivityLayout;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.replay.RecordedTrace;
import io.spikepilot.controller.replay.TraceFormatException;
import io.spikepilot.controller.replay.TraceReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a flight report is made from: the ticks of one flight (as read from a trace, or as a replay produced them),
 * the network's activity when there is any, why not when there is none, and every problem met while reading, each
 * naming its file.
 *
 * @param source          where the ticks came from, for the page
 * @param trace           the ticks and the trace's format line
 * @param activity        the network's activity, or null
 * @param activityMissing why {@code activity} is null (null when it is not)
 * @param problems        what was damaged or left out while reading
 */
public record FlightRecords(String source, RecordedTrace trace, NetworkActivity activity, String activityMissing,
                            List<String> problems) {
    private static final String TRACE_SUFFIX = ".trace.csv";

    public FlightRecords {
        problems = List.copyOf(problems);
    }

    /**
     * Reads a flight from {@code runDirOrTrace}: a trace file, or a run folder holding exactly one
     * {@code *.trace.csv}. The trace is read up to any damage ({@link TraceReader#readUpToDamage}); its activity file
     * is taken from beside it when there is one. Fails only when no tick can be read.
     */
    public static FlightRecords load(Path runDirOrTrace) throws TraceFormatException {
        Path traceFile = traceIn(runDirOrTrace);
        RecordedTrace trace = TraceReader.readUpToDamage(traceFile);
        List<String> problems = new ArrayList<>();
        if (trace.stopNote() != null) {
            problems.add(trace.stopNote());
        }
        Path activityFile = NetworkActivityCsv.besideTrace(traceFile);
        int spikeLayers = trace.rows().stream().mapToInt(r -> r.spikeLayers).max().orElse(0);
        NetworkActivity activity = null;
        String missing = null;
        if (!Files.exists(activityFile)) {
            missing = "there is no network-activity file beside the trace (" + activityFile.getFileName() + "): it "
                    + "was written by a spikepilot from before activity recording (the trace itself has spike counts "
                    + "per layer only)";
        } else {
            try {
                activity = NetworkActivityReader.read(activityFile);
                if (activity.stopNote() != null) {
                    problems.add(activity.stopNote());
                }
                if (activity.layout().layers() != spikeLayers) {
                    missing = activityFile + ": expected the " + spikeLayers + " spiking layers the trace records, "
                            + "found " + activity.layout().layers() + ": the file belongs to another flight";
                    problems.add(missing);
                    activity = null;
                }
            } catch (TraceFormatException e) {
                missing = "the network-activity file cannot be read: " + e.getMessage();
                problems.add(e.getMessage());
            }
        }
        return new FlightRecords(traceFile.toString(), trace, activity, missing, problems);
    }

    /**
     * A flight from tick records in memory (a replay's, or the demo's recorder's), which carry the activity of
     * {@code layout}: a replay records the network's activity even when the flight's own trace had none.
     *
     * @param like where the format version and the policy and configuration identities come from (a trace of the
     *             same flight, or one made for the page)
     */
    public static FlightRecords inMemory(String source, RecordedTrace like, List<TickRecord> ticks,
                                         NetworkActivityLayout layout) {
        RecordedTrace trace = new RecordedTrace(like.file(), like.formatVersion(), like.policyId(), like.configId(),
                ticks, like.stopNote());
        List<String> problems = like.stopNote() == null ? List.of() : List.of(like.stopNote());
        NetworkActivity activity = layout.layers() == 0 ? null : NetworkActivity.of(layout, ticks);
        return new FlightRecords(source, trace, activity, null, problems);
    }

    /** The trace {@code path} names: itself, or the one {@code *.trace.csv} in the folder. */
    public static Path traceIn(Path path) throws TraceFormatException {
        if (!Files.isDirectory(path)) {
            return path;
        }
        List<Path> traces;
        try (Stream<Path> files = Files.list(path)) {
            traces = files.filter(p -> p.getFileName().toString().endsWith(TRACE_SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new TraceFormatException(path + ": cannot list the folder: " + e.getMessage());
        }
        if (traces.isEmpty()) {
            throw new TraceFormatException(path + ": expected a run folder holding a flight's *" + TRACE_SUFFIX
                    + ", found none");
        }
        if (traces.size() > 1) {
            throw new TraceFormatException(path + ": expected one *" + TRACE_SUFFIX + " in the run folder, found "
                    + traces.size() + " (" + String.join(", ", traces.stream().map(p -> p.getFileName().toString())
                    .toList()) + "): name the trace instead");
        }
        return traces.get(0);
    }
}
