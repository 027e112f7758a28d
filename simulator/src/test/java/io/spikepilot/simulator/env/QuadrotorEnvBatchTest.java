package io.spikepilot.simulator.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.state.AttitudeSetpoint;
import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.controller.testing.AllocationMeter;
import io.spikepilot.simulator.airframe.Airframes;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuadrotorEnvBatchTest {
    private static final EnvConfig PAPER = EnvConfig.paper(Airframes.crazyflie());
    private static final EnvConfig HOVER_START = PAPER.withInitialState(
            new EnvConfig.InitialStateConfig(1.0, 0.5, Math.PI / 2, 1.0, 1.0));
    private static final float HOVER_ACTION = 0.334f;

    /** Runs a batch with seeded random actions and returns all observations, rewards and dones concatenated. */
    private static float[] rollout(EnvConfig config, long seed, boolean parallel, int steps) {
        try (QuadrotorEnvBatch b = new QuadrotorEnvBatch(config, 6, seed)) {
            b.setParallel(parallel);
            SplittableRandom actionRandom = new SplittableRandom(99);
            float[] actions = new float[6 * 4];
            float[] rewards = new float[6];
            boolean[] dones = new boolean[6];
            float[] obs = new float[6 * 18];
            float[] out = new float[steps * (6 * 18 + 6)];
            for (int s = 0; s < steps; s++) {
                for (int i = 0; i < actions.length; i++) {
                    actions[i] = (float) (HOVER_ACTION + 0.2 * (actionRandom.nextDouble() - 0.5));
                }
                b.step(actions, rewards, dones);
                for (int e = 0; e < 6; e++) {
                    if (dones[e]) {
                        b.reset(e);
                    }
                }
                b.observations(obs);
                System.arraycopy(obs, 0, out, s * (6 * 18 + 6), obs.length);
                System.arraycopy(rewards, 0, out, s * (6 * 18 + 6) + obs.length, 6);
            }
            return out;
        }
    }

    @Test
    void sameSeedGivesIdenticalTrajectories() {
        EnvConfig all = PAPER.withNoise(EnvConfig.ObservationNoise.on())
                .withRandomization(EnvConfig.Randomization.on())
                .withDisturbances(EnvConfig.Disturbances.on());
        assertArrayEquals(rollout(all, 42, false, 300), rollout(all, 42, false, 300));
    }

    @Test
    void differentSeedsGiveDifferentTrajectories() {
        assertFalse(Arrays.equals(rollout(PAPER, 42, false, 50), rollout(PAPER, 43, false, 50)));
    }

    @Test
    void parallelSteppingGivesTheSameTrajectories() {
        EnvConfig att = EnvConfig.attitude(Airframes.x500()).withNoise(EnvConfig.ObservationNoise.on());
        assertArrayEquals(rollout(att, 7, false, 200), rollout(att, 7, true, 200));
    }

    @Test
    void parallelSteppingOfAnUnevenBatchMatchesOneThread() {
        int n = 37;
        float[][] results = new float[2][];
        for (int mode = 0; mode < 2; mode++) {
            try (QuadrotorEnvBatch b = new QuadrotorEnvBatch(PAPER, n, 5)) {
                b.setParallel(mode == 1);
                float[] actions = new float[n * 4];
                float[] rewards = new float[n];
                boolean[] dones = new boolean[n];
                float[] all = new float[300 * n];
                for (int step = 0; step < 300; step++) {
                    for (int i = 0; i < actions.length; i++) {
                        actions[i] = HOVER_ACTION + 0.05f * (float) Math.sin(step * 0.1 + i);
                    }
                    b.step(actions, rewards, dones);
                    for (int e = 0; e < n; e++) {
                        if (dones[e]) {
                            b.reset(e);
                        }
                    }
                    System.arraycopy(rewards, 0, all, step * n, n);
                }
                results[mode] = all;
            }
        }
        assertArrayEquals(results[0], results[1]);
    }

    @Test
    void nanActionIsClampedFlaggedAndHarmless() {
        try (QuadrotorEnvBatch b = new QuadrotorEnvBatch(HOVER_START, 1, 1)) {
            float[] actions = {Float.NaN, 5f, HOVER_ACTION, HOVER_ACTION};
            float[] rewards = new float[1];
            boolean[] dones = new boolean[1];
            b.step(actions, rewards, dones);
            assertEquals(1, b.invalidActionCount());
            float[] priv = new float[146];
            b.privilegedObservation(0, priv, 0);
            // Newest history entry = sanitized action: NaN → 0, 5 → 1.
            assertEquals(0f, priv[146 - 4]);
            assertEquals(1f, priv[146 - 3]);
            for (float v : priv) {
                assertTrue(Float.isFinite(v));
            }
            assertTrue(Float.isFinite(rewards[0]));
        }
    }

    @Test
    void leavingThePositionBoxTerminates() {
        try (QuadrotorEnvBatch b = new QuadrotorEnvBatch(PAPER, 1, 3)) {
            VehicleState start = new VehicleState();
            start.positionNwuM[2] = 0.585;
            start.velocityNwuMps[2] = 1.0;
            b.resetTo(0, start, 0.667);
            float[] hover = {HOVER_ACTION, HOVER_ACTION, HOVER_ACTION, HOVER_ACTION};
            float[] rewards = new float[1];
            boolean[] dones = new boolean[1];
            // z = 0.595 after one step, 0.605 after two.
            b.step(hover, rewards, dones);
            assertFalse(dones[0]);
            b.step(hover, rewards, dones);
            assertTrue(dones[0]);
            assertFalse(b.truncated(0));
            assertEquals(2, b.env(0).steps());
        }
    }

    @Test
    void hoverAtTheOriginEarnsTheSurvivalBonus() {
        try (QuadrotorEnvBatch b = new QuadrotorEnvBatch(PAPER, 1, 3)) {
            b.resetTo(0, new VehicleState(), 0.667);
            float[] hover = {HOVER_ACTION, HOVER_ACTION, HOVER_ACTION, HOVER_ACTION};
            float[] rewards = new float[1];
            boolean[] dones = new boolean[1];
            b.step(hover, rewards, dones);
            // Only the 0.15 m/s² residual climb and the 0.667 vs (0.334+1)/2 rounding are penalised.
            assertEquals(1.0, rewards[0], 1e-5);
        }
    }

    @Test
    void stepLimitTruncates() {
        EnvConfig shortEpisodes = HOVER_START.withEpisodeSteps(20);
        try (QuadrotorEnvBatch b = new QuadrotorEnvBatch(shortEpisodes, 1, 3)) {
            float[] hover = {HOVER_ACTION, HOVER_ACTION, HOVER_ACTION, HOVER_ACTION};
            float[] rewards = new float[1];
            boolean[] dones = new boolean[1];
            for (int i = 0; i < 19; i++) {
                b.step(hover, rewards, dones);
                assertFalse(dones[0]);
            }
            b.step(hover, rewards, dones);
            assertTrue(dones[0]);
            assertTrue(b.truncated(0));
            assertEquals(20, b.env(0).steps());
            b.step(hover, rewards, dones);
            assertEquals(0f, rewards[0]);
            assertEquals(20, b.env(0).steps());
            b.reset(0);
            assertEquals(0, b.env(0).steps());
            assertFalse(b.env(0).done());
        }
    }

    @Test
    void paperEpisodeLimitIs500Steps() {
        assertEquals(500, PAPER.episodeSteps());
        assertEquals(0.6, PAPER.positionLimitM());
        assertEquals(10_000_000L, PAPER.controlPeriodNs());
    }

    @Test
    void initialStatesFollowTheSpecDistribution() {
        QuadrotorEnvBatch b = new QuadrotorEnvBatch(PAPER, 1, 11);
        VehicleState s = new VehicleState();
        float[] priv = new float[146];
        int hoverStarts = 0;
        for (int i = 0; i < 4000; i++) {
            b.reset(0);
            b.truthState(0, s);
            assertTrue(Quaternions.angle(s.attitudeNwuFlu) <= Math.PI / 2 + 1e-12);
            for (int k = 0; k < 3; k++) {
                assertTrue(Math.abs(s.positionNwuM[k]) <= 0.5);
                assertTrue(Math.abs(s.velocityNwuMps[k]) <= 1.0);
                assertTrue(Math.abs(s.bodyRateFluRadps[k]) <= 1.0);
            }
            if (s.positionNwuM[0] == 0 && s.velocityNwuMps[0] == 0 && s.attitudeNwuFlu[0] == 1) {
                hoverStarts++;
            }
            b.privilegedObservation(0, priv, 0);
            for (int m = 0; m < 4; m++) {
                float expected = (float) (2 * b.env(0).quadrotor().motorState(m) - 1);
                assertEquals(expected, priv[18 + m]);
                assertEquals(expected, priv[146 - 4 + m]);
            }
        }
        // Guidance probability 0.1: 400 expected, binomial σ = 19.
        assertTrue(hoverStarts > 330 && hoverStarts < 470, "hover starts " + hoverStarts);
    }

    @Test
    void privilegedHistoryShiftsOldestFirst() {
        try (QuadrotorEnvBatch b = new QuadrotorEnvBatch(HOVER_START, 1, 5)) {
            float[] rewards = new float[1];
            boolean[] dones = new boolean[1];
            float[] priv = new float[146];
            for (int k = 0; k < 40; k++) {
                float a = 0.3f + 0.001f * k;
                b.step(new float[] {a, a, a, a}, rewards, dones);
            }
            b.privilegedObservation(0, priv, 0);
            // 32 newest of 40 steps: k = 8 .. 39, oldest first.
            assertEquals(0.308f, priv[18], 1e-6f);
            assertEquals(0.339f, priv[145], 1e-6f);
        }
    }

    @Test
    void observationMatchesTruthWithoutSwitches() {
        try (QuadrotorEnvBatch b = new QuadrotorEnvBatch(PAPER, 1, 8)) {
            float[] obs = new float[18];
            float[] priv = new float[146];
            b.observation(0, obs, 0);
            b.privilegedObservation(0, priv, 0);
            VehicleState s = new VehicleState();
            b.truthState(0, s);
            assertEquals((float) s.positionNwuM[1], obs[1]);
            assertEquals((float) s.velocityNwuMps[2], obs[14]);
            assertArrayEquals(Arrays.copyOf(priv, 18), obs);
        }
    }

    @Test
    void observationNoiseHasThePaperSigmaOnPositionOnly() {
        EnvConfig noisy = HOVER_START.withNoise(EnvConfig.ObservationNoise.on());
        try (QuadrotorEnvBatch b = new QuadrotorEnvBatch(noisy, 1, 21)) {
            float[] obs = new float[18];
            float[] priv = new float[146];
            double sum = 0;
            int n = 5000;
            for (int i = 0; i < n; i++) {
                b.reset(0);
                b.observation(0, obs, 0);
                b.privilegedObservation(0, priv, 0);
                double d = obs[0] - priv[0];
                sum += d * d;
            }
            assertEquals(0.05, Math.sqrt(sum / n), 0.003);
        }
    }

    @Test
    void positionDeliveryHoldsSamplesAtTheStreamRate() {
        // X500, motors off, free fall from rest: position arrives at 30 Hz, 10 ms late.
        EnvConfig delivered = EnvConfig.paper(Airframes.x500()).withInitialState(
                new EnvConfig.InitialStateConfig(1.0, 0, Math.PI / 2, 0, 0))
                .withDelivery(EnvConfig.StateDeliveryConfig.px4Onboard());
        try (QuadrotorEnvBatch b = new QuadrotorEnvBatch(delivered, 1, 4)) {
            float[] off = {-1, -1, -1, -1};
            float[] rewards = new float[1];
            boolean[] dones = new boolean[1];
            float[] obs = new float[18];
            float[] priv = new float[146];
            int changes = 0;
            float last = 0;
            for (int i = 0; i < 30; i++) {
                b.step(off, rewards, dones);
                b.observation(0, obs, 0);
                b.privilegedObservation(0, priv, 0);
                assertTrue(obs[2] >= priv[2], "delivered z must lag the falling truth");
                if (obs[2] != last) {
                    changes++;
                    last = obs[2];
                }
            }
            // 0.3 s of a 30 Hz stream: 9 samples, give or take the phase.
            assertTrue(changes >= 8 && changes <= 10, "changes " + changes);
        }
    }

    @Test
    void deliveredPositionIsAHeldSampleOneLatencyOld() {
        // Motors off, moving along x at 1 m/s: x(t) = t exactly, so the delivered x is the time it was sampled.
        EnvConfig delivered = EnvConfig.paper(Airframes.x500()).withDelivery(EnvConfig.StateDeliveryConfig.px4Onboard())
                .withEpisodeSteps(1000);
        try (QuadrotorEnvBatch b = new QuadrotorEnvBatch(delivered, 1, 17)) {
            VehicleState start = new VehicleState();
            start.velocityNwuMps[0] = 1.0;
            start.positionNwuM[2] = 0.5;
            b.resetTo(0, start, 0.0);
            float[] off = {-1, -1, -1, -1};
            float[] rewards = new float[1];
            boolean[] dones = new boolean[1];
            float[] obs = new float[18];
            for (int i = 1; i <= 30; i++) {
                b.step(off, rewards, dones);
                b.observation(0, obs, 0);
                double t = i * 0.01;
                assertFalse(dones[0]);
                double sampledAt = obs[0];
                if (sampledAt > 0) {
                    assertTrue(sampledAt <= t - 0.010 + 1e-6, "sample at " + sampledAt + " visible at " + t);
                    assertTrue(t - 0.010 - sampledAt < 1.0 / 30 + 1e-6, "sample at " + sampledAt + " stale at " + t);
                }
            }
        }
    }

    @Test
    void privilegedObservationIsTheNoiseFreeTruthEvenWithDelivery() {
        EnvConfig all = PAPER.withNoise(EnvConfig.ObservationNoise.on())
                .withDelivery(EnvConfig.StateDeliveryConfig.px4Onboard());
        try (QuadrotorEnvBatch b = new QuadrotorEnvBatch(all, 1, 23)) {
            float[] hover = {HOVER_ACTION, HOVER_ACTION, HOVER_ACTION, HOVER_ACTION};
            b.step(hover, new float[1], new boolean[1]);
            float[] priv = new float[146];
            b.privilegedObservation(0, priv, 0);
            VehicleState s = new VehicleState();
            b.truthState(0, s);
            assertEquals((float) s.positionNwuM[0], priv[0]);
            assertEquals((float) s.velocityNwuMps[2], priv[14]);
            assertEquals((float) s.bodyRateFluRadps[1], priv[16]);
        }
    }

    @Test
    void disturbanceForcePushesTheVehicle() {
        EnvConfig pushed = PAPER.withDisturbances(EnvConfig.Disturbances.on());
        try (QuadrotorEnvBatch calm = new QuadrotorEnvBatch(PAPER, 1, 31);
             QuadrotorEnvBatch windy = new QuadrotorEnvBatch(pushed, 1, 31)) {
            calm.resetTo(0, new VehicleState(), 0.667);
            windy.resetTo(0, new VehicleState(), 0.667);
            float[] hover = {HOVER_ACTION, HOVER_ACTION, HOVER_ACTION, HOVER_ACTION};
            for (int i = 0; i < 20; i++) {
                calm.step(hover, new float[1], new boolean[1]);
                windy.step(hover, new float[1], new boolean[1]);
            }
            VehicleState a = new VehicleState();
            VehicleState w = new VehicleState();
            calm.truthState(0, a);
            windy.truthState(0, w);
            assertEquals(0.0, a.positionNwuM[0], 1e-12);
            // σ_F = m·g/20 per axis gives accelerations of order 0.5 m/s²: centimetres after 0.2 s.
            double dx = w.positionNwuM[0] - a.positionNwuM[0];
            double dy = w.positionNwuM[1] - a.positionNwuM[1];
            assertTrue(Math.hypot(dx, dy) > 1e-3, "no push: " + dx + ", " + dy);
        }
    }

    @Test
    void randomizedMassesSpreadAroundNominal() {
        EnvConfig random = PAPER.withRandomization(EnvConfig.Randomization.on());
        QuadrotorEnvBatch b = new QuadrotorEnvBatch(random, 1, 37);
        double sumLog = 0;
        double sumLogSq = 0;
        int n = 4000;
        for (int i = 0; i < n; i++) {
            b.reset(0);
            double l = Math.log(b.env(0).quadrotor().massKg() / 0.027);
            sumLog += l;
            sumLogSq += l * l;
        }
        double mean = sumLog / n;
        double sd = Math.sqrt(sumLogSq / n - mean * mean);
        // f = 1 + n or 1/(1 − n) with n ~ N(0, 0.1) is symmetric in log: mean 0, σ(log f) ≈ 0.095.
        assertEquals(0.0, mean, 0.006);
        assertEquals(0.095, sd, 0.01);
    }

    @Test
    void attitudeEnvHoversWithTheZeroAction() {
        try (QuadrotorEnvBatch b = new QuadrotorEnvBatch(EnvConfig.attitude(Airframes.x500()), 1, 2)) {
            b.resetTo(0, new VehicleState(), 0.55496);
            float[] zero = new float[4];
            float[] rewards = new float[1];
            boolean[] dones = new boolean[1];
            for (int i = 0; i < 500; i++) {
                b.step(zero, rewards, dones);
            }
            assertTrue(dones[0]);
            assertTrue(b.truncated(0));
            assertEquals(500.0, b.env(0).episodeReturn(), 0.01);
        }
    }

    @Test
    void attitudeEnvRecoversFromAHoverStartWithRandomMotorStates() {
        EnvConfig att = EnvConfig.attitude(Airframes.x500()).withInitialState(
                new EnvConfig.InitialStateConfig(1.0, 0.5, Math.PI / 2, 1.0, 1.0));
        try (QuadrotorEnvBatch b = new QuadrotorEnvBatch(att, 1, 2)) {
            float[] zero = new float[4];
            float[] rewards = new float[1];
            boolean[] dones = new boolean[1];
            for (int i = 0; i < 500; i++) {
                b.step(zero, rewards, dones);
            }
            assertTrue(b.truncated(0), "the inner loop must keep it inside the box for 500 steps");
            VehicleState s = new VehicleState();
            b.truthState(0, s);
            assertTrue(Quaternions.tilt(s.attitudeNwuFlu) < 0.01);
        }
    }

    @Test
    void stepAllocatesNothingWithEverySwitchOn() {
        for (EnvConfig base : new EnvConfig[] {PAPER, EnvConfig.attitude(Airframes.x500())}) {
            EnvConfig all = base.withNoise(EnvConfig.ObservationNoise.on())
                    .withRandomization(EnvConfig.Randomization.on())
                    .withDisturbances(EnvConfig.Disturbances.on())
                    .withDelivery(EnvConfig.StateDeliveryConfig.px4Onboard());
            QuadrotorEnvBatch b = new QuadrotorEnvBatch(all, 4, 9);
            float[] actions = new float[16];
            Arrays.fill(actions, 0.1f);
            float[] rewards = new float[4];
            boolean[] dones = new boolean[4];
            float[] obs = new float[4 * 18];
            float[] priv = new float[4 * 146];
            Runnable step = () -> {
                b.step(actions, rewards, dones);
                for (int e = 0; e < 4; e++) {
                    if (dones[e]) {
                        b.reset(e);
                    }
                }
                b.observations(obs);
                b.privilegedObservations(priv);
            };
            // One-time JVM events (constant-pool resolution, deoptimisation the first time a rare branch such as a
            // termination runs) allocate on the calling thread and can land in any window; an allocation per step
            // or per reset would show in every window, so the quietest of three windows must be zero.
            long bytes = AllocationMeter.bytesAllocatedBy(step, 30_000, 5_000);
            for (int w = 0; w < 2 && bytes != 0; w++) {
                bytes = Math.min(bytes, AllocationMeter.bytesAllocatedBy(step, 0, 5_000));
            }
            assertEquals(0, bytes, base.actionSpace().id());
        }
    }

    @Test
    void levelHoverSetpointBecomesTheHoverMotorAction() {
        try (QuadrotorEnvBatch b = new QuadrotorEnvBatch(PAPER, 1, 3)) {
            b.resetTo(0, new VehicleState(), 0.667);
            AttitudeSetpoint sp = new AttitudeSetpoint();
            sp.setLevel(0.667);
            float[] action = new float[4];
            b.motorActionFor(0, sp, action, 0);
            // Level, at rest: no torque, collective 0.667 → u = 0.667 → a = 0.334 on every motor.
            for (float a : action) {
                assertEquals(0.334f, a, 1e-6f);
            }
        }
    }

    @Test
    void invalidGuideSetpointFallsBackToHover() {
        try (QuadrotorEnvBatch b = new QuadrotorEnvBatch(PAPER, 1, 3)) {
            b.resetTo(0, new VehicleState(), 0.667);
            AttitudeSetpoint sp = new AttitudeSetpoint();
            sp.setLevel(Double.NaN);
            float[] action = new float[4];
            b.motorActionFor(0, sp, action, 0);
            assertEquals(0.334f, action[2], 1e-6f);
        }
    }

    @Test
    void parallelStepAllocatesNothingOnTheCaller() {
        try (QuadrotorEnvBatch b = new QuadrotorEnvBatch(PAPER, 64, 9)) {
            b.setParallel(true);
            float[] actions = new float[64 * 4];
            Arrays.fill(actions, 0.2f);
            float[] rewards = new float[64];
            boolean[] dones = new boolean[64];
            Runnable step = () -> {
                b.step(actions, rewards, dones);
                for (int e = 0; e < 64; e++) {
                    if (dones[e]) {
                        b.reset(e);
                    }
                }
            };
            // Quietest of three windows, as in stepAllocatesNothingWithEverySwitchOn.
            long bytes = AllocationMeter.bytesAllocatedBy(step, 5_000, 1_000);
            for (int w = 0; w < 2 && bytes != 0; w++) {
                bytes = Math.min(bytes, AllocationMeter.bytesAllocatedBy(step, 0, 1_000));
            }
            assertEquals(0, bytes);
        }
    }

    @Test
    void emptyBatchIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new QuadrotorEnvBatch(PAPER, 0, 1));
        assertEquals("environment batch: field 'count': expected at least 1, found 0", e.getMessage());
    }
}
