package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.policy.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeNetworkCommandTest {
    @Test
    void theShippedNetworksGetTheirTableBesideThePapersWithCsvAndJson(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("stats.csv");
        Path json = dir.resolve("out/stats.json");
        CliRun.Outcome o = CliRun.run("analyze", "network", "--episodes", "2", "--seed", "5", "--csv", csv.toString(),
                "--json", json.toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().startsWith("2 episodes per network from seed 5"), o.out());
        assertTrue(o.out().contains("paper: SNN 256-128 (TD3BC+JSRL)"), o.out());
        String cf = line(o.out(), "crazyflie-motors-jsrl (float-snn)");
        assertTrue(cf.contains("18-256-128-4") && cf.contains("37,888"), cf);
        assertTrue(line(o.out(), "crazyflie-motors-ann-seed1 (ann)").contains("13,696"), o.out());
        assertTrue(line(o.out(), "x500-attitude-bc-fixed (fixed-snn)").contains("18-128-64-4"), o.out());
        // header, the paper's 2 rows, the ANN guide and the 6 shipped policies
        assertEquals(1 + 2 + 1 + ShippedNetworks.POLICIES.size(), Files.readAllLines(csv).size());
        Map<?, ?> root = (Map<?, ?>) Json.parse(Files.readString(json));
        assertEquals(5L, ((Map<?, ?>) root.get("run")).get("seed"));
        List<?> ours = (List<?>) root.get("ours");
        assertEquals(1 + ShippedNetworks.POLICIES.size(), ours.size());
        Map<?, ?> snn = (Map<?, ?>) ours.get(1);
        assertEquals("crazyflie-motors-jsrl", snn.get("model"));
        double as = (Double) snn.get("activation_sparsity");
        assertTrue(as > 0.5 && as < 0.99, "a trained controller is mostly but not entirely silent: " + as);
    }

    @Test
    void oneNamedPolicyWithoutTheAnnRow(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.safetensors");
        Files.write(file, ShippedNetworks.policy("x500-attitude-bc.safetensors"));
        CliRun.Outcome o = CliRun.run("analyze", "network", "--policy", file.toString(), "--ann", "none",
                "--episodes", "1");
        assertEquals(0, o.status(), o.err());
        String[] lines = o.out().split("\n");
        // settings, header, 2 paper rows, our row, footnote
        assertEquals(6, lines.length, o.out());
        assertTrue(lines[4].startsWith("mine (float-snn)") && lines[4].contains("10,752"), lines[4]);
    }

    @Test
    void aMissingOrCorruptPolicyFileExitsTwoNamingTheFile(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.safetensors");
        CliRun.Outcome o = CliRun.run("analyze", "network", "--policy", missing.toString());
        assertEquals(2, o.status());
        assertTrue(o.err().contains(missing.toString()), o.err());
        assertFalse(o.err().contains("Exception"), o.err());

        Path corrupt = dir.resolve("corrupt.safetensors");
        byte[] bytes = ShippedNetworks.policy("x500-attitude-bc.safetensors");
        Files.write(corrupt, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        o = CliRun.run("analyze", "network", "--policy", corrupt.toString());
        assertEquals(2, o.status());
        assertTrue(o.err().contains(corrupt.toString()), o.err());
        assertFalse(o.err().contains("Exception"), o.err());

        Path notAGuide = dir.resolve("guide.safetensors");
        Files.writeString(notAGuide, "not a safetensors file");
        o = CliRun.run("analyze", "network", "--ann", notAGuide.toString());
        assertEquals(2, o.status());
        assertTrue(o.err().contains(notAGuide.toString()), o.err());
    }

    private static String line(String text, String start) {
        for (String l : text.split("\n")) {
            if (l.startsWith(start)) {
                return l;
            }
        }
        throw new AssertionError("no line starting with '" + start + "' in:\n" + text);
    }
}
