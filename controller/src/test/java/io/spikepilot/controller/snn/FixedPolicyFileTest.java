package io.spikepilot.controller.snn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.policy.PolicyFileException;
import io.spikepilot.controller.policy.Safetensors;
import io.spikepilot.controller.policy.Safetensors.DType;
import io.spikepilot.controller.policy.Safetensors.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FixedPolicyFileTest {
    static FixedPointNetwork smallFixed(int bits) {
        SnnNetwork net = PolicyFixtures.smallNetwork();
        float[] in = new float[18];
        Arrays.fill(in, 1e-6f);
        float[][] mem = {new float[8], new float[6]};
        Arrays.fill(mem[0], 1e-7f);
        Arrays.fill(mem[1], 1e-7f);
        return FixedPointQuantizer.quantize(net, new QuantizationScales(in, 4_000_000, mem, bits));
    }

    private static String refusal(java.util.function.Consumer<Map<String, Object>> mutation) throws Exception {
        Safetensors.Content c = Safetensors.read(PolicyFile.toBytes(smallFixed(16), PolicyFixtures.metadata()), "x");
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("metadata", new LinkedHashMap<>(c.metadata()));
        parts.put("tensors", new ArrayList<>(c.tensors().values()));
        mutation.accept(parts);
        @SuppressWarnings("unchecked")
        byte[] bytes = Safetensors.write((Map<String, String>) parts.get("metadata"),
                (List<Tensor>) parts.get("tensors"));
        return assertThrows(PolicyFileException.class, () -> PolicyFile.read(bytes, "fixed.safetensors"))
                .getMessage();
    }

    @SuppressWarnings("unchecked")
    private static void replace(Map<String, Object> parts, Tensor t) {
        List<Tensor> list = (List<Tensor>) parts.get("tensors");
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).name().equals(t.name())) {
                list.set(i, t);
            }
        }
    }

    @Test
    void fixedPolicyRoundTripsAndStepsBitIdentically() throws Exception {
        for (int bits : new int[] {8, 16}) {
            FixedPointNetwork net = smallFixed(bits);
            LoadedPolicy loaded = PolicyFile.read(PolicyFile.toBytes(net, PolicyFixtures.metadata()), "f");
            assertEquals(NetworkKind.FIXED_SNN, loaded.kind());
            assertTrue(loaded.newPolicy() instanceof FixedPointSnn);
            FixedPointSnn a = new FixedPointSnn(net);
            Policy b = loaded.newPolicy();
            float[] obs = new float[18];
            float[] x = new float[4];
            float[] y = new float[4];
            for (int t = 0; t < 50; t++) {
                for (int i = 0; i < 18; i++) {
                    obs[i] = (float) Math.sin(0.1 * t + i);
                }
                a.step(obs, 0, x, 0);
                b.step(obs, 0, y, 0);
                assertArrayEquals(x, y);
            }
        }
    }

    @Test
    void int8FileStoresWeightsAsI8() throws Exception {
        Safetensors.Content c = Safetensors.read(PolicyFile.toBytes(smallFixed(8), PolicyFixtures.metadata()), "f");
        assertEquals(DType.I8, c.tensors().get("dense.1.weight").dtype());
        assertEquals("8", c.metadata().get("weight_bits"));
    }

    @Test
    void weightDtypeMustMatchWeightBits() throws Exception {
        assertEquals("fixed.safetensors: field 'dense.0.weight.dtype': expected I8, found I16",
                refusal(p -> ((Map<String, String>) p.get("metadata")).put("weight_bits", "8")));
    }

    @Test
    void requantShiftOutOfRangeIsRefused() throws Exception {
        int[] shift = new int[8];
        Arrays.fill(shift, 20);
        shift[3] = 63;
        assertEquals("fixed.safetensors: field 'dense.0.weight': expected a representable network, found fixed dense "
                + "layer: field 'requant_shift' expected a value in [1, 62], found 63 at index 3",
                refusal(p -> replace(p, Tensor.integer("dense.0.requant_shift", DType.I32, new long[] {8}, shift))));
    }

    @Test
    void betaAboveOneInQ24IsRefused() throws Exception {
        int[] beta = new int[6];
        beta[2] = (1 << 24) + 1;
        assertEquals("fixed.safetensors: field 'lif.1.beta': expected a representable network, found fixed LIF layer: "
                + "field 'beta' expected Q24 values in [0, 16777216] (β in [0, 1]), found 16777217 at index 2",
                refusal(p -> replace(p, Tensor.integer("lif.1.beta", DType.I32, new long[] {6}, beta))));
    }

    @Test
    void nanInputScaleIsRefused() throws Exception {
        float[] s = new float[18];
        Arrays.fill(s, 1e-6f);
        s[4] = Float.NaN;
        assertEquals("fixed.safetensors: field 'input.scale': expected finite values, found NaN at index 4",
                refusal(p -> replace(p, Tensor.f32("input.scale", new long[] {18}, s))));
    }

    @Test
    void unsupportedBetaFractionBitsAreRefused() throws Exception {
        assertEquals("fixed.safetensors: field 'beta_fraction_bits': expected 24, found 16",
                refusal(p -> ((Map<String, String>) p.get("metadata")).put("beta_fraction_bits", "16")));
    }

    @Test
    void fixedOnlyMetadataInAFloatFileIsRefused() throws Exception {
        Safetensors.Content c = Safetensors.read(PolicyFile.toBytes(PolicyFixtures.smallNetwork(),
                PolicyFixtures.metadata()), "x");
        Map<String, String> md = new LinkedHashMap<>(c.metadata());
        md.put("weight_bits", "16");
        byte[] bytes = Safetensors.write(md, new ArrayList<>(c.tensors().values()));
        String m = assertThrows(PolicyFileException.class, () -> PolicyFile.read(bytes, "f")).getMessage();
        assertTrue(m.startsWith("f: field '__metadata__.weight_bits': expected only the keys"), m);
    }
}
