package io.spikepilot.training.offline;

import io.spikepilot.training.rl.JsrlConfig;
import io.spikepilot.training.rl.JsrlConfigFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every setting of an offline run: the method, the dataset file and a {@link JsrlConfig} for the rest (the same keys
 * and meanings as {@code train jsrl}; collection settings are unused). {@link #preset} gives each method the
 * paper's values (paper-spec §3.2, §3.4):
 *
 * <ul>
 *   <li><b>bc</b>: SNN [256, 128], batch 50, Adam 1e−3, 300 epochs, adaptive slope from 2, loss = mean of
 *       (â − a)² over the elements of the steps t ≥ 50, labels = the guide's clean actions;</li>
 *   <li><b>td3bc</b>: SNN [256, 256], twin critics, batch 125, τ 0.01, γ 0.99, α 2.0, 300 epochs, actor loss
 *       −(α/mean|Q|)·mean Q(s, π(s)) + MSE(π(s), a) for t ≥ 50. The learner's BC term is λ_BC·mean ‖â − a‖² (summed
 *       over the 4 action components), so λ_BC = 0.25 with no decay is exactly Fujimoto and Gu's element-mean MSE
 *       of weight 1.</li>
 * </ul>
 *
 * One epoch is {@code updates} gradient steps on windows drawn uniformly from the dataset, or, with
 * {@code updates=0}, as many steps as one pass over the dataset takes (the paper's epoch).
 */
public final class OfflineConfig {
    /** The offline methods. */
    public enum Method {
        BC("bc-offline"), TD3BC("td3bc");

        private final String id;

        Method(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Method fromId(String v) {
            for (Method m : values()) {
                if (m.id.equals(v.trim().toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
            throw new IllegalArgumentException("key 'method' expected bc-offline or td3bc, found '" + v + "'");
        }
    }

    public final Method method;
    public Path dataset;
    public final JsrlConfig rl = new JsrlConfig();

    public OfflineConfig(Method method) {
        this.method = method;
        preset(method, rl);
    }

    /** The paper's settings of {@code method} over {@link JsrlConfig}'s defaults. */
    public static void preset(Method method, JsrlConfig c) {
        c.epochs = 300;
        c.rolloutsPerEpoch = 1;
        c.guideHorizon = 0;
        c.exploreNoise = 0;
        c.bcDecay = 1.0;
        c.updatesPerEpoch = 0;
        c.evalEvery = 10;
        if (method == Method.BC) {
            c.hidden = new int[] {256, 128};
            c.batchSize = 50;
            c.bcWeight = 1.0;
            c.bcTarget = JsrlConfig.BcTarget.GUIDE;
        } else {
            c.hidden = new int[] {256, 256};
            c.batchSize = 125;
            c.tau = 0.01;
            c.gamma = 0.99;
            c.alpha = 2.0;
            c.bcWeight = 0.25;
            c.bcTarget = JsrlConfig.BcTarget.BUFFER;
        }
    }

    public void validate() {
        if (dataset == null) {
            throw new IllegalArgumentException(method.id() + " config: field 'dataset' expected a guide dataset "
                    + "file (spikepilot dataset guide), found nothing");
        }
        rl.validate();
    }

    /** Ordered settings: method, dataset, then the learner's (a run's config.txt). */
    public Map<String, String> entries() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("method", method.id());
        m.put("dataset", dataset == null ? "" : dataset.toString());
        m.putAll(rl.entries());
        return m;
    }

    /** Sets one key; {@code method} must name this config's method. */
    public void set(String key, String value) {
        switch (key) {
            case "method" -> {
                if (Method.fromId(value) != method) {
                    throw new IllegalArgumentException("key 'method' expected " + method.id() + ", found '"
                            + value.trim() + "'");
                }
            }
            case "dataset" -> dataset = Path.of(value.trim());
            default -> rl.set(key, value);
        }
    }

    /** Reads a {@code key=value} file (a run's config.txt); provenance lines are skipped. */
    public void read(Path file) {
        JsrlConfigFile.read(file, this::set);
    }
}
