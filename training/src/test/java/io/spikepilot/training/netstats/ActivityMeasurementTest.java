package io.spikepilot.training.netstats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.action.ActionSpace;
import io.spikepilot.controller.snn.FloatSnn;
import io.spikepilot.controller.snn.PaperInit;
import io.spikepilot.controller.snn.ResetRule;
import io.spikepilot.controller.snn.SnnNetwork;
import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.training.bc.GuideGains;
import io.spikepilot.training.bc.Guides;
import io.spikepilot.training.bc.PolicyEvaluator;
import io.spikepilot.training.rl.JsrlTask;
import org.junit.jupiter.api.Test;

class ActivityMeasurementTest {
    private static final int EPISODES = 3;
    private static final long SEED = 20251028;

    @Test
    void countsEveryNetworkStepOfTheEpisodesAndNoMore() {
        EnvConfig env = JsrlTask.CRAZYFLIE_MOTORS.environment();
        SnnNetwork net = PaperInit.network(new int[] {18, 32, 16, 4}, 7, ResetRule.SUBTRACT_DELAYED);
        ActivityMeasurement m = new ActivityMeasurement(env, EPISODES, SEED, 50, 0);
        ActivityMeasurement.Result r = m.fly(() -> new FloatSnn(net),
                Guides.pid(env, GuideGains.defaultFor(ActionSpace.MOTORS), EPISODES));
        // the network steps once per environment step, in the guide's warm-up too, and not after an episode ends
        assertEquals(Math.round(r.evaluation().meanLength() * EPISODES), r.activity().steps());
        assertEquals(NetworkArchitecture.snn(18, 32, 16, 4), r.activity().architecture());
        assertTrue(r.activity().activationSparsity() > 0 && r.activity().activationSparsity() < 1,
                "a random network on real observations is neither silent nor saturated");
        // the measurement is the evaluation every command uses: same return as flying the policy without counting
        double plain = new PolicyEvaluator(env, EPISODES, SEED, 50)
                .evaluate(e -> new FloatSnn(net), Guides.pid(env, GuideGains.defaultFor(ActionSpace.MOTORS), EPISODES),
                        0).meanReturn();
        assertEquals(plain, r.evaluation().meanReturn());
    }
}
