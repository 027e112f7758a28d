package io.spikepilot.tools;

import io.spikepilot.controller.action.ActionSpace;
import io.spikepilot.controller.observation.ObservationBuilder;
import io.spikepilot.controller.snn.PolicyFile;
import io.spikepilot.controller.policy.PolicyMetadata;
import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.training.bc.Evaluation;
import io.spikepilot.training.export.SnnExport;
import io.spikepilot.training.nn.Network;
import io.spikepilot.training.rl.JsrlTask;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the best network of a sequence-RL or offline run as a flyable policy file, with one set of metadata for
 * every trainer ({@code train jsrl}, {@code train bc-offline}, ...): the task's rate, action space and scaling, the
 * command, seed and commit that made it, the run's configuration under its prefix and the evaluation of the epoch
 * kept.
 */
final class RlPolicyExport {
    private RlPolicyExport() {
    }

    /**
     * @param method     the method's id recorded as {@code method}
     * @param prefix     the configuration keys' prefix in the notes (e.g. {@code jsrl})
     * @param config     the run's configuration entries
     * @param best       the evaluation of the epoch kept; {@code guideFinal} the guide's on the same episodes
     */
    static void write(Path policyPath, Network network, JsrlTask task, String method, String prefix,
            Map<String, String> config, int bestEpoch, Evaluation best, Evaluation guideFinal,
            PolicyMetadata.Provenance provenance) throws IOException {
        EnvConfig env = task.environment();
        String scaling = task.actionSpace() == ActionSpace.MOTORS ? "throttle=(a+1)/2"
                : env.attitudeLimits().toMetadata();
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("method", method);
        config.forEach((k, v) -> notes.put(prefix + "." + k, v));
        notes.put("eval.best_epoch", Integer.toString(bestEpoch));
        notes.put("eval.return_last_level", String.format(Locale.ROOT, "%.3f", best.meanReturn()));
        notes.put("eval.length", String.format(Locale.ROOT, "%.2f", best.meanLength()));
        notes.put("eval.crashes", best.crashes() + "/" + best.episodes());
        notes.put("eval.guide_return_last_level", String.format(Locale.ROOT, "%.3f",
                guideFinal.meanReturn()));
        PolicyMetadata meta = new PolicyMetadata(env.controlRateHz(), ObservationBuilder.LAYOUT_ID,
                task.actionSpace(), scaling, task.airframe(), provenance, notes);
        PolicyFile.write(policyPath, SnnExport.toSnnNetwork(network), meta);
    }
}
