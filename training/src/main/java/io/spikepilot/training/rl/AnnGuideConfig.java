package io.spikepilot.training.rl;

import io.spikepilot.training.bc.AnnGuideFile;
import io.spikepilot.training.bc.GuideGains;
import io.spikepilot.training.schedule.SlopeSchedule;
import io.spikepilot.training.schedule.SlopeSchedules;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every setting of the ANN guide's TD3 training (paper-spec §3.1: "trained with TD3 … stopped once it could
 * consistently hover for the 50-step warm-up"). TD3's own defaults where the paper gives none (Fujimoto et al.:
 * batch 256, τ 0.005, smoothing σ 0.2 clipped at 0.5, policy delay 2, exploration σ 0.1); the critics are the
 * paper's 150 → 256 → 128 → 1. Keys are the command-line option names; {@link #entries()} writes them as
 * {@code key=value}, the form {@link #set} reads.
 *
 * <p>The stop criterion: every {@code test-every} environment steps the actor flies {@code test-episodes} seeded
 * episodes (seed {@code test-seed}, deliberately not the evaluation seed on which results are reported) on its own
 * from step 0, and training stops once at least {@code target-survival} of them last {@code survive-steps} steps.
 */
public final class AnnGuideConfig {
    /** What flies the first {@code start-steps} environment steps, before the actor does. */
    public enum StartPolicy {
        /** The PID guide (with the exploration noise): the buffer starts with flights that survive. */
        GUIDE,
        /** Uniform random actions in [−1, 1]⁴ (TD3's own start; crashes within a few steps on {@code motors}). */
        RANDOM
    }

    /** What the actor is. */
    public enum ActorKind {
        /** The paper's ANN guide: a tanh MLP, {@code hidden} tanh layers, tanh output. */
        MLP,
        /** The slope study's SNN: LIF layers of {@code hidden}, reset at every call, {@code passes} passes summed. */
        SNN_STACKED
    }

    public JsrlTask task = JsrlTask.CRAZYFLIE_MOTORS;
    public long seed = 1;
    public ActorKind actor = ActorKind.MLP;
    /** Forward passes per observation of the {@code snn-stacked} actor (the paper: 4). */
    public int passes = FrameStackedSnnActor.PAPER_PASSES;
    /** Surrogate slope schedule of the {@code snn-stacked} actor, one epoch per test interval. */
    public String slope = "fixed:2";
    /** Largest number of environment steps; training stops earlier on the survival target. */
    public long steps = 300_000;
    public int startSteps = 5_000;
    public StartPolicy startPolicy = StartPolicy.GUIDE;
    public GuideGains guideGains = null;
    public int envs = 4;
    public int batchSize = 256;
    /** Gradient steps per environment step (TD3: 1). */
    public double updatesPerStep = 1.0;
    public int[] hidden = {64, 64};
    public int[] criticHidden = {256, 128};
    public float actorLearningRate = 1e-3f;
    public float criticLearningRate = 1e-3f;
    public double gamma = 0.99;
    public double tau = 0.005;
    public double policyNoise = 0.2;
    public double noiseClip = 0.5;
    public int policyDelay = 2;
    public double exploreNoise = 0.1;
    public int bufferTransitions = 300_000;
    /** Reward curriculum level of the training episodes (0..6). */
    public int level = 0;
    public int testEvery = 5_000;
    public int testEpisodes = 50;
    public long testSeed = 7;
    public int surviveSteps = 50;
    /** Fraction of test episodes that must last {@code survive-steps}; 0 = never stop early. */
    public double targetSurvival = 0.9;
    public int evalEpisodes = 20;
    public long evalSeed = 20251028;
    public int threads = 1;

    /** A new, uninitialised actor of the configured kind. */
    public TransitionActor newActor(int observations, int actions) {
        return actor == ActorKind.MLP
                ? new MlpTransitionActor(() -> AnnGuideFile.network(observations, hidden, actions))
                : new FrameStackedSnnActor(observations, hidden, actions, passes);
    }

    /** Epochs of the slope schedule: one per test interval. */
    public int epochs() {
        return (int) Math.max(1, (steps + testEvery - 1) / testEvery);
    }

    public SlopeSchedule slopeSchedule() {
        return SlopeSchedules.parse(slope, epochs());
    }

    public GuideGains effectiveGuideGains() {
        return guideGains != null ? guideGains : GuideGains.defaultFor(task.actionSpace());
    }

    /** Checks every field; the message names the field (its option name), what was expected and what was found. */
    public void validate() {
        require(steps >= 1, "steps", "≥ 1", steps);
        require(startSteps >= 0, "start-steps", "≥ 0", startSteps);
        require(envs >= 1 && envs <= 1024, "envs", "in [1, 1024]", envs);
        require(batchSize >= 1, "batch", "≥ 1", batchSize);
        require(updatesPerStep >= 0 && Double.isFinite(updatesPerStep), "updates-per-step", "finite ≥ 0",
                updatesPerStep);
        require(ConfigValues.sizes(hidden), "hidden", "sizes ≥ 1", Arrays.toString(hidden));
        require(ConfigValues.sizes(criticHidden), "critic-hidden", "sizes ≥ 1", Arrays.toString(criticHidden));
        require(actorLearningRate > 0 && Float.isFinite(actorLearningRate), "lr", "> 0", actorLearningRate);
        require(criticLearningRate > 0 && Float.isFinite(criticLearningRate), "critic-lr", "> 0", criticLearningRate);
        require(gamma >= 0 && gamma <= 1, "gamma", "in [0, 1]", gamma);
        require(tau > 0 && tau <= 1, "tau", "in (0, 1]", tau);
        require(policyNoise >= 0 && Double.isFinite(policyNoise), "policy-noise", "finite ≥ 0", policyNoise);
        require(noiseClip >= 0 && Double.isFinite(noiseClip), "noise-clip", "finite ≥ 0", noiseClip);
        require(policyDelay >= 1, "policy-delay", "≥ 1", policyDelay);
        require(exploreNoise >= 0 && Double.isFinite(exploreNoise), "explore-noise", "finite ≥ 0", exploreNoise);
        require(bufferTransitions >= batchSize, "buffer", "≥ batch (" + batchSize + ")", bufferTransitions);
        require(level >= 0 && level <= 6, "level", "in [0, 6]", level);
        require(testEvery >= 1, "test-every", "≥ 1", testEvery);
        require(testEpisodes >= 1, "test-episodes", "≥ 1", testEpisodes);
        require(surviveSteps >= 1, "survive-steps", "≥ 1", surviveSteps);
        require(targetSurvival >= 0 && targetSurvival <= 1, "target-survival", "in [0, 1]", targetSurvival);
        require(evalEpisodes >= 1, "eval-episodes", "≥ 1", evalEpisodes);
        require(threads >= 1, "threads", "≥ 1", threads);
        require(passes >= 1 && passes <= 64, "passes", "in [1, 64]", passes);
        try {
            slopeSchedule();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ann-guide config: field 'slope': " + e.getMessage(), e);
        }
    }


    private static void require(boolean ok, String field, String expected, Object found) {
        if (!ok) {
            throw new IllegalArgumentException("ann-guide config: field '" + field + "' expected " + expected
                    + ", found " + found);
        }
    }

    /** Ordered key → value view: printed at the start of a run, saved as config.txt and stored in the guide file. */
    public Map<String, String> entries() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("task", task.id());
        m.put("seed", Long.toString(seed));
        m.put("actor", actor.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        m.put("passes", Integer.toString(passes));
        m.put("slope", slope);
        m.put("steps", Long.toString(steps));
        m.put("start-steps", Integer.toString(startSteps));
        m.put("start-policy", startPolicy.name().toLowerCase(Locale.ROOT));
        m.put("guide-gains", effectiveGuideGains().id());
        m.put("envs", Integer.toString(envs));
        m.put("batch", Integer.toString(batchSize));
        m.put("updates-per-step", Double.toString(updatesPerStep));
        m.put("hidden", ConfigValues.join(hidden));
        m.put("critic-hidden", ConfigValues.join(criticHidden));
        m.put("lr", Float.toString(actorLearningRate));
        m.put("critic-lr", Float.toString(criticLearningRate));
        m.put("gamma", Double.toString(gamma));
        m.put("tau", Double.toString(tau));
        m.put("policy-noise", Double.toString(policyNoise));
        m.put("noise-clip", Double.toString(noiseClip));
        m.put("policy-delay", Integer.toString(policyDelay));
        m.put("explore-noise", Double.toString(exploreNoise));
        m.put("buffer", Integer.toString(bufferTransitions));
        m.put("level", Integer.toString(level));
        m.put("test-every", Integer.toString(testEvery));
        m.put("test-episodes", Integer.toString(testEpisodes));
        m.put("test-seed", Long.toString(testSeed));
        m.put("survive-steps", Integer.toString(surviveSteps));
        m.put("target-survival", Double.toString(targetSurvival));
        m.put("eval-episodes", Integer.toString(evalEpisodes));
        m.put("eval-seed", Long.toString(evalSeed));
        m.put("threads", Integer.toString(threads));
        return m;
    }

    /** Sets one field from its {@code key=value} form; errors name the key, the expectation and the finding. */
    public void set(String key, String value) {
        ConfigValues.set(setters(), key, value);
    }

    private Map<String, Consumer<String>> setters() {
        Map<String, Consumer<String>> s = new LinkedHashMap<>();
        s.put("task", v -> task = JsrlTask.fromId(v));
        s.put("seed", v -> seed = Long.parseLong(v));
        s.put("actor", v -> actor = ConfigValues.parseEnum(ActorKind.class, "actor", v));
        s.put("passes", v -> passes = Integer.parseInt(v));
        s.put("slope", v -> slope = v);
        s.put("steps", v -> steps = Long.parseLong(v));
        s.put("start-steps", v -> startSteps = Integer.parseInt(v));
        s.put("start-policy", v -> startPolicy = ConfigValues.parseEnum(StartPolicy.class, "start-policy", v));
        s.put("guide-gains", v -> guideGains = ConfigValues.parseEnum(GuideGains.class, "guide-gains", v));
        s.put("envs", v -> envs = Integer.parseInt(v));
        s.put("batch", v -> batchSize = Integer.parseInt(v));
        s.put("updates-per-step", v -> updatesPerStep = Double.parseDouble(v));
        s.put("hidden", v -> hidden = ConfigValues.parseSizes(v));
        s.put("critic-hidden", v -> criticHidden = ConfigValues.parseSizes(v));
        s.put("lr", v -> actorLearningRate = Float.parseFloat(v));
        s.put("critic-lr", v -> criticLearningRate = Float.parseFloat(v));
        s.put("gamma", v -> gamma = Double.parseDouble(v));
        s.put("tau", v -> tau = Double.parseDouble(v));
        s.put("policy-noise", v -> policyNoise = Double.parseDouble(v));
        s.put("noise-clip", v -> noiseClip = Double.parseDouble(v));
        s.put("policy-delay", v -> policyDelay = Integer.parseInt(v));
        s.put("explore-noise", v -> exploreNoise = Double.parseDouble(v));
        s.put("buffer", v -> bufferTransitions = Integer.parseInt(v));
        s.put("level", v -> level = Integer.parseInt(v));
        s.put("test-every", v -> testEvery = Integer.parseInt(v));
        s.put("test-episodes", v -> testEpisodes = Integer.parseInt(v));
        s.put("test-seed", v -> testSeed = Long.parseLong(v));
        s.put("survive-steps", v -> surviveSteps = Integer.parseInt(v));
        s.put("target-survival", v -> targetSurvival = Double.parseDouble(v));
        s.put("eval-episodes", v -> evalEpisodes = Integer.parseInt(v));
        s.put("eval-seed", v -> evalSeed = Long.parseLong(v));
        s.put("threads", v -> threads = Integer.parseInt(v));
        return s;
    }



}
