package io.spikepilot.bridge.ulog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Truncated, corrupt, wrong-version and appended ULogs: refused by number, or read up to the damage and told where. */
class UlogReaderBadInputTest {
    @TempDir
    Path dir;
    private byte[] good;
    private long goodSamples;

    @BeforeEach
    void writeALog() throws Exception {
        Path log = NodeScript.writeUlog(dir.resolve("good.ulg"), "--seconds", "5", "--seed", "3");
        good = Files.readAllBytes(log);
        goodSamples = count(log).samples;
    }

    private record Read(long samples, String stopNote, java.util.List<String> damage) {
    }

    private static Read count(Path file) throws Exception {
        try (UlogReader r = UlogReader.open(file)) {
            UlogSample s = new UlogSample();
            long n = 0;
            while (r.next(s)) {
                n++;
            }
            return new Read(n, r.stopNote(), r.damage());
        }
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void anUnknownVersionIsRefusedByNumber() throws Exception {
        byte[] bytes = good.clone();
        bytes[7] = 2;
        Path file = write("v2.ulg", bytes);
        UlogFormatException e = assertThrows(UlogFormatException.class, () -> UlogReader.open(file));
        assertTrue(e.getMessage().contains("ULog version 2 (header byte 7)"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void aFileWithoutTheMagicIsNotAULog() throws Exception {
        byte[] bytes = good.clone();
        bytes[1] = 'X';
        Path file = write("magic.ulg", bytes);
        UlogFormatException e = assertThrows(UlogFormatException.class, () -> UlogReader.open(file));
        assertTrue(e.getMessage().contains("byte 1 of the header should be 0x4c"), e.getMessage());
    }

    @Test
    void aShortFileNamesWhatItFound() throws Exception {
        Path file = write("short.ulg", Arrays.copyOf(good, 9));
        UlogFormatException e = assertThrows(UlogFormatException.class, () -> UlogReader.open(file));
        assertTrue(e.getMessage().contains("found 9 bytes"), e.getMessage());
    }

    @Test
    void unknownIncompatibleFlagsAreRefused() throws Exception {
        byte[] bytes = good.clone();
        // the flag-bits message follows the 16-byte header: 3 bytes of message header, 8 compat, then incompat[0]
        bytes[16 + 3 + 8] = 0x02;
        Path file = write("flags.ulg", bytes);
        try (UlogReader r = UlogReader.open(file)) {
            UlogFormatException e = assertThrows(UlogFormatException.class, () -> r.next(new UlogSample()));
            assertTrue(e.getMessage().contains("incompat_flags[0] = 0x02"), e.getMessage());
        }
    }

    @Test
    void aTruncatedLogIsReadUpToTheCutAndSaysWhere() throws Exception {
        int cut = good.length * 2 / 3 + 1;
        Read read = count(write("cut.ulg", Arrays.copyOf(good, cut)));
        assertTrue(read.samples > goodSamples / 2 && read.samples < goodSamples, read.samples + " of " + goodSamples);
        assertTrue(read.stopNote.startsWith("the log ends inside"), read.stopNote);
        assertTrue(read.stopNote.matches(".* at byte \\d+ .*"), read.stopNote);
    }

    @Test
    void corruptBytesAreSkippedToTheNextSyncMarker() throws Exception {
        byte[] bytes = good.clone();
        int at = bytes.length / 2;
        Arrays.fill(bytes, at, at + 40, (byte) 0xEE);
        Read read = count(write("corrupt.ulg", bytes));
        assertNull(read.stopNote);
        assertEquals(1, read.damage.size(), read.damage.toString());
        assertTrue(read.damage.get(0).contains("up to the sync marker at byte"), read.damage.get(0));
        // at most one second of data (sync markers come once a second) is lost
        assertTrue(read.samples < goodSamples && read.samples > goodSamples * 0.7, read.samples + " of "
                + goodSamples);
    }

    @Test
    void corruptionWithNoSyncMarkerAfterItEndsTheReadThere() throws Exception {
        byte[] bytes = Arrays.copyOf(good, good.length);
        int at = bytes.length - 200;
        Arrays.fill(bytes, at, bytes.length, (byte) 0xEE);
        Read read = count(write("tail.ulg", bytes));
        assertTrue(read.stopNote.startsWith("corrupt at byte"), read.stopNote);
        assertTrue(read.stopNote.contains("no sync marker after it"), read.stopNote);
    }

    @Test
    void appendedDataIsReadPastTheCutOfTheFirstPart() throws Exception {
        Path file = NodeScript.writeUlog(dir.resolve("appended.ulg"), "--seconds", "5", "--seed", "3", "--appended");
        Read read = count(file);
        assertNull(read.stopNote);
        assertEquals(1, read.damage.size(), read.damage.toString());
        assertTrue(read.damage.get(0).contains("runs across the appended-data offset"), read.damage.get(0));
        // the appended part holds the last 40 % of the flight: all of it is there
        assertEquals(goodSamples, read.samples);
    }
}
