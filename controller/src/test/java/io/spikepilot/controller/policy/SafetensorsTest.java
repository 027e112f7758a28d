package io.spikepilot.controller.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.spikepilot.controller.policy.Safetensors.DType;
import io.spikepilot.controller.policy.Safetensors.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SafetensorsTest {
    private static byte[] file(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }

    @Test
    void roundTripKeepsMetadataTensorsAndOrder() throws Exception {
        byte[] bytes = Safetensors.write(Map.of("k", "v"), List.of(
                Tensor.f32("a", new long[] {2}, new float[] {1.5f, -2f}),
                Tensor.integer("b", DType.I16, new long[] {1, 3}, new int[] {-32767, 0, 32767}),
                Tensor.integer("c", DType.I32, new long[0], new int[] {7})));
        Safetensors.Content c = Safetensors.read(bytes, "t.safetensors");
        assertEquals(Map.of("k", "v"), c.metadata());
        assertEquals(List.of("a", "b", "c"), List.copyOf(c.tensors().keySet()));
        assertArrayEquals(new float[] {1.5f, -2f}, c.tensors().get("a").toFloats());
        assertArrayEquals(new int[] {-32767, 0, 32767}, c.tensors().get("b").toInts());
        assertArrayEquals(new int[] {7}, c.tensors().get("c").toInts());
    }

    @Test
    void headerIsPaddedToEightBytes() {
        byte[] bytes = Safetensors.write(Map.of(), List.of(Tensor.f32("x", new long[] {1}, new float[] {1f})));
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8);
    }

    @Test
    void fileShorterThanTheLengthFieldIsTruncated() {
        PolicyFileException e = assertThrows(PolicyFileException.class,
                () -> Safetensors.read(new byte[5], "p.safetensors"));
        assertEquals("p.safetensors: field 'header length': expected 8 bytes, found 5 bytes (truncated file)",
                e.getMessage());
    }

    @Test
    void headerLengthBeyondTheFileIsTruncated() {
        byte[] b = file("{}", 0);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 4000);
        PolicyFileException e = assertThrows(PolicyFileException.class, () -> Safetensors.read(b, "p"));
        assertEquals("p: field 'header length': expected at most 2 bytes (the rest of the file), found 4000 "
                + "(truncated file)", e.getMessage());
    }

    @Test
    void absurdHeaderLengthIsRefusedBeforeAllocating() {
        byte[] b = file("{}", 0);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1L);
        PolicyFileException e = assertThrows(PolicyFileException.class, () -> Safetensors.read(b, "p"));
        assertEquals("p: field 'header length': expected 2..104857600 bytes, found 18446744073709551615",
                e.getMessage());
    }

    @Test
    void malformedJsonNamesTheOffset() {
        PolicyFileException e = assertThrows(PolicyFileException.class,
                () -> Safetensors.read(file("{\"a\": }", 0), "p"));
        assertEquals("p: field 'header': expected valid JSON, found JSON at offset 6: expected a value, found '}'",
                e.getMessage());
    }

    @Test
    void truncatedDataSectionIsRefused() {
        byte[] good = Safetensors.write(Map.of(), List.of(Tensor.f32("w", new long[] {4}, new float[4])));
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 3);
        PolicyFileException e = assertThrows(PolicyFileException.class, () -> Safetensors.read(cut, "p"));
        assertEquals("p: field 'w.data_offsets': expected 0 ≤ begin ≤ end ≤ 13 (size of the data section), "
                + "found [0, 16]", e.getMessage());
    }

    @Test
    void trailingBytesAfterTheLastTensorAreRefused() {
        byte[] good = Safetensors.write(Map.of(), List.of(Tensor.f32("w", new long[] {1}, new float[1])));
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 4);
        PolicyFileException e = assertThrows(PolicyFileException.class, () -> Safetensors.read(longer, "p"));
        assertEquals("p: field 'data section': expected 4 bytes (sum of tensor sizes), found 8 bytes", e.getMessage());
    }

    @Test
    void overlappingTensorsAreRefused() {
        String h = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        PolicyFileException e = assertThrows(PolicyFileException.class, () -> Safetensors.read(file(h, 4), "p"));
        assertEquals("p: field 'b.data_offsets': expected begin 4 (tensors must tile the data section without gaps "
                + "or overlaps), found begin 0", e.getMessage());
    }

    @Test
    void byteRangeMustMatchShapeAndDtype() {
        String h = "{\"a\":{\"dtype\":\"I16\",\"shape\":[3],\"data_offsets\":[0,4]}}";
        PolicyFileException e = assertThrows(PolicyFileException.class, () -> Safetensors.read(file(h, 4), "p"));
        assertEquals("p: field 'a.data_offsets': expected 6 bytes (shape × I16), found 4 bytes", e.getMessage());
    }

    @Test
    void unknownDtypeIsNamed() {
        String h = "{\"a\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]}}";
        PolicyFileException e = assertThrows(PolicyFileException.class, () -> Safetensors.read(file(h, 4), "p"));
        assertEquals("p: field 'a.dtype': expected one of F32, F64, I8, I16, I32, I64, found 'BF16'", e.getMessage());
    }

    @Test
    void nonStringMetadataValueIsRefused() {
        PolicyFileException e = assertThrows(PolicyFileException.class,
                () -> Safetensors.read(file("{\"__metadata__\":{\"seed\":3}}", 0), "p"));
        assertEquals("p: field '__metadata__.seed': expected a string, found Long 3", e.getMessage());
    }

    @Test
    void integerTensorRefusesValuesOutsideItsType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.integer("w", DType.I8, new long[] {1}, new int[] {128}));
        assertEquals("tensor 'w': expected values in [-128, 127], found 128", e.getMessage());
    }
}
