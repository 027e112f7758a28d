package io.spikepilot.controller.snn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.snn.LoadedPolicy;
import io.spikepilot.controller.snn.NetworkKind;
import io.spikepilot.controller.snn.PolicyFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The vector kernel ({@link VectorLayers}) against the scalar kernel, stepped side by side: every output bit, input
 * code, Q16 output argument, membrane, spike list and saturation count must agree after every step, on random
 * networks of odd widths (padding), on the paper network and on the fixed-point policies that ship. The surefire JVM
 * has {@code jdk.incubator.vector}; a child JVM without it shows the start-up choice of the scalar kernel.
 */
class FixedPointSnnKernelTest {
    private static final Path SHIPPED = Path.of("..", "tools", "src", "main", "resources", "policies");

    @Test
    void randomNetworksGiveTheSameBitsOnBothKernels() {
        for (long seed = 1; seed <= 60; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            ResetRule rule = seed % 2 == 0 ? ResetRule.SUBTRACT_DELAYED : ResetRule.ZERO_IMMEDIATE;
            FixedPointNetwork q = FixedPointSnnFastPathTest.randomNetwork(r, rule);
            FixedPointSnn vector = new FixedPointSnn(q, StepKernel.VECTOR);
            FixedPointSnn scalar = new FixedPointSnn(q, StepKernel.SCALAR);
            int[] sizes = q.layerSizes();
            float[] o = new float[sizes[0]];
            float scale = q.inputScales()[0];
            for (int t = 0; t < 300; t++) {
                if (t % 60 == 30) {
                    FixedPointSnn.State state = scalar.newState();
                    for (int k = 0; k < q.hiddenLayers(); k++) {
                        for (int j = 0; j < sizes[k + 1]; j++) {
                            state.membrane[k][j] = FixedPointSnnFastPathTest.injectedMembrane(r);
                        }
                    }
                    scalar.restore(state);
                    vector.restore(state);
                }
                for (int i = 0; i < o.length; i++) {
                    int kind = r.nextInt(20);
                    o[i] = kind == 0 ? 0.0f : kind == 1 ? scale * 3e7f * (r.nextBoolean() ? 1 : -1)
                            : (float) (r.nextGaussian() * scale * (1 << r.nextInt(23)));
                }
                assertSameStep(scalar, vector, o, "seed " + seed + " step " + t);
            }
        }
    }

    @Test
    void paperNetworkGivesTheSameBitsOnBothKernels() {
        for (ResetRule rule : ResetRule.values()) {
            FixedPointNetwork q = FixedPointSnnTest.calibrated(
                    PaperInit.network(FixedPointSnnTest.PAPER, 31, rule), 31, 16);
            FixedPointSnn vector = new FixedPointSnn(q, StepKernel.VECTOR);
            FixedPointSnn scalar = new FixedPointSnn(q, StepKernel.SCALAR);
            SmoothObservations obs = new SmoothObservations(32);
            float[] o = new float[18];
            for (int t = 0; t < 5000; t++) {
                obs.next(o);
                assertSameStep(scalar, vector, o, rule + " step " + t);
            }
            assertTrue(scalar.totalSpikes(0) > 0 && scalar.totalSpikes(1) > 0, "the network must spike");
        }
    }

    @Test
    void shippedFixedPointPoliciesGiveTheSameBitsOnBothKernels() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(SHIPPED)) {
            list.filter(p -> p.getFileName().toString().endsWith("-fixed.safetensors")).sorted().forEach(files::add);
        }
        assertTrue(files.size() >= 3, "shipped fixed-point policies under " + SHIPPED + ": " + files);
        for (Path file : files) {
            LoadedPolicy policy = PolicyFile.load(file);
            assertEquals(NetworkKind.FIXED_SNN, policy.kind(), file.toString());
            FixedPointNetwork q = policy.fixedNetwork();
            FixedPointSnn vector = new FixedPointSnn(q, StepKernel.VECTOR);
            FixedPointSnn scalar = new FixedPointSnn(q, StepKernel.SCALAR);
            SmoothObservations obs = new SmoothObservations(file.getFileName().toString().hashCode());
            float[] o = new float[q.layerSizes()[0]];
            for (int t = 0; t < 3000; t++) {
                obs.next(o);
                assertSameStep(scalar, vector, o, file.getFileName() + " step " + t);
            }
            assertTrue(scalar.totalSpikes(0) > 0, file + " must spike");
        }
    }

    @Test
    void theScalarKernelIsTheDefaultAndTheVectorOneIsOptInWhereTheModuleIsPresent() {
        assertTrue(StepKernel.vectorModulePresent(), "surefire starts this JVM with jdk.incubator.vector");
        assertEquals(StepKernel.SCALAR, StepKernel.best(), "the flight path's default, whatever the module");
        assertEquals(StepKernel.SCALAR, StepKernel.choose(true, "scalar"));
        assertEquals(StepKernel.VECTOR, StepKernel.choose(true, "vector"));
        assertEquals(StepKernel.SCALAR, StepKernel.choose(false, "vector"), "no module: no vector kernel");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StepKernel.choose(true, "simd"));
        assertEquals("system property 'spikepilot.snn.kernel': expected scalar or vector, found 'simd'",
                e.getMessage());
        FixedPointNetwork q = FixedPointSnnGoldenTest.single(1 << 23, 100, 0, ResetRule.SUBTRACT_DELAYED);
        assertEquals(StepKernel.SCALAR, new FixedPointSnn(q).kernel());
        assertEquals(StepKernel.VECTOR, new FixedPointSnn(q, StepKernel.VECTOR).kernel());
        assertEquals("fixed-point SNN step: scalar kernel", StepKernel.describe(StepKernel.SCALAR));
    }

    /** A JVM started without the module picks the scalar kernel, logs it, and steps to the vector kernel's bits. */
    @Test
    void aJvmWithoutTheModuleStepsOnTheScalarKernelToTheSameBits() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dspikepilot.snn.kernel=vector", KernelChecksum.class.getName()).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish: " + out);
        assertEquals(0, child.exitValue(), out);
        assertTrue(out.contains("scalar kernel (this JVM lacks jdk.incubator.vector; -Dspikepilot.snn.kernel=vector "
                + "needs --add-modules jdk.incubator.vector"), out);
        assertTrue(out.contains(KernelChecksum.line(StepKernel.SCALAR, KernelChecksum.run(StepKernel.VECTOR))), out);
    }

    private static void assertSameStep(FixedPointSnn scalar, FixedPointSnn vector, float[] o, String where) {
        int outputs = scalar.actionSize();
        float[] a = new float[outputs];
        float[] b = new float[outputs];
        scalar.step(o, 0, a, 0);
        vector.step(o, 0, b, 0);
        for (int j = 0; j < outputs; j++) {
            assertEquals(Float.floatToRawIntBits(a[j]), Float.floatToRawIntBits(b[j]), where + " output " + j);
            assertEquals(scalar.outputArgumentQ16(j), vector.outputArgumentQ16(j), where + " output argument " + j);
        }
        for (int i = 0; i < o.length; i++) {
            assertEquals(scalar.inputCode(i), vector.inputCode(i), where + " input code " + i);
        }
        int[] sizes = scalar.network().layerSizes();
        for (int k = 0; k < scalar.hiddenLayers(); k++) {
            assertEquals(scalar.lastSpikeCount(k), vector.lastSpikeCount(k), where + " layer " + k + " spikes");
            for (int s = 0; s < scalar.lastSpikeCount(k); s++) {
                assertEquals(scalar.lastSpikeIndex(k, s), vector.lastSpikeIndex(k, s), where + " layer " + k);
            }
            for (int j = 0; j < sizes[k + 1]; j++) {
                assertEquals(scalar.membrane(k, j), vector.membrane(k, j), where + " layer " + k + " neuron " + j);
            }
        }
        assertEquals(scalar.saturationEvents(), vector.saturationEvents(), where + " saturation events");
    }
}
