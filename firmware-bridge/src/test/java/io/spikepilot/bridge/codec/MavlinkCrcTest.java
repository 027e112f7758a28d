package io.spikepilot.bridge.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MavlinkCrcTest {
    @Test
    void checkValueOfCrc16Mcrf4xxIs0x6F91() {
        byte[] digits = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x6F91, MavlinkCrc.accumulate(digits, 0, digits.length, MavlinkCrc.INITIAL));
    }

    @Test
    void tableAgreesWithMavlinksBitwiseFormulaForEveryByteAndState() {
        for (int crc = 0; crc <= 0xFFFF; crc++) {
            for (int data = 0; data < 256; data++) {
                if (MavlinkCrc.accumulate(data, crc) != MavlinkCrc.bitwise(data, crc)) {
                    assertEquals(MavlinkCrc.bitwise(data, crc), MavlinkCrc.accumulate(data, crc),
                            "data " + data + ", crc " + crc);
                }
            }
        }
    }

    @Test
    void fourBytesAtATimeAgreesWithByteByByteForEveryLengthAndOffset() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        byte[] buffer = new byte[300];
        for (int trial = 0; trial < 2000; trial++) {
            for (int i = 0; i < buffer.length; i++) {
                buffer[i] = (byte) random.nextInt(256);
            }
            int offset = random.nextInt(20);
            int length = random.nextInt(buffer.length - offset + 1);
            int crc = random.nextInt(0x10000);
            int expected = crc;
            for (int i = offset; i < offset + length; i++) {
                expected = MavlinkCrc.bitwise(buffer[i], expected);
            }
            assertEquals(expected, MavlinkCrc.accumulate(buffer, offset, length, crc),
                    "offset " + offset + ", length " + length + ", crc " + crc);
        }
    }

    @Test
    void signedBytesAreFoldedAsUnsigned() {
        assertEquals(MavlinkCrc.bitwise(0xFE, 0x1234), MavlinkCrc.accumulate((byte) 0xFE, 0x1234));
    }
}
