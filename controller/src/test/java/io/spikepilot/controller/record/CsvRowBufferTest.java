package io.spikepilot.controller.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvRowBufferTest {
    private static byte[] written(CsvRowBuffer buffer) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        buffer.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void rowsLongerThanTheBufferGrowItAndAreWrittenWhole() throws Exception {
        CsvRowBuffer buffer = new CsvRowBuffer(4);
        String row = "1,-0.0,NaN,-Infinity,4.9E-324,STATE_STALE|LOOP_OVERRUN\n".repeat(40);
        buffer.start().append(row);
        assertArrayEquals(row.getBytes(StandardCharsets.US_ASCII), written(buffer));
        buffer.start().append("2\n");
        assertArrayEquals("2\n".getBytes(StandardCharsets.US_ASCII), written(buffer), "a shorter row after a long one");
        assertEquals("2\n", buffer.toString());
    }

    @Test
    void aRowWithCharactersBeyondAsciiIsWrittenAsUtf8() throws Exception {
        CsvRowBuffer buffer = new CsvRowBuffer(16);
        String row = "7,Zürich,€,\uD83D\uDE81\n";
        buffer.start().append(row);
        assertArrayEquals(row.getBytes(StandardCharsets.UTF_8), written(buffer));
    }
}
