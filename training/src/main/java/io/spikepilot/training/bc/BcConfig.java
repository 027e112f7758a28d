package io.spikepilot.training.bc;

import io.spikepilot.controller.action.ActionSpace;
import io.spikepilot.training.schedule.SlopeSchedules;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every setting of a behaviour-cloning run. Defaults follow the paper's BC baseline (paper-spec §3.2: hidden
 * [256, 128], Adam 1e−3, batch 50, 300 epochs, 100-step windows with a 50-step warm-up, adaptive slope from k = 2,
 * 20 test episodes) where it gives them; the rest are stated here.
 */
public final class BcConfig {
    /** Bundled airframe name or YAML path. {@code motors} is the paper's task (use the Crazyflie there). */
    public String airframe = "x500";
    public ActionSpace actionSpace = ActionSpace.ATTITUDE;
    public long seed = 1;
    /** Guide episodes kept for the dataset. */
    public int episodes = 200;
    /** Environments stepped together while collecting. */
    public int collectEnvironments = 32;
    /** σ of the Gaussian noise on the applied (not the stored) guide action. */
    public double collectNoise = 0.1;
    /** Guide PID gains; null (the default) means {@link GuideGains#defaultFor} the action space. */
    public GuideGains guideGains;
    public int windowLength = 100;
    public int warmupSteps = 50;
    public int windowStride = 50;
    public int[] hidden = {256, 128};
    public int epochs = 300;
    public int batchSize = 50;
    public float learningRate = 1e-3f;
    /** Global gradient-norm clip; 0 disables clipping. */
    public double clipNorm = 1.0;
    public String slopeSchedule = "adaptive";
    public int evalEvery = 10;
    public int evalEpisodes = 20;
    public long evalSeed = 20251028;
    public int evalGuideSteps = 50;
    /** Epochs between DAgger rounds (learner flies, guide labels); 0 = plain behaviour cloning. */
    public int daggerEvery = 0;
    /** Learner episodes per DAgger round. */
    public int daggerEpisodes = 40;
    public int threads = Runtime.getRuntime().availableProcessors();
    /** Sequences per gradient chunk: fixes the floating-point reduction order independently of the thread count. */
    public int chunkSize = 5;

    /** The gain set the guide flies with: {@link #guideGains}, or the action space's default when it is null. */
    public GuideGains guideGains() {
        return guideGains != null ? guideGains : GuideGains.defaultFor(actionSpace);
    }

    /** Checks every field; the message names the field, what was expected and what was found. */
    public void validate() {
        require(episodes >= 1, "episodes", "≥ 1", episodes);
        require(collectEnvironments >= 1, "collect-envs", "≥ 1", collectEnvironments);
        require(collectNoise >= 0 && Double.isFinite(collectNoise), "collect-noise", "finite ≥ 0", collectNoise);
        require(windowLength >= 2, "window", "≥ 2", windowLength);
        require(warmupSteps >= 0 && warmupSteps < windowLength, "warmup", "in [0, window)", warmupSteps);
        require(windowStride >= 1, "stride", "≥ 1", windowStride);
        require(hidden.length >= 1 && Arrays.stream(hidden).allMatch(h -> h >= 1), "hidden", "sizes ≥ 1",
                Arrays.toString(hidden));
        require(epochs >= 1, "epochs", "≥ 1", epochs);
        require(batchSize >= 1, "batch", "≥ 1", batchSize);
        require(learningRate > 0 && Float.isFinite(learningRate), "lr", "> 0", learningRate);
        require(clipNorm >= 0 && Double.isFinite(clipNorm), "clip", "≥ 0", clipNorm);
        require(evalEvery >= 1, "eval-every", "≥ 1", evalEvery);
        require(evalEpisodes >= 1, "eval-episodes", "≥ 1", evalEpisodes);
        require(evalGuideSteps >= 0, "eval-guide-steps", "≥ 0", evalGuideSteps);
        require(daggerEvery >= 0, "dagger-every", "≥ 0", daggerEvery);
        require(daggerEpisodes >= 1, "dagger-episodes", "≥ 1", daggerEpisodes);
        require(threads >= 1, "threads", "≥ 1", threads);
        require(chunkSize >= 1, "chunk", "≥ 1", chunkSize);
        require(actionSpace != null, "action-space", "motors or attitude", "nothing");
        SlopeSchedules.parse(slopeSchedule, epochs);
    }

    private static void require(boolean ok, String field, String expected, Object found) {
        if (!ok) {
            throw new IllegalArgumentException("bc config: field '" + field + "' expected " + expected + ", found "
                    + found);
        }
    }

    /** Ordered name → value view, printed at the start of a run, saved as config.txt and stored in the policy. */
    public Map<String, String> entries() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("airframe", airframe);
        m.put("action-space", actionSpace.id());
        m.put("seed", Long.toString(seed));
        m.put("episodes", Integer.toString(episodes));
        m.put("collect-envs", Integer.toString(collectEnvironments));
        m.put("collect-noise", Double.toString(collectNoise));
        m.put("guide-gains", guideGains().id());
        m.put("window", Integer.toString(windowLength));
        m.put("warmup", Integer.toString(warmupSteps));
        m.put("stride", Integer.toString(windowStride));
        m.put("hidden", Arrays.toString(hidden).replaceAll("[\\[\\] ]", ""));
        m.put("epochs", Integer.toString(epochs));
        m.put("batch", Integer.toString(batchSize));
        m.put("lr", Float.toString(learningRate));
        m.put("clip", Double.toString(clipNorm));
        m.put("slope", slopeSchedule);
        m.put("eval-every", Integer.toString(evalEvery));
        m.put("eval-episodes", Integer.toString(evalEpisodes));
        m.put("eval-seed", Long.toString(evalSeed));
        m.put("eval-guide-steps", Integer.toString(evalGuideSteps));
        m.put("dagger-every", Integer.toString(daggerEvery));
        m.put("dagger-episodes", Integer.toString(daggerEpisodes));
        m.put("threads", Integer.toString(threads));
        m.put("chunk", Integer.toString(chunkSize));
        return m;
    }
}
