package io.spikepilot.training.rl;

import io.spikepilot.training.bc.AnnGuideFile;
import io.spikepilot.simulator.env.RewardCurriculum;
import io.spikepilot.training.bc.GuideGains;
import io.spikepilot.training.schedule.SlopeSchedules;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every setting of a TD3BC+JSRL run (paper-spec §3.2, §3.3). The algorithm's constants are the paper's (γ, τ, α,
 * λ_BC and its decay, smoothing noise and clip, guide horizon, warm-up, window, stride, learning rates, the actor's Q
 * term on the SNN's own actions, the one-step target); where the paper and its code differ the paper's value is the
 * default and the code's is one option away. The <em>budget</em> defaults (epochs, updates per epoch, batch, critic
 * rows, critic updates) fit a 2-core machine in about half an hour instead of the paper's 6 hours on 12 cores, and
 * the BC term follows the guide's shadow labels ({@link BcTarget#GUIDE}): with the paper's buffer target the SNN
 * did not learn to fly within that budget (BENCHMARKS.md, "TD3BC+JSRL"). The paper's own budget is
 * {@code --epochs 1000 --batch 350 --critic-steps 100 --critic-updates 1 --bc-target buffer}. Keys are the command-line option names; {@link #entries()} writes them in the {@code key=value} form that
 * {@link #set} reads back, so a run's {@code config.txt} is a valid {@code --config} file.
 *
 * <p>One <em>epoch</em> here is one collection round ({@link #rolloutsPerEpoch} accepted rollouts) followed by
 * {@link #updatesPerEpoch} gradient steps. The authors' code runs 50 epochs per round of 9 rollouts with
 * 5·|D|/B steps each, which is far beyond a 2-core budget; λ_BC decays per epoch as in the paper, the guide horizon
 * shrinks per epoch as the code shrinks it per round, and the reward curriculum moves in six even steps over
 * {@link #curriculumEpochs}.
 */
public final class JsrlConfig {
    /** Which side of the actor's Q term gets the actor's gradient. */
    public enum ActorQ {
        /** The paper: Q₁(s, π_θ(s)), the gradient flows through the critic into the SNN. */
        POLICY,
        /** The authors' code: Q₁(s, a_buffer), no gradient from Q (λ still scales by its mean), BC on buffer data. */
        BUFFER
    }

    /** What the behaviour-cloning term pulls the SNN's actions towards. */
    public enum BcTarget {
        /** The paper: the buffer's applied actions (the guide's where it flew, the SNN's own noisy ones after). */
        BUFFER,
        /**
         * Not in the paper: the guide's action at every step, the guide stepped in shadow where the SNN flew — a
         * DAgger-style relabelling that the privileged guide makes free in simulation.
         */
        GUIDE
    }

    /** How the critics' target is formed. */
    public enum CriticTarget {
        /**
         * The paper's one-step TD3 target with the SNN target actor unrolled over the window shifted by one; where
         * that actor is still in its warm-up (t + 1 &lt; warm-up) the buffer's next action stands in, smoothed.
         */
        ONE_STEP,
        /** The authors' code: y = r_t + γ r_{t+1} + γ² min Q'(s_{t+2}, a_{t+2} + ε), no target actor. */
        CODE_TWO_STEP
    }

    public JsrlTask task = JsrlTask.CRAZYFLIE_MOTORS;
    public long seed = 1;
    public int epochs = 40;
    public int rolloutsPerEpoch = 9;
    public int updatesPerEpoch = 60;
    /** Windows per gradient step (the paper: 350). */
    public int batchSize = 64;
    /**
     * Steps of each sampled window that enter the critics' loss: the window length (the paper: every step) or
     * fewer, drawn uniformly per window and step.
     */
    public int criticSteps = 16;
    /** Critic updates per actor update (the paper: 1), on the same windows with fresh steps and noise. */
    public int criticUpdates = 2;
    public int windowLength = 100;
    public int warmupSteps = 50;
    public int windowStride = 50;
    public long bufferTransitions = 2_000_000;
    public int[] hidden = {256, 128};
    public int[] criticHidden = {256, 128};
    public float actorLearningRate = 1e-3f;
    /** The paper's table gives 1e−3 for "learning rate"; the authors' code trains the critics at 3e−4. */
    public float criticLearningRate = 3e-4f;
    public double gamma = 0.99;
    public double tau = 0.01;
    public double alpha = 2.0;
    public double bcWeight = 0.2;
    public double bcDecay = 0.99;
    public double policyNoise = 0.2;
    public double noiseClip = 0.5;
    /** σ of the Gaussian noise on the SNN's applied actions after the guide (not given by the paper; the code: 0). */
    public double exploreNoise = 0.1;
    public int guideHorizon = 450;
    public int guideHorizonStep = 25;
    /**
     * Whether the guide flies the warm-up of collected episodes when the horizon is shorter (the paper's JSRL and
     * its no-jump-start ablation: yes); off, the SNN flies collected episodes from their first step, which is the
     * paper's TD3 baseline ("no guide"). Evaluation is unaffected: the guide flies its warm-up there regardless.
     */
    public boolean guideWarmup = true;
    public String slopeSchedule = "adaptive";
    public ActorQ actorQ = ActorQ.POLICY;
    public CriticTarget criticTarget = CriticTarget.ONE_STEP;
    public BcTarget bcTarget = BcTarget.GUIDE;
    /** Epochs over which the reward curriculum climbs its six steps; 0 = the whole run. */
    public int curriculumEpochs = 30;
    /** Global norm clip of the actor gradient; 0 = off. */
    public double clipNorm = 1.0;
    public GuideGains guideGains = null;
    /** The privileged guide: {@code pid} (the PID through the task's action space) or {@code ann:<path>}. */
    public String guide = "pid";
    public int evalEvery = 5;
    public int evalEpisodes = 20;
    public long evalSeed = 20251028;
    public int evalGuideSteps = 50;
    /** Epochs between checkpoints; 0 = only at the end. */
    public int checkpointEvery = 10;
    public int threads = Runtime.getRuntime().availableProcessors();

    /** The guide gains in force: the configured set, else the task's default. */
    public GuideGains effectiveGuideGains() {
        return guideGains != null ? guideGains : GuideGains.defaultFor(task.actionSpace());
    }

    /** Epochs of the curriculum in force. */
    public int effectiveCurriculumEpochs() {
        return curriculumEpochs > 0 ? curriculumEpochs : epochs;
    }

    /** Reward curriculum level during epoch {@code epoch} (0-based): six even steps over the curriculum's epochs. */
    public int curriculumLevel(int epoch) {
        return Math.min(RewardCurriculum.MAX_LEVEL,
                (int) ((long) epoch * (RewardCurriculum.MAX_LEVEL + 1) / effectiveCurriculumEpochs()));
    }

    /** Checks every field; the message names the field (its option name), what was expected and what was found. */
    public void validate() {
        require(epochs >= 1, "epochs", "≥ 1", epochs);
        require(rolloutsPerEpoch >= 1, "rollouts", "≥ 1", rolloutsPerEpoch);
        require(updatesPerEpoch >= 0, "updates", "≥ 0", updatesPerEpoch);
        require(batchSize >= 1, "batch", "≥ 1", batchSize);
        require(criticSteps >= 1, "critic-steps", "≥ 1", criticSteps);
        require(criticUpdates >= 1, "critic-updates", "≥ 1", criticUpdates);
        require(windowLength >= 2, "window", "≥ 2", windowLength);
        require(warmupSteps >= 0 && warmupSteps < windowLength, "warmup", "in [0, window)", warmupSteps);
        require(windowStride >= 1, "stride", "≥ 1", windowStride);
        require(bufferTransitions >= windowLength, "buffer", "≥ one window (" + windowLength + ")", bufferTransitions);
        require(ConfigValues.sizes(hidden), "hidden", "sizes ≥ 1", Arrays.toString(hidden));
        require(ConfigValues.sizes(criticHidden), "critic-hidden", "sizes ≥ 1", Arrays.toString(criticHidden));
        require(actorLearningRate > 0 && Float.isFinite(actorLearningRate), "lr", "> 0", actorLearningRate);
        require(criticLearningRate > 0 && Float.isFinite(criticLearningRate), "critic-lr", "> 0", criticLearningRate);
        require(gamma >= 0 && gamma <= 1, "gamma", "in [0, 1]", gamma);
        require(tau > 0 && tau <= 1, "tau", "in (0, 1]", tau);
        require(alpha >= 0 && Double.isFinite(alpha), "alpha", "finite ≥ 0", alpha);
        require(bcWeight >= 0 && Double.isFinite(bcWeight), "bc", "finite ≥ 0", bcWeight);
        require(bcDecay > 0 && bcDecay <= 1, "bc-decay", "in (0, 1]", bcDecay);
        require(policyNoise >= 0 && Double.isFinite(policyNoise), "policy-noise", "finite ≥ 0", policyNoise);
        require(noiseClip >= 0 && Double.isFinite(noiseClip), "noise-clip", "finite ≥ 0", noiseClip);
        require(exploreNoise >= 0 && Double.isFinite(exploreNoise), "explore-noise", "finite ≥ 0", exploreNoise);
        require(guideHorizon >= 0, "guide-horizon", "≥ 0", guideHorizon);
        require(guideHorizonStep >= 0, "guide-horizon-step", "≥ 0", guideHorizonStep);
        require(curriculumEpochs >= 0, "curriculum-epochs", "≥ 0", curriculumEpochs);
        require(clipNorm >= 0 && Double.isFinite(clipNorm), "clip", "finite ≥ 0", clipNorm);
        require(evalEvery >= 1, "eval-every", "≥ 1", evalEvery);
        require(evalEpisodes >= 1, "eval-episodes", "≥ 1", evalEpisodes);
        require(evalGuideSteps >= 0, "eval-guide-steps", "≥ 0", evalGuideSteps);
        require(checkpointEvery >= 0, "checkpoint-every", "≥ 0", checkpointEvery);
        require(guide.equals("pid") || guide.startsWith("ann:") && guide.length() > 4, "guide", "pid or ann:<path>",
                "'" + guide + "'");
        if (guide.startsWith("ann:")) {
            AnnGuideFile.loadFor(java.nio.file.Path.of(guide.substring(4)), task.actionSpace());
        }
        require(threads >= 1, "threads", "≥ 1", threads);
        try {
            SlopeSchedules.parse(slopeSchedule, epochs);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("jsrl config: field 'slope' expected fixed:K, interval[...] or "
                    + "adaptive[...], found '" + slopeSchedule + "' (" + e.getMessage() + ")");
        }
    }


    private static void require(boolean ok, String field, String expected, Object found) {
        if (!ok) {
            throw new IllegalArgumentException("jsrl config: field '" + field + "' expected " + expected + ", found "
                    + found);
        }
    }

    /** Ordered key → value view: printed at the start of a run, saved as config.txt and stored in the policy. */
    public Map<String, String> entries() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("task", task.id());
        m.put("seed", Long.toString(seed));
        m.put("epochs", Integer.toString(epochs));
        m.put("rollouts", Integer.toString(rolloutsPerEpoch));
        m.put("updates", Integer.toString(updatesPerEpoch));
        m.put("batch", Integer.toString(batchSize));
        m.put("critic-steps", Integer.toString(criticSteps));
        m.put("critic-updates", Integer.toString(criticUpdates));
        m.put("window", Integer.toString(windowLength));
        m.put("warmup", Integer.toString(warmupSteps));
        m.put("stride", Integer.toString(windowStride));
        m.put("buffer", Long.toString(bufferTransitions));
        m.put("hidden", ConfigValues.join(hidden));
        m.put("critic-hidden", ConfigValues.join(criticHidden));
        m.put("lr", Float.toString(actorLearningRate));
        m.put("critic-lr", Float.toString(criticLearningRate));
        m.put("gamma", Double.toString(gamma));
        m.put("tau", Double.toString(tau));
        m.put("alpha", Double.toString(alpha));
        m.put("bc", Double.toString(bcWeight));
        m.put("bc-decay", Double.toString(bcDecay));
        m.put("policy-noise", Double.toString(policyNoise));
        m.put("noise-clip", Double.toString(noiseClip));
        m.put("explore-noise", Double.toString(exploreNoise));
        m.put("guide-horizon", Integer.toString(guideHorizon));
        m.put("guide-horizon-step", Integer.toString(guideHorizonStep));
        m.put("guide-warmup", Boolean.toString(guideWarmup));
        m.put("slope", slopeSchedule);
        m.put("actor-q", ConfigValues.spelling(actorQ));
        m.put("critic-target", ConfigValues.spelling(criticTarget));
        m.put("bc-target", ConfigValues.spelling(bcTarget));
        m.put("curriculum-epochs", Integer.toString(curriculumEpochs));
        m.put("clip", Double.toString(clipNorm));
        m.put("guide-gains", effectiveGuideGains().id());
        m.put("guide", guide);
        m.put("eval-every", Integer.toString(evalEvery));
        m.put("eval-episodes", Integer.toString(evalEpisodes));
        m.put("eval-seed", Long.toString(evalSeed));
        m.put("eval-guide-steps", Integer.toString(evalGuideSteps));
        m.put("checkpoint-every", Integer.toString(checkpointEvery));
        m.put("threads", Integer.toString(threads));
        return m;
    }

    /**
     * Sets one field from its {@code key=value} form; throws {@link IllegalArgumentException} naming the key, what
     * was expected and what was found (unknown keys list the known ones).
     */
    public void set(String key, String value) {
        ConfigValues.set(setters(), key, value);
    }

    private Map<String, Consumer<String>> setters() {
        Map<String, Consumer<String>> s = new LinkedHashMap<>();
        s.put("task", v -> task = JsrlTask.fromId(v));
        s.put("seed", v -> seed = Long.parseLong(v));
        s.put("epochs", v -> epochs = Integer.parseInt(v));
        s.put("rollouts", v -> rolloutsPerEpoch = Integer.parseInt(v));
        s.put("updates", v -> updatesPerEpoch = Integer.parseInt(v));
        s.put("batch", v -> batchSize = Integer.parseInt(v));
        s.put("critic-steps", v -> criticSteps = Integer.parseInt(v));
        s.put("critic-updates", v -> criticUpdates = Integer.parseInt(v));
        s.put("window", v -> windowLength = Integer.parseInt(v));
        s.put("warmup", v -> warmupSteps = Integer.parseInt(v));
        s.put("stride", v -> windowStride = Integer.parseInt(v));
        s.put("buffer", v -> bufferTransitions = Long.parseLong(v));
        s.put("hidden", v -> hidden = ConfigValues.parseSizes(v));
        s.put("critic-hidden", v -> criticHidden = ConfigValues.parseSizes(v));
        s.put("lr", v -> actorLearningRate = Float.parseFloat(v));
        s.put("critic-lr", v -> criticLearningRate = Float.parseFloat(v));
        s.put("gamma", v -> gamma = Double.parseDouble(v));
        s.put("tau", v -> tau = Double.parseDouble(v));
        s.put("alpha", v -> alpha = Double.parseDouble(v));
        s.put("bc", v -> bcWeight = Double.parseDouble(v));
        s.put("bc-decay", v -> bcDecay = Double.parseDouble(v));
        s.put("policy-noise", v -> policyNoise = Double.parseDouble(v));
        s.put("noise-clip", v -> noiseClip = Double.parseDouble(v));
        s.put("explore-noise", v -> exploreNoise = Double.parseDouble(v));
        s.put("guide-horizon", v -> guideHorizon = Integer.parseInt(v));
        s.put("guide-horizon-step", v -> guideHorizonStep = Integer.parseInt(v));
        s.put("guide-warmup", v -> guideWarmup = parseBoolean("guide-warmup", v));
        s.put("slope", v -> slopeSchedule = v);
        s.put("actor-q", v -> actorQ = ConfigValues.parseEnum(ActorQ.class, "actor-q", v));
        s.put("critic-target", v -> criticTarget = ConfigValues.parseEnum(CriticTarget.class, "critic-target", v));
        s.put("bc-target", v -> bcTarget = ConfigValues.parseEnum(BcTarget.class, "bc-target", v));
        s.put("curriculum-epochs", v -> curriculumEpochs = Integer.parseInt(v));
        s.put("clip", v -> clipNorm = Double.parseDouble(v));
        s.put("guide-gains", v -> guideGains = ConfigValues.parseEnum(GuideGains.class, "guide-gains", v));
        s.put("guide", v -> guide = v);
        s.put("eval-every", v -> evalEvery = Integer.parseInt(v));
        s.put("eval-episodes", v -> evalEpisodes = Integer.parseInt(v));
        s.put("eval-seed", v -> evalSeed = Long.parseLong(v));
        s.put("eval-guide-steps", v -> evalGuideSteps = Integer.parseInt(v));
        s.put("checkpoint-every", v -> checkpointEvery = Integer.parseInt(v));
        s.put("threads", v -> threads = Integer.parseInt(v));
        return s;
    }

    private static boolean parseBoolean(String key, String v) {
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException("key '" + key + "' expected true or false, found '" + v + "'");
    }



}
