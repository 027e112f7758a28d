package io.spikepilot.controller.snn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.policy.PolicyFileException;
import io.spikepilot.controller.policy.Safetensors;
import io.spikepilot.controller.action.ActionSpace;
import io.spikepilot.controller.observation.ObservationBuilder;
import io.spikepilot.controller.policy.Safetensors.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFileTest {
    @TempDir
    Path dir;

    /** A valid float policy's parts, for mutation. */
    private static final class Parts {
        final Map<String, String> metadata;
        final List<Tensor> tensors;

        Parts() throws Exception {
            Safetensors.Content c = Safetensors.read(
                    PolicyFile.toBytes(PolicyFixtures.smallNetwork(), PolicyFixtures.metadata()), "x");
            metadata = new LinkedHashMap<>(c.metadata());
            tensors = new ArrayList<>(c.tensors().values());
        }

        void replace(String name, Tensor t) {
            for (int i = 0; i < tensors.size(); i++) {
                if (tensors.get(i).name().equals(name)) {
                    tensors.set(i, t);
                    return;
                }
            }
            throw new AssertionError("no tensor " + name);
        }

        byte[] bytes() {
            return Safetensors.write(metadata, tensors);
        }
    }

    private static String refusal(Consumer<Parts> mutation) throws Exception {
        Parts p = new Parts();
        mutation.accept(p);
        return assertThrows(PolicyFileException.class, () -> PolicyFile.read(p.bytes(), "bad.safetensors"))
                .getMessage();
    }

    @Test
    void floatPolicyRoundTripsThroughAFile() throws Exception {
        SnnNetwork net = PolicyFixtures.smallNetwork();
        Path path = dir.resolve("p.safetensors");
        String written = PolicyFile.write(path, net, PolicyFixtures.metadata());
        LoadedPolicy loaded = PolicyFile.load(path);
        assertEquals(net, loaded.floatNetwork());
        assertEquals(PolicyFixtures.metadata(), loaded.metadata());
        assertEquals(NetworkKind.FLOAT_SNN, loaded.kind());
        assertEquals(written, loaded.sha256());
        assertEquals(PolicyFile.sha256(Files.readAllBytes(path)), loaded.sha256());
        assertTrue(loaded.newPolicy() instanceof FloatSnn);
    }

    @Test
    void aWrittenPolicyIsReadableByOthersLikeEveryOtherFileTheToolsWrite() throws Exception {
        Path path = dir.resolve("shared.safetensors");
        PolicyFile.write(path, PolicyFixtures.smallNetwork(), PolicyFixtures.metadata());
        org.junit.jupiter.api.Assumptions.assumeTrue(
                path.getFileSystem().supportedFileAttributeViews().contains("posix"));
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(path)));
    }

    @Test
    void sha256IsTheStandardDigest() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                PolicyFile.sha256("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    @Test
    void loadedPolicyStepsLikeTheOriginal() throws Exception {
        SnnNetwork net = PolicyFixtures.smallNetwork();
        LoadedPolicy loaded = PolicyFile.read(PolicyFile.toBytes(net, PolicyFixtures.metadata()), "mem");
        float[] obs = new float[18];
        for (int i = 0; i < 18; i++) {
            obs[i] = 0.1f * i - 0.7f;
        }
        float[] a = new float[4];
        float[] b = new float[4];
        Policy p1 = new FloatSnn(net);
        Policy p2 = loaded.newPolicy();
        for (int t = 0; t < 20; t++) {
            p1.step(obs, 0, a, 0);
            p2.step(obs, 0, b, 0);
            assertArrayEquals(a, b);
        }
    }

    @Test
    void missingFileNamesThePath() {
        Path missing = dir.resolve("none.safetensors");
        PolicyFileException e = assertThrows(PolicyFileException.class, () -> PolicyFile.load(missing));
        assertEquals(missing + ": field 'file': expected a readable regular file, found none at this path",
                e.getMessage());
    }

    @Test
    void unknownFormatVersionIsRefused() throws Exception {
        assertEquals("bad.safetensors: field 'format_version': expected '1' (this build reads version 1 only), "
                + "found '2'", refusal(p -> p.metadata.put("format_version", "2")));
    }

    @Test
    void wrongFormatNameIsRefused() throws Exception {
        assertEquals("bad.safetensors: field 'format': expected 'spikepilot-policy', found 'other'",
                refusal(p -> p.metadata.put("format", "other")));
    }

    @Test
    void missingMetadataEntryIsNamed() throws Exception {
        assertEquals("bad.safetensors: field 'airframe': expected a __metadata__ entry, found none",
                refusal(p -> p.metadata.remove("airframe")));
    }

    @Test
    void unknownMetadataKeyIsRefused() throws Exception {
        String m = refusal(p -> p.metadata.put("learning_rate", "3e-4"));
        assertTrue(m.startsWith("bad.safetensors: field '__metadata__.learning_rate': expected only the keys"), m);
        assertTrue(m.endsWith("found unknown key 'learning_rate'"), m);
    }

    @Test
    void unknownResetRuleIsRefused() throws Exception {
        assertEquals("bad.safetensors: field 'reset_rule': expected 'subtract-delayed' or 'zero-immediate', "
                + "found 'subtract-immediate'", refusal(p -> p.metadata.put("reset_rule", "subtract-immediate")));
    }

    @Test
    void missingTensorIsNamed() throws Exception {
        assertEquals("bad.safetensors: field 'lif.1.threshold': expected a F32 tensor of shape [6], found no such "
                + "tensor", refusal(p -> p.tensors.removeIf(t -> t.name().equals("lif.1.threshold"))));
    }

    @Test
    void extraTensorIsNamed() throws Exception {
        assertEquals("bad.safetensors: field 'sigma.weight': expected only the tensors of the declared layer_sizes "
                + "(see PolicyFile), found an extra tensor",
                refusal(p -> p.tensors.add(Tensor.f32("sigma.weight", new long[] {1}, new float[1]))));
    }

    @Test
    void wrongShapeIsNamed() throws Exception {
        assertEquals("bad.safetensors: field 'dense.1.weight.shape': expected [6, 8], found [8, 6]",
                refusal(p -> p.replace("dense.1.weight", Tensor.f32("dense.1.weight", new long[] {8, 6},
                        new float[48]))));
    }

    @Test
    void wrongDtypeIsNamed() throws Exception {
        assertEquals("bad.safetensors: field 'dense.0.bias.dtype': expected F32, found F64",
                refusal(p -> p.replace("dense.0.bias", Tensor.f64("dense.0.bias", new long[] {8}, new double[8]))));
    }

    @Test
    void nanWeightIsRefused() throws Exception {
        float[] w = new float[18 * 8];
        w[37] = Float.NaN;
        assertEquals("bad.safetensors: field 'dense.0.weight': expected finite values, found NaN at index 37",
                refusal(p -> p.replace("dense.0.weight", Tensor.f32("dense.0.weight", new long[] {8, 18}, w))));
    }

    @Test
    void infiniteThresholdIsRefused() throws Exception {
        float[] th = new float[8];
        th[2] = Float.POSITIVE_INFINITY;
        assertEquals("bad.safetensors: field 'lif.0.threshold': expected finite values, found Infinity at index 2",
                refusal(p -> p.replace("lif.0.threshold", Tensor.f32("lif.0.threshold", new long[] {8}, th))));
    }

    @Test
    void betaAboveOneIsRefused() throws Exception {
        float[] beta = new float[8];
        beta[5] = 1.25f;
        assertEquals("bad.safetensors: field 'lif.0.beta': expected effective β in [0, 1] (exporters store "
                + "clamp(β, 0, 1)), found 1.25 at index 5",
                refusal(p -> p.replace("lif.0.beta", Tensor.f32("lif.0.beta", new long[] {8}, beta))));
    }

    @Test
    void negativeBetaIsRefused() throws Exception {
        float[] beta = new float[8];
        beta[0] = -0.1f;
        String m = refusal(p -> p.replace("lif.0.beta", Tensor.f32("lif.0.beta", new long[] {8}, beta)));
        assertTrue(m.endsWith("found -0.1 at index 0"), m);
    }

    @Test
    void nonNumericControlRateIsRefused() throws Exception {
        assertEquals("bad.safetensors: field 'control_rate_hz': expected a decimal number of Hz, found 'fast'",
                refusal(p -> p.metadata.put("control_rate_hz", "fast")));
    }

    @Test
    void observationLayoutWithWrongInputCountIsRefused() throws Exception {
        assertEquals("bad.safetensors: field 'layer_sizes': expected 4 outputs (action space 'motors'), found 5 "
                + "outputs", refusal(p -> p.metadata.put("layer_sizes", "18,8,6,5")));
    }

    @Test
    void layerSizesDisagreeingWithTensorsAreRefused() throws Exception {
        assertEquals("bad.safetensors: field 'dense.0.weight.shape': expected [9, 18], found [8, 18]",
                refusal(p -> p.metadata.put("layer_sizes", "18,9,6,4")));
    }

    @Test
    void flightWithAnotherControlRateRefusesThePolicy() throws Exception {
        LoadedPolicy p = PolicyFile.read(PolicyFile.toBytes(PolicyFixtures.smallNetwork(), PolicyFixtures.metadata()),
                "p.safetensors");
        FlightExpectation flight = new FlightExpectation(250.0, ObservationBuilder.LAYOUT_ID, ActionSpace.MOTORS);
        PolicyFileException e = assertThrows(PolicyFileException.class, () -> flight.require(p));
        assertEquals("p.safetensors: field 'control_rate_hz': expected 250.0 Hz (flight config), found 100.0 Hz",
                e.getMessage());
    }

    @Test
    void flightWithAnotherObservationLayoutRefusesThePolicy() throws Exception {
        LoadedPolicy p = PolicyFile.read(PolicyFile.toBytes(PolicyFixtures.smallNetwork(), PolicyFixtures.metadata()),
                "p.safetensors");
        FlightExpectation flight = new FlightExpectation(100.0, "pos_err_ned;v0", ActionSpace.MOTORS);
        PolicyFileException e = assertThrows(PolicyFileException.class, () -> flight.require(p));
        assertEquals("p.safetensors: field 'observation_layout': expected 'pos_err_ned;v0' (flight config), found '"
                + ObservationBuilder.LAYOUT_ID + "'", e.getMessage());
    }

    @Test
    void flightWithAnotherActionSpaceRefusesThePolicy() throws Exception {
        LoadedPolicy p = PolicyFile.read(PolicyFile.toBytes(PolicyFixtures.smallNetwork(), PolicyFixtures.metadata()),
                "p.safetensors");
        FlightExpectation flight = new FlightExpectation(100.0, ObservationBuilder.LAYOUT_ID, ActionSpace.ATTITUDE);
        PolicyFileException e = assertThrows(PolicyFileException.class, () -> flight.require(p));
        assertEquals("p.safetensors: field 'action_space': expected 'attitude' (flight config), found 'motors'",
                e.getMessage());
    }

    @Test
    void matchingFlightAcceptsThePolicy() throws Exception {
        LoadedPolicy p = PolicyFile.read(PolicyFile.toBytes(PolicyFixtures.smallNetwork(), PolicyFixtures.metadata()),
                "p.safetensors");
        FlightExpectation flight = new FlightExpectation(100.0, ObservationBuilder.LAYOUT_ID, ActionSpace.MOTORS);
        flight.require(p);
        assertEquals(List.of(), flight.mismatches(p.metadata()));
    }

    @Test
    void writerRefusesANetworkThatDoesNotFitItsMetadata() {
        SnnNetwork wide = io.spikepilot.controller.snn.PaperInit.network(new int[] {12, 8, 4}, 1,
                io.spikepilot.controller.snn.ResetRule.SUBTRACT_DELAYED);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PolicyFile.toBytes(wide, PolicyFixtures.metadata()));
        assertEquals("policy file: field 'layer_sizes': expected 18 inputs for observation layout '"
                + ObservationBuilder.LAYOUT_ID + "', found 12 inputs", e.getMessage());
    }
}
