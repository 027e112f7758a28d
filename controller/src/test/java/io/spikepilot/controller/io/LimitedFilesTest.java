package io.spikepilot.controller.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LimitedFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFileWithinTheLimitIsReadWhole() throws Exception {
        Path f = Files.write(dir.resolve("ok.bin"), new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, LimitedFiles.readAllBytes(f, 3, "test file"));
    }

    @Test
    void aLargerFileIsRefusedWithItsNameTheLimitAndItsSize() throws Exception {
        Path f = Files.write(dir.resolve("big.bin"), new byte[1500]);
        FileTooLargeException e = assertThrows(FileTooLargeException.class,
                () -> LimitedFiles.readAllBytes(f, 1024, "test file"));
        assertEquals("test file '" + f + "': expected at most 1024 bytes, found 1500 bytes", e.getMessage());
    }

    @Test
    void aDeviceThatNeverEndsIsStoppedAtTheLimitNotReadForever() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(zero));
        FileTooLargeException e = assertThrows(FileTooLargeException.class,
                () -> LimitedFiles.readString(zero, LimitedFiles.CONFIG_BYTES, "flight config"));
        assertEquals("flight config '/dev/zero': expected at most 1 MiB, found more than 1 MiB (not a regular file: "
                + "is the path right?)", e.getMessage());
    }

    @Test
    void aStreamFailsOnceMoreThanTheLimitHasArrived() throws Exception {
        Path f = Files.write(dir.resolve("s.bin"), new byte[10]);
        try (InputStream in = LimitedFiles.newInputStream(f, 10, "test file")) {
            assertEquals(10, in.readAllBytes().length);
        }
        assertThrows(FileTooLargeException.class, () -> LimitedFiles.newInputStream(f, 9, "test file"));
    }
}
