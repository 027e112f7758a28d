package io.spikepilot.simulator.check;

import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.pid.PidPolicy;
import io.spikepilot.controller.pid.PositionPid;
import io.spikepilot.controller.pid.PositionPidGains;
import io.spikepilot.controller.state.AttitudeSetpoint;
import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.simulator.airframe.Airframe;
import io.spikepilot.simulator.dynamics.Quadrotor;
import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.simulator.env.QuadrotorEnv;
import io.spikepilot.simulator.env.QuadrotorEnvBatch;
import io.spikepilot.simulator.env.RewardCurriculum;
import io.spikepilot.simulator.vehicle.SimulatedVehicle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Measures the simulator against physics and the paper. The physical lines are deterministic; the throughput lines
 * read the clock passed in and run for a fixed wall-clock budget each.
 */
public final class PhysicsCheck {
    /** Settle-time bound of a 20° roll step on the inner loop (documented in the airframe files' tuning). */
    public static final double ROLL_SETTLE_BOUND_S = 0.40;
    /** Overshoot bound of the 20° roll step, %. */
    public static final double ROLL_OVERSHOOT_BOUND_PCT = 10.0;
    /** Altitude drift bound after 10 s of hover on the inner loop at the hover thrust, m. */
    public static final double HOVER_DRIFT_BOUND_M = 0.05;

    /** Steps the paper's guide flies before handing over to the SNN. */
    public static final int GUIDE_WARMUP_STEPS = 50;

    private static final long MS = 1_000_000L;

    private PhysicsCheck() {
    }

    /**
     * Hover balance and motor lag on {@code motorAirframe} (the paper's lines when it is the Crazyflie), inner-loop
     * step and hover on {@code innerLoopAirframe}, then throughput with {@code budgetNs} of wall clock per line.
     */
    public static List<CheckResult> run(Airframe motorAirframe, Airframe innerLoopAirframe, LongSupplier clockNs,
                                        long budgetNs) {
        List<CheckResult> rows = new ArrayList<>();
        rows.add(hoverBalance(motorAirframe));
        rows.add(netAccelerationAtHoverThrottle(motorAirframe));
        rows.add(motorLag(motorAirframe));
        rows.add(rollStep(innerLoopAirframe));
        rows.add(hoverOnInnerLoop(innerLoopAirframe));
        rows.add(guideSurvival(motorAirframe));
        rows.add(attitudeGuideSurvival(innerLoopAirframe));
        rows.add(rk4Throughput(motorAirframe, clockNs, budgetNs));
        rows.add(envThroughput(EnvConfig.paper(motorAirframe), clockNs, budgetNs));
        rows.add(envThroughput(EnvConfig.attitude(innerLoopAirframe), clockNs, budgetNs));
        return rows;
    }

    private static boolean isPaperCrazyflie(Airframe a) {
        return a.name().equals("crazyflie");
    }

    /** 4·T(u_hover) against m·g. */
    public static CheckResult hoverBalance(Airframe a) {
        double thrust = 4 * a.thrustN(a.hoverThrottle());
        double weight = a.massKg() * a.gravityMps2();
        String expected = isPaperCrazyflie(a) ? "0.269 vs 0.265 N (paper)" : "equal within 5 %";
        return new CheckResult(String.format("hover: 4·T(%.3f) vs m·g", a.hoverThrottle()), a.name(),
                String.format("%.4f vs %.4f N", thrust, weight), expected,
                Math.abs(thrust - weight) <= 0.05 * weight);
    }

    /** Vertical acceleration after one 10 ms RK4 step with every motor at the hover throttle. */
    public static CheckResult netAccelerationAtHoverThrottle(Airframe a) {
        Quadrotor q = new Quadrotor(a);
        q.resetAtRest(a.hoverThrottle());
        q.step(0.01);
        double measured = q.state()[Quadrotor.V + 2] / 0.01;
        double predicted = (4 * a.thrustN(a.hoverThrottle()) - a.massKg() * a.gravityMps2()) / a.massKg();
        String expected = isPaperCrazyflie(a) ? "≈ +0.15 m/s² (paper)"
                : String.format("%+.3f m/s² = (4T − mg)/m", predicted);
        return new CheckResult("hover: net vertical accel", a.name(),
                String.format("%+.3f m/s²", measured), expected, Math.abs(measured - predicted) < 1e-3);
    }

    /** Time for a motor to reach 63.2 % of a 0 → 1 step, integrated at 0.1 ms. */
    public static CheckResult motorLag(Airframe a) {
        Quadrotor q = new Quadrotor(a);
        q.resetAtRest(0.0);
        q.setMotorCommand(0, 1.0);
        double dt = 1e-4;
        double target = 1 - Math.exp(-1);
        double previous = 0;
        double crossing = Double.NaN;
        for (int i = 1; i <= 100_000 && Double.isNaN(crossing); i++) {
            q.step(dt);
            double u = q.motorState(0);
            if (u >= target) {
                crossing = (i - 1 + (target - previous) / (u - previous)) * dt;
            }
            previous = u;
        }
        double tau = a.motorTimeConstantS();
        return new CheckResult("motor lag: 63 % of a step", a.name(),
                String.format("%.4f s", crossing), String.format("τ = %.3f s", tau),
                Math.abs(crossing - tau) <= 0.01 * tau);
    }

    /** The 20° roll step from hover on the inner loop, sampled at 1 kHz for 1.5 s. */
    public static StepResponse rollStepResponse(Airframe a) {
        SimulatedVehicle v = new SimulatedVehicle(a);
        AttitudeSetpoint sp = new AttitudeSetpoint();
        sp.setLevel(v.hoverThrust());
        Quaternions.fromEulerZyx(Math.toRadians(20), 0, 0, sp.attitudeNwuFlu);
        v.apply(sp);
        VehicleState s = new VehicleState();
        double[] roll = new double[1500];
        for (int i = 0; i < roll.length; i++) {
            v.advance(MS);
            v.readState(s);
            roll[i] = Math.toDegrees(Quaternions.roll(s.attitudeNwuFlu));
        }
        return StepResponse.of(roll, 1e-3, 20.0);
    }

    private static CheckResult rollStep(Airframe a) {
        StepResponse r = rollStepResponse(a);
        return new CheckResult("inner loop: 20° roll step", a.name(),
                String.format("rise %.0f, settle %.0f ms, %.1f %% over", r.riseTimeS() * 1e3,
                        r.settleTimeS() * 1e3, r.overshootPct()),
                String.format("settle(2 %%) ≤ %.0f ms, over < %.0f %%", ROLL_SETTLE_BOUND_S * 1e3,
                        ROLL_OVERSHOOT_BOUND_PCT),
                r.settleTimeS() <= ROLL_SETTLE_BOUND_S && r.overshootPct() < ROLL_OVERSHOOT_BOUND_PCT);
    }

    /** Altitude change after 10 s level at the hover thrust on the inner loop, m. */
    public static double hoverDriftM(Airframe a) {
        SimulatedVehicle v = new SimulatedVehicle(a);
        AttitudeSetpoint sp = new AttitudeSetpoint();
        sp.setLevel(v.hoverThrust());
        v.apply(sp);
        for (int i = 0; i < 1000; i++) {
            v.advance(10 * MS);
        }
        VehicleState s = new VehicleState();
        v.readState(s);
        return s.positionNwuM[2];
    }

    private static CheckResult hoverOnInnerLoop(Airframe a) {
        double drift = hoverDriftM(a);
        double predicted = 0.5 * (4 * a.thrustN(a.hoverThrottle()) / a.massKg() - a.gravityMps2()) * 100;
        return new CheckResult(String.format("inner loop: 10 s at thrust %.3f", a.hoverThrustNormalized()),
                a.name(), String.format("z drift %+.3f m", drift),
                String.format("%+.3f m = ½at², |·| < %.2f", predicted, HOVER_DRIFT_BOUND_M),
                Math.abs(drift) < HOVER_DRIFT_BOUND_M && Math.abs(drift - predicted) < 0.005);
    }

    /**
     * Episodes of the {@code motors} task, from the §1.5 initial states (seed 1), that the PositionPid (PX4 default
     * gains, the environment's attitude limits) flying through {@link QuadrotorEnv#motorActionFor} keeps inside the
     * box for the 50-step warm-up the paper's guide flies.
     */
    public static int guideSurvivors(Airframe a, int episodes) {
        EnvConfig config = EnvConfig.paper(a);
        QuadrotorEnv env = new QuadrotorEnv(config, new SplittableRandom(1), new RewardCurriculum());
        PositionPid pid = new PositionPid(PositionPidGains.px4Defaults(), config.attitudeLimits(),
                1.0 / config.controlRateHz());
        AttitudeSetpoint sp = new AttitudeSetpoint();
        VehicleState s = new VehicleState();
        double[] target = new double[3];
        float[] action = new float[4];
        int survivors = 0;
        for (int e = 0; e < episodes; e++) {
            env.reset();
            pid.reset();
            while (!env.done() && env.steps() < GUIDE_WARMUP_STEPS) {
                env.truthState(s);
                pid.compute(s, target, 0.0, sp);
                env.motorActionFor(sp, action, 0);
                env.step(action, 0);
            }
            if (env.steps() >= GUIDE_WARMUP_STEPS && !(env.done() && !env.truncated())) {
                survivors++;
            }
        }
        return survivors;
    }

    private static CheckResult guideSurvival(Airframe a) {
        int episodes = 100;
        int survivors = guideSurvivors(a, episodes);
        return new CheckResult("guide: PositionPid, 50 steps from §1.5", a.name(),
                String.format("%d of %d starts kept in the box", survivors, episodes),
                "most starts (paper §6.8), ≥ 2/3", survivors * 3 >= episodes * 2);
    }

    /**
     * Episodes of the {@code attitude} task from {@link EnvConfig.InitialStateConfig#companion()} starts (seed 1)
     * that the PositionPid (PX4 default gains), encoded into actions by {@link PidPolicy#encode} and decoded back by
     * the environment, keeps inside the box for all 500 steps.
     */
    public static int attitudeGuideSurvivors(Airframe a, int episodes) {
        EnvConfig config = EnvConfig.attitude(a).withInitialState(EnvConfig.InitialStateConfig.companion());
        QuadrotorEnv env = new QuadrotorEnv(config, new SplittableRandom(1), new RewardCurriculum());
        PositionPid pid = new PositionPid(PositionPidGains.px4Defaults(), config.attitudeLimits(),
                1.0 / config.controlRateHz());
        AttitudeSetpoint sp = new AttitudeSetpoint();
        VehicleState s = new VehicleState();
        double[] target = new double[3];
        float[] action = new float[4];
        int survivors = 0;
        for (int e = 0; e < episodes; e++) {
            env.reset();
            pid.reset();
            while (!env.done()) {
                env.truthState(s);
                pid.compute(s, target, 0.0, sp);
                PidPolicy.encode(sp, config.attitudeLimits(), action, 0);
                env.step(action, 0);
            }
            if (env.truncated()) {
                survivors++;
            }
        }
        return survivors;
    }

    private static CheckResult attitudeGuideSurvival(Airframe a) {
        int episodes = 100;
        int survivors = attitudeGuideSurvivors(a, episodes);
        return new CheckResult("guide: attitude task, 500 steps", a.name(),
                String.format("%d of %d starts kept in the box", survivors, episodes),
                "companion starts, ≥ 80 %", survivors * 5 >= episodes * 4);
    }

    private static CheckResult rk4Throughput(Airframe a, LongSupplier clockNs, long budgetNs) {
        Quadrotor q = new Quadrotor(a);
        q.resetAtRest(a.hoverThrottle());
        Runnable chunk = () -> {
            for (int i = 0; i < 1000; i++) {
                q.step(0.01);
                if (q.state()[Quadrotor.P + 2] > 100) {
                    q.resetAtRest(a.hoverThrottle());
                }
            }
        };
        double perS = rate(chunk, 1000, clockNs, budgetNs);
        return new CheckResult("speed: RK4 steps/s, 1 core", a.name(), String.format("%,.0f", perS),
                "goal ≥ 1,000,000", true);
    }

    private static CheckResult envThroughput(EnvConfig config, LongSupplier clockNs, long budgetNs) {
        QuadrotorEnvBatch batch = new QuadrotorEnvBatch(config, 16, 1L);
        float[] actions = new float[16 * 4];
        Arrays.fill(actions, config.actionSpace().id().equals("motors")
                ? (float) (2 * config.airframe().hoverThrottle() - 1) : 0f);
        float[] rewards = new float[16];
        boolean[] dones = new boolean[16];
        float[] obs = new float[16 * 18];
        Runnable chunk = () -> {
            for (int i = 0; i < 64; i++) {
                batch.step(actions, rewards, dones);
                for (int e = 0; e < 16; e++) {
                    if (dones[e]) {
                        batch.reset(e);
                    }
                }
                batch.observations(obs);
            }
        };
        double perS = rate(chunk, 64 * 16, clockNs, budgetNs);
        return new CheckResult("speed: " + config.actionSpace().id() + " env steps/s, 1 core",
                config.airframe().name(), String.format("%,.0f", perS), "16 envs, obs + reward",
                true);
    }

    /** Runs {@code chunk} for a third of the budget to warm up, then measures for the rest. */
    private static double rate(Runnable chunk, int stepsPerChunk, LongSupplier clockNs, long budgetNs) {
        long warmEnd = clockNs.getAsLong() + budgetNs / 3;
        while (clockNs.getAsLong() < warmEnd) {
            chunk.run();
        }
        long start = clockNs.getAsLong();
        long end = start + budgetNs - budgetNs / 3;
        long steps = 0;
        long now;
        do {
            chunk.run();
            steps += stepsPerChunk;
            now = clockNs.getAsLong();
        } while (now < end);
        return steps * 1e9 / (now - start);
    }
}
