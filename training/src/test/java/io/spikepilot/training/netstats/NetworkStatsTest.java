package io.spikepilot.training.netstats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NetworkStatsTest {
    private static final NetworkArchitecture PAPER_SNN = NetworkArchitecture.snn(18, 256, 128, 4);
    private static final NetworkArchitecture PAPER_ANN = NetworkArchitecture.ann(146, 64, 64, 4);

    @Test
    void denseSynapticOpsOfThePaperSnnAre37888() {
        // 18·256 = 4,608 (input → LIF 1) + 256·128 = 32,768 (LIF 1 → LIF 2) + 128·4 = 512 (LIF 2 → readout) = 37,888
        assertEquals(37_888, SynapticOps.dense(PAPER_SNN));
    }

    @Test
    void denseSynapticOpsOfThePaperAnnAre13696() {
        // 146·64 = 9,344 + 64·64 = 4,096 + 64·4 = 256 = 13,696; an ANN multiplies all of them
        assertEquals(13_696, SynapticOps.dense(PAPER_ANN));
        NetworkStats ann = NetworkStats.ann(PAPER_ANN);
        assertEquals(13_696, ann.effectiveMacs());
        assertEquals(0, ann.effectiveAcs());
        assertEquals(0, ann.activationSparsity());
        assertNull(ann.fixedPoint());
        assertTrue(Double.isNaN(ann.energyMillijoules()));
    }

    @Test
    void energyAtSparsity079Is974e5Millijoules() {
        // the paper's three terms: 256(81 + 18·1.7) = 28,569.6; 23.6·0.21·256 + 128(81 + 256·1.7) = 67,342.336;
        // 23.6·0.21·128 + 4(128·1.7) = 1,504.768; sum 97,416.704 pJ = 9.74e-5 mJ
        double pj = LoihiEnergy.picojoulesAtSparsity(PAPER_SNN, 0.79);
        assertEquals(28_569.6 + 67_342.336 + 1_504.768, pj, 1e-6);
        assertEquals(9.74e-5, LoihiEnergy.millijoules(pj), 0.005e-5);
    }

    @Test
    void energyFromPerLayerSpikesEqualsThePaperFormulaAtTheOverallSparsity() {
        // the layers fire unevenly (60 of 256 and 40 of 128 per step); AS over both = 1 − 100/384
        SpikeActivity activity = new SpikeActivity(PAPER_SNN, 10, 180, new long[] {600, 400});
        assertEquals(LoihiEnergy.picojoulesAtSparsity(PAPER_SNN, 1 - 100.0 / 384),
                LoihiEnergy.picojoulesPerStep(activity), 1e-9);
        // silent network: synapses and neuron updates only, 1.7·37,888 + 81·384 = 95,513.6 pJ
        assertEquals(95_513.6, LoihiEnergy.picojoulesAtSparsity(PAPER_SNN, 1.0), 1e-9);
    }

    @Test
    void float32FootprintOfThePaperSnnCountsWeightsBiasesBetaThresholdAndMembranes() {
        // weights 37,888 + biases 256 + 128 + 4 = 388 + β and θ 2·384 = 768 → 39,044 float32 = 156,176 B
        // (the paper's 158.3 kB adds the unused σ head, 128·4 + 4 = 516 floats); membranes 384 float32 = 1,536 B
        MemoryFootprint f = MemoryFootprint.float32(PAPER_SNN);
        assertEquals(156_176, f.parameterBytes());
        assertEquals(1_536, f.stateBytes());
        assertEquals(157_712, f.totalBytes());
    }

    @Test
    void float32FootprintOfThePaperAnnIs55312Bytes() {
        // 13,696 weights + 64 + 64 + 4 biases = 13,828 float32 = 55,312 B, the paper's 55.3 kB; no state
        assertEquals(new MemoryFootprint(55_312, 0), MemoryFootprint.float32(PAPER_ANN));
    }

    @Test
    void fixedPointFootprintPacksWeightsAtTheirBitWidth() {
        // 16-bit weights 2·37,888 = 75,776; per output bias, multiplier, shift 12·388 = 4,656; input scales 4·18 + 4
        // (clamp) = 76; β and θ 8·384 = 3,072 → 83,580 B; int32 membranes 1,536 B
        assertEquals(new MemoryFootprint(83_580, 1_536), MemoryFootprint.fixedPoint(PAPER_SNN, 16));
        // 8-bit weights save one byte per synapse
        assertEquals(83_580 - 37_888, MemoryFootprint.fixedPoint(PAPER_SNN, 8).parameterBytes());
        assertThrows(IllegalArgumentException.class, () -> MemoryFootprint.fixedPoint(PAPER_SNN, 12));
        assertThrows(IllegalArgumentException.class, () -> MemoryFootprint.fixedPoint(PAPER_ANN, 16));
    }

    @Test
    void effectiveOpsFollowMeasuredInputsAndSpikes() {
        // 10 steps, every input non-zero: MACs = 18·256 = 4,608; 538 and 270 spikes → 53.8·128 + 27.0·4 = 6,994.4 ACs
        SpikeActivity activity = new SpikeActivity(PAPER_SNN, 10, 180, new long[] {538, 270});
        assertEquals(4_608, SynapticOps.effectiveMacs(activity), 1e-9);
        assertEquals(6_994.4, SynapticOps.effectiveAcs(activity), 1e-9);
        // two of the 18 inputs exactly zero every step: 16·256 MACs
        assertEquals(4_096, SynapticOps.effectiveMacs(new SpikeActivity(PAPER_SNN, 10, 160, new long[] {0, 0})), 1e-9);
    }

    @Test
    void activitySumsBeforeTakingRatios() {
        // episode of 1 step with 256 spikes in layer 1 and one of 9 silent steps: 256/(10·256) silent-fraction 0.9
        SpikeActivity a = new SpikeActivity(PAPER_SNN, 1, 18, new long[] {256, 0});
        SpikeActivity b = new SpikeActivity(PAPER_SNN, 9, 162, new long[] {0, 0});
        SpikeActivity sum = a.plus(b);
        assertEquals(10, sum.steps());
        assertEquals(0.9, sum.layerSparsity(0), 1e-12);
        assertEquals(1.0, sum.layerSparsity(1), 1e-12);
        assertEquals(1 - 256.0 / 3840, sum.activationSparsity(), 1e-12);
    }

    @Test
    void impossibleCountsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SpikeActivity(PAPER_SNN, 1, 18, new long[] {257, 0}));
        assertThrows(IllegalArgumentException.class, () -> new SpikeActivity(PAPER_SNN, 1, 19, new long[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> new SpikeActivity(PAPER_SNN, 0, 0, new long[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> new SpikeActivity(PAPER_SNN, 1, 0, new long[] {0}));
        assertThrows(IllegalArgumentException.class, () -> NetworkArchitecture.snn(18, 4));
    }
}
