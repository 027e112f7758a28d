package io.spikepilot.bridge.ulog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our ULog reader against an independent one, @foxglove/ulog (src/ulog-check/dump.mjs): every field, every element
 * of every sample of the topics the replay reads, compared on the bits of the double each side decodes. On a log
 * written by the independent writer (nested formats, a second instance, trailing padding left out, NaN and
 * infinity values) always; on real PX4 logs when some are at {@code -Dspikepilot.ulog.samples} or shared/ulog-samples
 * (PX4's pyulog test logs are public, BSD-3; data taken from another repository is kept in shared/, not here).
 */
class UlogReaderCrossCheckTest {
    static final String[] TOPICS = {"vehicle_local_position", "vehicle_attitude", "vehicle_angular_velocity",
            "vehicle_attitude_setpoint", "vehicle_rates_setpoint", "vehicle_thrust_setpoint", "trajectory_setpoint",
            "vehicle_local_position_setpoint", "position_setpoint_triplet"};
    /** Where real logs are looked for: -Dspikepilot.ulog.samples=DIR, else shared/ulog-samples beside the clone. */
    private static final Path REAL_SAMPLES = Paths.get(System.getProperty("spikepilot.ulog.samples",
            Paths.get("..", "..", "shared", "ulog-samples").toString())).toAbsolutePath().normalize();
    private static final Pattern LINE = Pattern.compile("^\\{\"topic\":\"([a-z_0-9]+)\",\"multiId\":(\\d+),"
            + "\"fields\":\\{(.*)\\}\\}$");
    private static final Pattern FIELD = Pattern.compile("\"([^\"]+)\":\\[([^\\]]*)\\]");

    @TempDir
    Path dir;

    @Test
    void everyFieldOfAWrittenLogMatchesFoxglove() throws Exception {
        Path log = NodeScript.writeUlog(dir.resolve("flight.ulg"), "--seconds", "20", "--seed", "11");
        long compared = crossCheck(log);
        // 20 s: local position 50 Hz, attitude 2 × 100 Hz, rates 200 Hz, setpoints 100/200/200 Hz, trajectory 50 Hz,
        // triplet 5 Hz
        assertEquals(1000 + 4000 + 4000 + 2000 + 4000 + 4000 + 1000 + 100, compared);
    }

    @Test
    void realPx4LogsOfSeveralVersionsMatchFoxgloveWhereShared() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(REAL_SAMPLES), "no real PX4 logs at " + REAL_SAMPLES);
        List<Path> logs;
        try (Stream<Path> s = Files.list(REAL_SAMPLES)) {
            logs = s.filter(p -> p.toString().endsWith(".ulg")).sorted().toList();
        }
        for (Path log : logs) {
            assertTrue(crossCheck(log) > 0, log + ": nothing compared");
        }
    }

    /** Compares both readers on {@code log}; the number of samples compared. */
    static long crossCheck(Path log) throws Exception {
        List<String> args = new ArrayList<>(List.of(log.toString()));
        args.addAll(List.of(TOPICS));
        List<String> lines = NodeScript.run(NodeScript.ULOG_CHECK, "dump.mjs", args.toArray(String[]::new));
        Map<String, List<Map<String, String[]>>> expected = new HashMap<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Map<String, String[]> fields = new HashMap<>();
            Matcher f = FIELD.matcher(m.group(3));
            while (f.find()) {
                fields.put(f.group(1), f.group(2).isEmpty() ? new String[0]
                        : f.group(2).replace("\"", "").split(","));
            }
            expected.computeIfAbsent(m.group(1) + "/" + m.group(2), k -> new ArrayList<>()).add(fields);
        }
        Map<String, List<double[][]>> ours = new HashMap<>();
        Map<String, UlogTopic> topics = new HashMap<>();
        try (UlogReader reader = UlogReader.open(log)) {
            UlogSample s = new UlogSample();
            while (reader.next(s)) {
                if (!List.of(TOPICS).contains(s.topic().name())) {
                    continue;
                }
                String key = s.topic().name() + "/" + s.topic().multiId();
                topics.put(key, s.topic());
                List<UlogField> fields = s.topic().fields();
                double[][] values = new double[fields.size()][];
                for (int i = 0; i < fields.size(); i++) {
                    values[i] = new double[fields.get(i).count()];
                    for (int k = 0; k < values[i].length; k++) {
                        UlogField field = fields.get(i);
                        values[i][k] = field.type().endsWith("int64_t") ? s.asLong(field, k) : s.value(field, k);
                    }
                }
                ours.computeIfAbsent(key, k -> new ArrayList<>()).add(values);
            }
            assertNull(reader.stopNote(), log + ": " + reader.stopNote());
        }
        assertEquals(expected.keySet(), ours.keySet(), log + ": topics");
        long compared = 0;
        for (String key : expected.keySet()) {
            List<Map<String, String[]>> theirs = expected.get(key);
            List<double[][]> mine = ours.get(key);
            assertEquals(theirs.size(), mine.size(), log + ": samples of " + key);
            UlogTopic topic = topics.get(key);
            int ts = topic.fields().indexOf(topic.field("timestamp"));
            // foxglove hands data out in timestamp order, we in file order: compare in a stable timestamp order
            mine.sort(Comparator.comparingDouble(v -> v[ts][0]));
            theirs.sort(Comparator.comparingDouble(v -> Double.parseDouble(v.get("timestamp")[0])));
            for (int n = 0; n < mine.size(); n++) {
                for (int i = 0; i < topic.fields().size(); i++) {
                    UlogField field = topic.fields().get(i);
                    String[] values = theirs.get(n).get(field.name());
                    assertNotNull(values, log + ": " + key + " sample " + n + ": foxglove has no field " + field.name());
                    assertEquals(field.count(), values.length, log + ": " + key + "." + field.name() + " elements");
                    for (int k = 0; k < values.length; k++) {
                        double theirsValue = Double.parseDouble(values[k]);
                        double mineValue = mine.get(n)[i][k];
                        assertEquals(Double.doubleToLongBits(theirsValue), Double.doubleToLongBits(mineValue),
                                log + ": " + key + " sample " + n + " " + field.name() + "[" + k + "]: foxglove "
                                        + values[k] + ", ours " + mineValue);
                    }
                }
                compared++;
            }
        }
        return compared;
    }
}
