package io.spikepilot.training.netstats;

import io.spikepilot.controller.policy.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Table 2 with the paper's rows beside ours, as text for the terminal, CSV and JSON. Strings only; the caller writes
 * them. kB are 10^3 bytes, as the paper's 55.3 kB for 55,312 bytes implies.
 */
public final class NetworkStatsTable {
    private static final double BYTES_PER_KB = 1000.0;
    private static final String TEXT_ROW = "%-42s %-13s %7s %8s %8s %5s %8s %8s %8s %9s%n";
    private static final List<String> CSV_COLUMNS = List.of("source", "model", "format", "task", "architecture",
            "episodes", "steps", "return", "float32_parameter_bytes", "float32_state_bytes", "fixed_weight_bits",
            "fixed_parameter_bytes", "fixed_state_bytes", "activation_sparsity", "layer_sparsity",
            "mean_spikes_per_step", "dense_synops", "effective_macs", "effective_acs", "energy_pj", "energy_mj");

    private NetworkStatsTable() {
    }

    /** The terminal table: the paper's rows, then ours. */
    public static String text(List<AnalyzedNetwork> ours) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, TEXT_ROW, "model", "architecture", "return", "fp32 kB", "fixed kB",
                "AS", "synops", "eff MACs", "eff ACs", "energy mJ"));
        for (PaperTable2 p : PaperTable2.rows()) {
            sb.append(String.format(Locale.ROOT, TEXT_ROW, "paper: " + p.model(), p.architecture(),
                    String.format(Locale.ROOT, "%.0f", p.reward()), kb(p.footprintKilobytes()), "-",
                    String.format(Locale.ROOT, "%.2f", p.activationSparsity()), thousands(p.denseSynapticOps()),
                    thousands(p.effectiveMacs()), thousands(p.effectiveAcs()), energy(p.energyMillijoules())));
        }
        for (AnalyzedNetwork n : ours) {
            NetworkStats s = n.stats();
            sb.append(String.format(Locale.ROOT, TEXT_ROW, n.name() + " (" + n.format() + ")",
                    s.architecture().describe(),
                    n.evaluation() == null ? "-" : String.format(Locale.ROOT, "%.1f", n.evaluation().meanReturn()),
                    kb(s.float32().totalBytes() / BYTES_PER_KB),
                    s.fixedPoint() == null ? "-" : kb(s.fixedPoint().totalBytes() / BYTES_PER_KB),
                    String.format(Locale.ROOT, "%.3f", s.activationSparsity()),
                    String.format(Locale.ROOT, "%,d", s.denseSynapticOps()),
                    String.format(Locale.ROOT, "%,.0f", s.effectiveMacs()),
                    String.format(Locale.ROOT, "%,.0f", s.effectiveAcs()), energy(s.energyMillijoules())));
        }
        return sb.toString();
    }

    /** One CSV row per network, the paper's rows first (columns it does not report are empty). */
    public static String csv(List<AnalyzedNetwork> ours) {
        StringBuilder sb = new StringBuilder(String.join(",", CSV_COLUMNS)).append('\n');
        for (PaperTable2 p : PaperTable2.rows()) {
            List<String> f = new ArrayList<>(Collections.nCopies(CSV_COLUMNS.size(), ""));
            f.set(0, "paper");
            f.set(1, p.model());
            f.set(4, p.architecture());
            f.set(7, number(p.reward()));
            f.set(8, number(Math.round(p.footprintKilobytes() * BYTES_PER_KB)));
            f.set(13, number(p.activationSparsity()));
            f.set(16, number(p.denseSynapticOps()));
            f.set(17, number(p.effectiveMacs()));
            f.set(18, number(p.effectiveAcs()));
            if (Double.isFinite(p.energyMillijoules())) {
                f.set(19, number(p.energyMillijoules() * 1e9));
                f.set(20, number(p.energyMillijoules()));
            }
            sb.append(csvLine(f));
        }
        for (AnalyzedNetwork n : ours) {
            Map<String, Object> m = fields(n);
            List<String> f = new ArrayList<>();
            for (String c : CSV_COLUMNS) {
                Object v = m.get(c);
                f.add(v == null || v == Json.NULL ? "" : v instanceof List<?> l ? joined(l) : String.valueOf(v));
            }
            sb.append(csvLine(f));
        }
        return sb.toString();
    }

    /** A JSON object: {@code run} (what the caller measured with), {@code paper} and {@code ours}. */
    public static String json(Map<String, Object> run, List<AnalyzedNetwork> ours) {
        List<Object> paper = new ArrayList<>();
        for (PaperTable2 p : PaperTable2.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", p.model());
            m.put("architecture", p.architecture());
            m.put("return", p.reward());
            m.put("footprint_kb", p.footprintKilobytes());
            m.put("activation_sparsity", p.activationSparsity());
            m.put("dense_synops", p.denseSynapticOps());
            m.put("effective_macs", p.effectiveMacs());
            m.put("effective_acs", p.effectiveAcs());
            m.put("energy_mj", Double.isFinite(p.energyMillijoules()) ? p.energyMillijoules() : Json.NULL);
            paper.add(m);
        }
        List<Object> list = new ArrayList<>();
        for (AnalyzedNetwork n : ours) {
            Map<String, Object> m = fields(n);
            m.remove("source");
            list.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("run", run);
        root.put("paper", paper);
        root.put("ours", list);
        return Json.write(root);
    }

    private static Map<String, Object> fields(AnalyzedNetwork n) {
        NetworkStats s = n.stats();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", "ours");
        m.put("model", n.name());
        m.put("format", n.format());
        m.put("task", n.task());
        m.put("architecture", s.architecture().describe());
        m.put("episodes", n.evaluation() == null ? Json.NULL : (Object) (long) n.evaluation().episodes());
        m.put("steps", s.activity() == null ? Json.NULL : (Object) s.activity().steps());
        m.put("return", n.evaluation() == null ? Json.NULL : (Object) n.evaluation().meanReturn());
        m.put("float32_parameter_bytes", s.float32().parameterBytes());
        m.put("float32_state_bytes", s.float32().stateBytes());
        m.put("fixed_weight_bits", s.fixedPoint() == null ? Json.NULL : (Object) (long) s.fixedWeightBits());
        m.put("fixed_parameter_bytes", s.fixedPoint() == null ? Json.NULL : (Object) s.fixedPoint().parameterBytes());
        m.put("fixed_state_bytes", s.fixedPoint() == null ? Json.NULL : (Object) s.fixedPoint().stateBytes());
        m.put("activation_sparsity", s.activationSparsity());
        List<Object> sparsity = new ArrayList<>();
        List<Object> spikes = new ArrayList<>();
        if (s.activity() != null) {
            for (int h = 0; h < s.architecture().hiddenLayers(); h++) {
                sparsity.add(s.activity().layerSparsity(h));
                spikes.add(s.activity().meanSpikesPerStep(h));
            }
        }
        m.put("layer_sparsity", sparsity);
        m.put("mean_spikes_per_step", spikes);
        m.put("dense_synops", s.denseSynapticOps());
        m.put("effective_macs", s.effectiveMacs());
        m.put("effective_acs", s.effectiveAcs());
        m.put("energy_pj", Double.isFinite(s.energyPicojoules()) ? s.energyPicojoules() : Json.NULL);
        m.put("energy_mj", Double.isFinite(s.energyPicojoules()) ? s.energyMillijoules() : Json.NULL);
        return m;
    }

    private static String joined(List<?> values) {
        StringBuilder sb = new StringBuilder();
        for (Object v : values) {
            sb.append(sb.length() == 0 ? "" : ";").append(v);
        }
        return sb.toString();
    }

    private static String csvLine(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            String f = fields.get(i);
            sb.append(i == 0 ? "" : ",");
            sb.append(f.contains(",") || f.contains("\"") ? "\"" + f.replace("\"", "\"\"") + "\"" : f);
        }
        return sb.append('\n').toString();
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String kb(double kilobytes) {
        return String.format(Locale.ROOT, "%.1f", kilobytes);
    }

    private static String thousands(double v) {
        return v == 0 ? "0" : String.format(Locale.ROOT, "%.1fk", v / 1000);
    }

    private static String energy(double mj) {
        return Double.isFinite(mj) ? String.format(Locale.ROOT, "%.3e", mj) : "-";
    }
}
