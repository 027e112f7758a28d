package io.spikepilot.training.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuideRolloutsFileTest {
    private static final int O = 18;
    private static final int P = 146;
    private static final int A = 4;

    /** Two episodes of 3 and 2 steps with every value distinct, so a swapped or shifted array shows. */
    static GuideRollouts tiny() {
        int[] steps = {3, 2};
        int rows = 3 + 1 + 2 + 1;
        int stepRows = 5;
        return new GuideRollouts("spikepilot dataset guide --episodes 2 --seed 7", "crazyflie-motors", 7, 0, 0.1, O,
                P, A, 500, steps, new boolean[] {true, false}, ramp(rows * O, 0), ramp(rows * P, 1000),
                ramp(stepRows * A, 5000), ramp(stepRows * A, 6000), ramp(stepRows, 7000));
    }

    private static float[] ramp(int n, int base) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = base + i * 0.5f;
        }
        return v;
    }

    private static GuideRollouts read(Path f) {
        return GuideRolloutsFile.read(f, O, P, A);
    }

    @Test
    void aDatasetReadsBackFieldForField(@TempDir Path dir) throws Exception {
        GuideRollouts d = tiny();
        Path f = dir.resolve("guide.bin");
        GuideRolloutsFile.write(f, d);
        GuideRollouts r = read(f);
        assertEquals(d.command(), r.command());
        assertEquals("crazyflie-motors", r.task());
        assertEquals(7, r.seed());
        assertEquals(0.1, r.noise());
        assertEquals(500, r.maxSteps());
        assertArrayEquals(new int[] {3, 2}, r.steps());
        assertArrayEquals(new boolean[] {true, false}, r.crashed());
        assertArrayEquals(d.observations(), r.observations());
        assertArrayEquals(d.privileged(), r.privileged());
        assertArrayEquals(d.actions(), r.actions());
        assertArrayEquals(d.guideActions(), r.guideActions());
        assertArrayEquals(d.rewards(), r.rewards());
        // header 8 + 4 + (2 + 46) + (2 + 16) + 8 + 4 + 8 + 4·5, steps 2·4, crashed 2, floats, crc 4
        long floats = 7L * O + 7L * P + 5L * A * 2 + 5;
        assertEquals(8 + 4 + 48 + 18 + 8 + 4 + 8 + 20 + 8 + 2 + 4 * floats + 4, Files.size(f));
        assertTrue(!Files.exists(dir.resolve("guide.bin.tmp")));
    }

    @Test
    void aTruncatedFileNamesTheFileAndTheFieldItEndsIn(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("guide.bin");
        GuideRolloutsFile.write(f, tiny());
        byte[] all = Files.readAllBytes(f);
        int header = 8 + 4 + 48 + 18 + 8 + 4 + 8 + 20;
        Object[][] cuts = {{5, "magic"}, {10, "version"}, {header + 2, "steps"}, {header + 8 + 1, "crashed"},
            {header + 10 + 4 * 10, "observations"}, {header + 10 + 4 * (7 * O + 3), "privileged"},
            {all.length - 4 - 2, "rewards"}, {all.length - 1, "crc32"}};
        for (Object[] cut : cuts) {
            Path t = dir.resolve("cut" + cut[0]);
            Files.write(t, Arrays.copyOf(all, (int) cut[0]));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(t));
            assertTrue(e.getMessage().contains(t.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("'" + cut[1] + "'"),
                    cut[0] + ": " + e.getMessage());
        }
    }

    @Test
    void aFlippedByteFailsTheChecksumAndTrailingBytesAreRefused(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("guide.bin");
        GuideRolloutsFile.write(f, tiny());
        byte[] all = Files.readAllBytes(f);
        byte[] flipped = all.clone();
        flipped[all.length / 2] ^= 0x10;
        Path g = dir.resolve("flipped.bin");
        Files.write(g, flipped);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(g));
        assertTrue(e.getMessage().contains(g.toString()) && e.getMessage().contains("'crc32'")
                && e.getMessage().contains("corrupt"), e.getMessage());
        Path longer = dir.resolve("longer.bin");
        Files.write(longer, Arrays.copyOf(all, all.length + 3));
        e = assertThrows(IllegalArgumentException.class, () -> read(longer));
        assertTrue(e.getMessage().contains("end of the file"), e.getMessage());
    }

    @Test
    void anotherFileAVersionFromTheFutureAndWrongShapesAreNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("guide.bin");
        GuideRolloutsFile.write(f, tiny());
        byte[] all = Files.readAllBytes(f);

        Path other = dir.resolve("other.bin");
        Files.writeString(other, "{\"not\": \"a dataset\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(other));
        assertTrue(e.getMessage().contains(other.toString()) && e.getMessage().contains("'magic'"), e.getMessage());

        byte[] v2 = all.clone();
        ByteBuffer.wrap(v2).putInt(8, 2);
        Path future = dir.resolve("v2.bin");
        Files.write(future, v2);
        e = assertThrows(IllegalArgumentException.class, () -> read(future));
        assertTrue(e.getMessage().contains("'version' expected 1, found 2"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> GuideRolloutsFile.read(f, 17, P, A));
        assertTrue(e.getMessage().contains("'observation_size' expected 17, found 18"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GuideRolloutsFile.read(f, O, 150, A));
        assertTrue(e.getMessage().contains("'privileged_size' expected 150, found 146"), e.getMessage());

        GuideRollouts d = tiny();
        GuideRollouts tooLong = new GuideRollouts(d.command(), d.task(), d.seed(), d.level(), d.noise(), O, P, A, 2,
                d.steps(), d.crashed(), d.observations(), d.privileged(), d.actions(), d.guideActions(),
                d.rewards());
        Path capped = dir.resolve("capped.bin");
        GuideRolloutsFile.write(capped, tooLong);
        e = assertThrows(IllegalArgumentException.class, () -> read(capped));
        assertTrue(e.getMessage().contains("'steps' (episode 0) expected 1 … 2 (max_steps), found 3"),
                e.getMessage());
    }

    @Test
    void episodesAreCountedIntoTheWindowsTheReplayBufferCuts() {
        // 150 steps: starts 0, 50; 120: start 0 and the last 100 steps (start 20); 90: refused (≤ 2 × warm-up)
        int[] steps = {150, 120, 90};
        long total = 360;
        GuideRollouts d = new GuideRollouts("", "t", 0, 0, 0, O, P, A, 500, steps, new boolean[3],
                new float[(int) (total + 3) * O], new float[(int) (total + 3) * P], new float[(int) total * A],
                new float[(int) total * A], new float[(int) total]);
        assertEquals(4, d.windowCount(100, 50, 100));
        io.spikepilot.training.rl.SequenceReplayBuffer b = new io.spikepilot.training.rl.SequenceReplayBuffer(
                10_000, 100, 50, 100, O, P, A);
        assertEquals(4, d.fill(b));
        assertEquals(1, b.rolloutsRefused());
    }
}
