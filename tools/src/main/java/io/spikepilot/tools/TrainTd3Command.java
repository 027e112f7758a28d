package io.spikepilot.tools;

import io.spikepilot.training.rl.JsrlConfig;
import picocli.CommandLine.Command;

/**
 * {@code spikepilot train td3}: the paper's TD3 baseline (paper-spec §3.4, "TD3BC+JSRL without the jump-start and
 * without the BC term"), a preset of {@code train jsrl}: no jump-start ({@code --guide-horizon 0}), no BC term
 * ({@code --bc 0}), and no guide in collection at all ({@code --guide-warmup false}), so the SNN flies collected
 * episodes from their first step. That last choice is what "no guide" means in the spec, and it is what makes the
 * paper's explanation of the failure hold: the untrained SNN crashes after about 40 steps, before twice the 50-step
 * warm-up, so its rollouts never enter the replay buffer. The evaluation is the same as every method's (the guide
 * flies the first 50 steps of each test episode). Every other setting, option and file is that of {@code train jsrl};
 * options given override the preset.
 */
@Command(name = "td3", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "TD3 on sequences (the paper's online baseline): train jsrl with no jump-start (--guide-horizon "
                    + "0), no BC term (--bc 0) and no guide while collecting (--guide-warmup false: the SNN "
                    + "flies from the first step).",
            "Test episodes still let the guide fly the 50-step warm-up, as for every method. Options are those "
                    + "of train jsrl and override the preset."})
final class TrainTd3Command extends TrainJsrlCommand {
    @Override
    String method() {
        return "td3";
    }

    @Override
    void preset(JsrlConfig c) {
        applyPreset(c);
    }

    /** The TD3 preset over JSRL's defaults. */
    static void applyPreset(JsrlConfig c) {
        c.guideHorizon = 0;
        c.bcWeight = 0;
        c.guideWarmup = false;
    }
}
