package io.spikepilot.benchmarks.snn;

import io.spikepilot.controller.snn.FixedPointNetwork;
import io.spikepilot.controller.snn.FixedPointSnn;
import io.spikepilot.controller.snn.StepKernel;
import java.util.Locale;

/**
 * Steps one benchmark network a given number of times and nothing else, for counting instructions per step with
 * valgrind, which load on the machine does not change: run it twice with different step counts under
 * {@code valgrind --tool=callgrind} and divide the difference of the instruction totals by the difference of the
 * steps, which cancels the JVM's start-up and JIT compilation ({@code benchmarks/key-figures.sh} does this).
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar
 * io.spikepilot.benchmarks.snn.SnnStepLoop <paper|policy name> <VECTOR|SCALAR> <steps>}
 */
public final class SnnStepLoop {
    private SnnStepLoop() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: SnnStepLoop <paper|policy name> <VECTOR|SCALAR> <steps>");
        }
        float[] observations = BenchmarkNetworks.observations();
        FixedPointNetwork q = BenchmarkNetworks.fixed(args[0], observations);
        FixedPointSnn snn = new FixedPointSnn(q, StepKernel.valueOf(args[1]));
        long steps = Long.parseLong(args[2]);
        float[] action = new float[4];
        float sum = 0;
        int t = 0;
        for (long s = 0; s < steps; s++) {
            snn.step(observations, t * 18, action, 0);
            sum += action[0];
            t = (t + 1) & (BenchmarkNetworks.SEQUENCE - 1);
        }
        System.out.printf(Locale.ROOT, "%s %s %d steps, checksum %.6f%n", args[0], args[1], steps, sum);
    }
}
