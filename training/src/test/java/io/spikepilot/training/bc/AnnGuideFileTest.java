package io.spikepilot.training.bc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.action.ActionSpace;
import io.spikepilot.controller.observation.ObservationBuilder;
import io.spikepilot.controller.policy.PolicyFileException;
import io.spikepilot.controller.testing.AllocationMeter;
import io.spikepilot.training.nn.Network;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnGuideFileTest {
    private static final AnnGuideFile.Provenance PROVENANCE = new AnnGuideFile.Provenance("crazyflie-motors",
            ActionSpace.MOTORS, "crazyflie", 100.0, "spikepilot train ann-guide --seed 3", 3, "abc123");

    @TempDir
    Path dir;

    private static Network guide(int[] hidden, int inputs) {
        Network n = AnnGuideFile.network(inputs, hidden, 4);
        n.initialise(11);
        return n;
    }

    private Path written(Network n) throws Exception {
        Path file = dir.resolve("guide.safetensors");
        AnnGuideFile.write(file, n, PROVENANCE, Map.of("test.survival", "0.9"));
        return file;
    }

    @Test
    void roundTripKeepsEveryParameterShapeAndProvenance() throws Exception {
        Network n = guide(new int[] {64, 64}, ObservationBuilder.PRIVILEGED_SIZE);
        AnnGuideFile.Loaded loaded = AnnGuideFile.load(written(n));
        assertArrayEquals(new int[] {146, 64, 64, 4}, loaded.layerSizes());
        assertArrayEquals(n.parameters(), loaded.network().parameters());
        assertEquals(PROVENANCE, loaded.provenance());
        assertEquals("0.9", loaded.metadata().get("note.test.survival"));
        assertTrue(Files.size(dir.resolve("guide.safetensors")) < 100_000);
    }

    @Test
    void guideActsLikeItsNetworkAndAllocatesNothing() throws Exception {
        Network n = guide(new int[] {64, 64}, 146);
        AnnGuide g = AnnGuideFile.load(written(n)).guide(3);
        float[] priv = new float[3 * 146];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < priv.length; i++) {
            priv[i] = (float) (2 * r.nextDouble() - 1);
        }
        float[] a = new float[12];
        g.act(2, priv, 2 * 146, a, 8);
        float[] tape = new float[n.rowStride()];
        System.arraycopy(priv, 2 * 146, tape, 0, 146);
        n.forward(tape, 0, 0);
        assertArrayEquals(Arrays.copyOfRange(tape, n.outputOffset(), n.outputOffset() + 4),
                Arrays.copyOfRange(a, 8, 12));
        long bytes = AllocationMeter.bytesAllocatedBy(() -> g.act(1, priv, 146, a, 4), 20_000, 1_000);
        assertEquals(0, bytes);
    }

    @Test
    void wrongShapeNamesFileAndField() throws Exception {
        Path file = written(guide(new int[] {64, 64}, 18));
        PolicyFileException e = assertThrows(PolicyFileException.class, () -> AnnGuideFile.load(file));
        assertEquals("layer_sizes", e.field());
        assertTrue(e.getMessage().startsWith(file.toString() + ": field 'layer_sizes': expected input 146"),
                e.getMessage());
    }

    @Test
    void tensorShapeDisagreeingWithLayerSizesNamesTheTensor() throws Exception {
        byte[] bytes = AnnGuideFile.toBytes(guide(new int[] {64, 64}, 146), PROVENANCE, Map.of());
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        // the header claims 32 hidden units in the middle layer; the tensors still hold 64
        String forged = text.replace("\"layer_sizes\":\"146,64,64,4\"", "\"layer_sizes\":\"146,64,32,4\"");
        assertTrue(!forged.equals(text));
        Path file = dir.resolve("forged.safetensors");
        Files.write(file, forged.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        PolicyFileException e = assertThrows(PolicyFileException.class, () -> AnnGuideFile.load(file));
        assertEquals("dense.1.weight.shape", e.field());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("[32, 64]"), e.getMessage());
    }

    @Test
    void truncatedFileNamesFileAndField() throws Exception {
        Path file = written(guide(new int[] {64, 64}, 146));
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length - 100));
        PolicyFileException e = assertThrows(PolicyFileException.class, () -> AnnGuideFile.load(file));
        assertTrue(e.getMessage().startsWith(file.toString() + ": field '"), e.getMessage());
        assertTrue(e.field().endsWith(".data_offsets") || e.field().equals("data section"), e.field());
    }

    @Test
    void garbageBytesNameFileAndField() throws Exception {
        Path file = dir.resolve("garbage.safetensors");
        byte[] junk = new byte[4096];
        new SplittableRandom(1).nextBytes(junk);
        Files.write(file, junk);
        PolicyFileException e = assertThrows(PolicyFileException.class, () -> AnnGuideFile.load(file));
        assertEquals("header length", e.field());
        assertTrue(e.getMessage().startsWith(file.toString() + ": field 'header length'"), e.getMessage());
    }

    @Test
    void aPolicyFileIsNotAGuide() throws Exception {
        Path file = dir.resolve("policy.safetensors");
        Files.write(file, io.spikepilot.controller.policy.Safetensors.write(Map.of("format", "spikepilot-policy"),
                java.util.List.of()));
        PolicyFileException e = assertThrows(PolicyFileException.class, () -> AnnGuideFile.load(file));
        assertEquals("format", e.field());
    }

    @Test
    void missingFileAndWrongActionSpaceAreConfigErrors() throws Exception {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> AnnGuideFile.loadFor(dir.resolve("none.safetensors"), ActionSpace.MOTORS));
        assertTrue(missing.getMessage().contains("none.safetensors: field 'file'"), missing.getMessage());
        Path file = written(guide(new int[] {64, 64}, 146));
        IllegalArgumentException space = assertThrows(IllegalArgumentException.class,
                () -> AnnGuideFile.loadFor(file, ActionSpace.ATTITUDE));
        assertTrue(space.getMessage().contains(file + ": field 'action_space': expected 'attitude'"),
                space.getMessage());
    }
}
