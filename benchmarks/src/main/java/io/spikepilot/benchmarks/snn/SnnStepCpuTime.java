package io.spikepilot.benchmarks.snn;

import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.snn.FixedPointNetwork;
import io.spikepilot.controller.snn.FixedPointSnn;
import io.spikepilot.controller.snn.FloatSnn;
import io.spikepilot.controller.snn.SnnNetwork;
import io.spikepilot.controller.snn.StepKernel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * The SNN step timed by the thread's own CPU time, in batches of 1000 steps, for machines shared with other work:
 * CPU time does not count the time the thread waits for a core, which wall-clock JMH samples do. Prints p50 and p90 of
 * the per-step mean of each batch, for the same network and observations as {@link SnnStepBenchmark}.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar
 * io.spikepilot.benchmarks.snn.SnnStepCpuTime [batches]} (without the module only the scalar kernel is timed).
 */
public final class SnnStepCpuTime {
    private static final int SEQUENCE = 4096;
    private static final int BATCH = 1000;

    private SnnStepCpuTime() {
    }

    public static void main(String[] args) {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        float[] obs = BenchmarkNetworks.observations();
        SnnNetwork net = BenchmarkNetworks.paperFloat(obs);
        FixedPointNetwork q = BenchmarkNetworks.fixed(BenchmarkNetworks.PAPER, obs);
        System.out.printf(Locale.ROOT, "silent hidden fraction: %.4f%n", PaperActivityNetwork.silentFraction(net, obs));
        if (StepKernel.vectorModulePresent()) {
            report("fixed-point step, vector", new FixedPointSnn(q, StepKernel.VECTOR), obs, batches);
        }
        report("fixed-point step, scalar", new FixedPointSnn(q, StepKernel.SCALAR), obs, batches);
        report("float reference step", new FloatSnn(net), obs, Math.max(1, batches / 10));
        report("naive gather (cost ref)", new NaiveGatherBaseline(q), obs, Math.max(1, batches / 10));
    }

    private static void report(String name, Policy p, float[] obs, int batches) {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        float[] a = new float[4];
        int t = 0;
        for (int i = 0; i < 200_000; i++) {
            p.step(obs, t * 18, a, 0);
            t = (t + 1) & (SEQUENCE - 1);
        }
        double[] perStep = new double[batches];
        for (int b = 0; b < batches; b++) {
            long c0 = bean.getCurrentThreadCpuTime();
            for (int i = 0; i < BATCH; i++) {
                p.step(obs, t * 18, a, 0);
                t = (t + 1) & (SEQUENCE - 1);
            }
            perStep[b] = (bean.getCurrentThreadCpuTime() - c0) / (double) BATCH;
        }
        Arrays.sort(perStep);
        System.out.printf(Locale.ROOT, "%-28s CPU ns/step over %d batches of %d: p50 %.0f  p90 %.0f  min %.0f%n",
                name, batches, BATCH, perStep[batches / 2], perStep[batches * 9 / 10], perStep[0]);
    }
}
