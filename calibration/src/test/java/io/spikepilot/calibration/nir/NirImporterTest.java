package io.spikepilot.calibration.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.spikepilot.calibration.nir.NirImportOptions.ResetReading;
import io.spikepilot.controller.snn.FloatSnn;
import io.spikepilot.controller.snn.ResetRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fixtures and golden traces come from {@code src/reference/make_nir_fixtures.py} (h5py, the NIR file layout; traces
 * computed in float64 numpy from the NIR equations, independently of this code).
 */
class NirImporterTest {
    @TempDir
    Path dir;

    static Path fixture(String name) throws Exception {
        return Paths.get(NirImporterTest.class.getResource(name).toURI());
    }

    /** Steps the imported network over the trace's inputs and returns the largest action difference. */
    static double maxTraceError(NirImport imported, String trace, String actions) throws Exception {
        try (HdfFile h = new HdfFile(fixture(trace))) {
            float[][] in = (float[][]) h.getDatasetByPath("inputs").getData();
            double[][] expected = (double[][]) h.getDatasetByPath(actions).getData();
            FloatSnn snn = new FloatSnn(imported.network());
            float[] a = new float[expected[0].length];
            double worst = 0;
            for (int t = 0; t < in.length; t++) {
                snn.step(in[t], 0, a, 0);
                for (int j = 0; j < a.length; j++) {
                    worst = Math.max(worst, Math.abs(a[j] - expected[t][j]));
                }
            }
            return worst;
        }
    }

    @Test
    void snnTorchExportReproducesTheNirTraceWithZeroReset() throws Exception {
        NirImport imp = NirImporter.importFile(fixture("snntorch_leaky.nir"),
                new NirImportOptions(1e-4, ResetReading.NIR_ZERO));
        assertArrayEquals(new int[] {18, 8, 6, 4}, imp.network().layerSizes());
        assertEquals(ResetRule.ZERO_IMMEDIATE, imp.network().resetRule());
        assertEquals("1.0.0", imp.version());
        assertTrue(maxTraceError(imp, "snntorch_leaky.trace.h5", "actions_zero_immediate") < 1e-5);
    }

    @Test
    void declaredSnnTorchSubtractResetReproducesTheSubtractTrace() throws Exception {
        NirImport imp = NirImporter.importFile(fixture("snntorch_leaky.nir"),
                new NirImportOptions(1e-4, ResetReading.SNNTORCH_SUBTRACT_DELAYED));
        assertEquals(ResetRule.SUBTRACT_DELAYED, imp.network().resetRule());
        assertTrue(maxTraceError(imp, "snntorch_leaky.trace.h5", "actions_subtract_delayed") < 1e-5);
    }

    @Test
    void theTwoResetReadingsReallyDiffer() throws Exception {
        NirImport imp = NirImporter.importFile(fixture("snntorch_leaky.nir"),
                new NirImportOptions(1e-4, ResetReading.NIR_ZERO));
        assertTrue(maxTraceError(imp, "snntorch_leaky.trace.h5", "actions_subtract_delayed") > 1e-2);
    }

    @Test
    void snnTorchExportGivesBackItsBetaAndUnitGain() throws Exception {
        NirImport imp = NirImporter.importFile(fixture("snntorch_leaky.nir"),
                new NirImportOptions(1e-4, ResetReading.NIR_ZERO));
        for (int j = 0; j < 8; j++) {
            float beta = imp.network().lif().get(0).beta(j);
            assertTrue(beta >= 0.3f - 1e-5 && beta <= 0.95f + 1e-5, "β " + beta);
        }
    }

    @Test
    void norseStyleGraphWithFloat64ParametersLinearLayerAndLeakConverts() throws Exception {
        NirImport imp = NirImporter.importFile(fixture("norse_lifbox.nir"),
                new NirImportOptions(1e-3, ResetReading.NIR_ZERO));
        assertEquals("0.2.0", imp.version());
        assertEquals(0.9f, imp.network().lif().get(0).beta(0), 1e-6f);
        assertTrue(maxTraceError(imp, "norse_lifbox.trace.h5", "actions_zero_immediate") < 1e-5);
    }

    @Test
    void notesRecordDtResetAndTheAppendedTanh() throws Exception {
        NirImport imp = NirImporter.importFile(fixture("snntorch_leaky.nir"),
                new NirImportOptions(1e-4, ResetReading.NIR_ZERO));
        assertEquals("NIR 1.0.0, forward Euler at dt = 1.0E-4 s (NIR stores no dt)", imp.notes().get(0));
        assertTrue(imp.notes().stream().anyMatch(n -> n.startsWith("readout: tanh")));
    }

    @Test
    void dtLongerThanTauIsRefusedAsUnstable() throws Exception {
        Path f = fixture("snntorch_leaky.nir");
        NirImportException e = assertThrows(NirImportException.class,
                () -> NirImporter.importFile(f, new NirImportOptions(1e-2, ResetReading.NIR_ZERO)));
        assertTrue(e.getMessage().startsWith(f + ": node/nodes/lif1/tau: expected τ ≥ dt = 0.01 s"), e.getMessage());
        assertTrue(e.getMessage().contains("forward Euler is unstable at this dt"), e.getMessage());
    }

    @Test
    void synapticCurrentStateIsRefused() throws Exception {
        String m = refusal("cuba_synaptic.nir", 1e-3);
        assertTrue(m.contains("node/nodes/cuba/tau_syn: expected tau_syn = dt = 0.001 s"), m);
        assertTrue(m.contains("the runtime's LIF has no synaptic state"), m);
    }

    @Test
    void nonZeroResetPotentialIsRefused() throws Exception {
        String m = refusal("nonzero_reset.nir", 1e-4);
        assertTrue(m.endsWith("node/nodes/lif1/v_reset: expected 0 (the runtime resets to zero or subtracts θ), "
                + "found -0.10000000149011612 at neuron 0"), m);
    }

    @Test
    void recurrentGraphIsRefused() throws Exception {
        String m = refusal("recurrent.nir", 1e-4);
        assertTrue(m.contains("recurrent"), m);
    }

    @Test
    void statefulLeakyIntegratorReadoutIsRefused() throws Exception {
        String m = refusal("li_readout.nir", 1e-4);
        assertTrue(m.contains("node/nodes/li/tau: expected tau = dt = 1.0E-4 s (a memoryless readout)"), m);
    }

    @Test
    void missingThresholdIsNamed() throws Exception {
        String m = refusal("missing_threshold.nir", 1e-4);
        assertTrue(m.endsWith("node/nodes/lif1/v_threshold: expected a dataset, found nothing (missing field)"), m);
    }

    @Test
    void nonHdf5FileIsRefusedWithTheFileName() throws Exception {
        Path f = dir.resolve("garbage.nir");
        Files.write(f, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        NirImportException e = assertThrows(NirImportException.class,
                () -> NirImporter.importFile(f, new NirImportOptions(1e-4, ResetReading.NIR_ZERO)));
        assertTrue(e.getMessage().startsWith(f + ": file: expected an HDF5 file in the NIR layout, found unreadable"),
                e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("none.nir");
        NirImportException e = assertThrows(NirImportException.class,
                () -> NirImporter.importFile(f, new NirImportOptions(1e-4, ResetReading.NIR_ZERO)));
        assertEquals(f + ": file: expected a readable .nir (HDF5) file, found none at this path", e.getMessage());
    }

    private static String refusal(String name, double dt) throws Exception {
        Path f = fixture(name);
        return assertThrows(NirImportException.class,
                () -> NirImporter.importFile(f, new NirImportOptions(dt, ResetReading.NIR_ZERO))).getMessage();
    }
}
