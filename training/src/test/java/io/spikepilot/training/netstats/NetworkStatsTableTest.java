package io.spikepilot.training.netstats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.policy.Json;
import io.spikepilot.training.bc.Evaluation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkStatsTableTest {
    private static final AnalyzedNetwork SNN = new AnalyzedNetwork("net", "float-snn", "crazyflie-motors",
            new Evaluation(400, 500, 0, 0.05, 2),
            NetworkStats.spiking(new SpikeActivity(NetworkArchitecture.snn(18, 256, 128, 4), 1000, 18_000,
                    new long[] {53_760, 26_880}), 16));

    @Test
    void csvHasThePaperRowsThenOursWithEveryColumnFilledOrEmpty() {
        String[] lines = NetworkStatsTable.csv(List.of(SNN)).split("\n");
        assertEquals(1 + 2 + 1, lines.length);
        int columns = lines[0].split(",", -1).length;
        for (String line : lines) {
            assertEquals(columns, line.split(",", -1).length, line);
        }
        assertTrue(lines[2].startsWith("paper,SNN 256-128 (TD3BC+JSRL),"), lines[2]);
        // 53,760 / 1000 steps = 53.76 of 256 fire → layer sparsity 0.79; likewise 26.88 of 128
        assertTrue(lines[3].startsWith("ours,net,float-snn,crazyflie-motors,18-256-128-4,2,1000,400.0,156176,1536,16,"
                + "83580,1536,0.79"), lines[3]);
    }

    @Test
    void jsonCarriesTheRunSettingsThePaperAndOurRows() {
        Object parsed = Json.parse(NetworkStatsTable.json(Map.of("seed", 7L), List.of(SNN)));
        Map<?, ?> root = (Map<?, ?>) parsed;
        assertEquals(7L, ((Map<?, ?>) root.get("run")).get("seed"));
        assertEquals(2, ((List<?>) root.get("paper")).size());
        Map<?, ?> ours = (Map<?, ?>) ((List<?>) root.get("ours")).get(0);
        assertEquals(37_888L, ours.get("dense_synops"));
        // AS 0.79 uniform → the paper's energy, 97,416.704 pJ
        assertEquals(97_416.704, (Double) ours.get("energy_pj"), 1e-6);
        assertEquals(2, ((List<?>) ours.get("layer_sparsity")).size());
    }

    @Test
    void textShowsThePaperBesideOurs() {
        String[] lines = NetworkStatsTable.text(List.of(SNN)).split("\n");
        assertEquals(4, lines.length);
        assertTrue(lines[2].startsWith("paper: SNN 256-128") && lines[2].contains("9.740e-05"), lines[2]);
        assertTrue(lines[3].contains("37,888") && lines[3].contains("4,608") && lines[3].contains("9.742e-05"),
                lines[3]);
    }
}
