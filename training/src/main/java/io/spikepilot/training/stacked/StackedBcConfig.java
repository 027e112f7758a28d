package io.spikepilot.training.stacked;

import io.spikepilot.training.rl.ConfigValues;
import io.spikepilot.training.rl.FrameStackedSnnActor;
import io.spikepilot.training.rl.JsrlTask;
import io.spikepilot.training.schedule.SlopeSchedule;
import io.spikepilot.training.schedule.SlopeSchedules;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every setting of behaviour cloning in the slope study's frame-stacked setting (paper Fig. 2, spec §3.4): the
 * {@link FrameStackedSnnActor} regresses the guide's clean action on single transitions of a guide dataset
 * ({@code spikepilot dataset guide}). An epoch is {@code updates} Adam steps on batches of {@code batch} transitions;
 * the slope schedule advances per epoch. Keys are the command-line option names.
 */
public final class StackedBcConfig {
    public JsrlTask task = JsrlTask.CRAZYFLIE_MOTORS;
    public long seed = 1;
    public int epochs = 100;
    public int updates = 100;
    public int batchSize = 256;
    public int[] hidden = {256, 128};
    public int passes = FrameStackedSnnActor.PAPER_PASSES;
    public float learningRate = 1e-3f;
    public String slope = "adaptive";
    public int evalEvery = 1;
    public int evalEpisodes = 20;
    public long evalSeed = 20251028;

    public SlopeSchedule slopeSchedule() {
        return SlopeSchedules.parse(slope, epochs);
    }

    /** Checks every field; the message names the field, what was expected and what was found. */
    public void validate() {
        require(epochs >= 1, "epochs", "≥ 1", epochs);
        require(updates >= 1, "updates", "≥ 1", updates);
        require(batchSize >= 1, "batch", "≥ 1", batchSize);
        require(ConfigValues.sizes(hidden), "hidden", "positive layer sizes", ConfigValues.join(hidden));
        require(passes >= 1 && passes <= 64, "passes", "in [1, 64]", passes);
        require(learningRate > 0 && Float.isFinite(learningRate), "lr", "finite > 0", learningRate);
        require(evalEvery >= 1, "eval-every", "≥ 1", evalEvery);
        require(evalEpisodes >= 1, "eval-episodes", "≥ 1", evalEpisodes);
        try {
            slopeSchedule();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bc-stacked config: field 'slope': " + e.getMessage(), e);
        }
    }

    private static void require(boolean ok, String field, String expected, Object found) {
        if (!ok) {
            throw new IllegalArgumentException("bc-stacked config: field '" + field + "' expected " + expected
                    + ", found " + found);
        }
    }

    /** Ordered key → value view: printed at the start of a run and saved as config.txt. */
    public Map<String, String> entries() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("task", task.id());
        m.put("seed", Long.toString(seed));
        m.put("epochs", Integer.toString(epochs));
        m.put("updates", Integer.toString(updates));
        m.put("batch", Integer.toString(batchSize));
        m.put("hidden", ConfigValues.join(hidden));
        m.put("passes", Integer.toString(passes));
        m.put("lr", Float.toString(learningRate));
        m.put("slope", slope);
        m.put("eval-every", Integer.toString(evalEvery));
        m.put("eval-episodes", Integer.toString(evalEpisodes));
        m.put("eval-seed", Long.toString(evalSeed));
        return m;
    }

    /** Sets one field from its {@code key=value} form. */
    public void set(String key, String value) {
        Map<String, Consumer<String>> s = new LinkedHashMap<>();
        s.put("task", v -> task = JsrlTask.fromId(v));
        s.put("seed", v -> seed = Long.parseLong(v));
        s.put("epochs", v -> epochs = Integer.parseInt(v));
        s.put("updates", v -> updates = Integer.parseInt(v));
        s.put("batch", v -> batchSize = Integer.parseInt(v));
        s.put("hidden", v -> hidden = ConfigValues.parseSizes(v));
        s.put("passes", v -> passes = Integer.parseInt(v));
        s.put("lr", v -> learningRate = Float.parseFloat(v));
        s.put("slope", v -> slope = v);
        s.put("eval-every", v -> evalEvery = Integer.parseInt(v));
        s.put("eval-episodes", v -> evalEpisodes = Integer.parseInt(v));
        s.put("eval-seed", v -> evalSeed = Long.parseLong(v));
        ConfigValues.set(s, key, value);
    }
}
