package io.spikepilot.benchmarks.training;

import io.spikepilot.training.bptt.SequenceRegression;
import io.spikepilot.training.bptt.SequenceSet;
import io.spikepilot.training.nn.Network;
import io.spikepilot.training.optim.Adam;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Side-by-side training throughput, Java trainer vs the PyTorch reference ({@code src/reference/torch_train_bench.py})
 * in one run:
 * <ul>
 *   <li>actor: spiking 18-256-128-4, batch 350 × 100 steps, BPTT with the loss on steps ≥ 50, forward + backward +
 *       Adam, in sequence-steps per second;</li>
 *   <li>critic: MLP 150-256-128-1 (ReLU), 35,000 rows per step (350 windows × 100 steps), forward + backward + Adam,
 *       in rows per second.</li>
 * </ul>
 * Usage: {@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar
 * io.spikepilot.benchmarks.training.TrainingThroughput [--seconds S] [--threads N] [--torch-script PATH | --no-torch]}
 * (the trainer's kernels use the incubator Vector API). The PyTorch script reports the faster of its two equivalent
 * actor forms as {@code torch_actor}.
 */
public final class TrainingThroughput {
    private TrainingThroughput() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = 20;
        int threads = Runtime.getRuntime().availableProcessors();
        String script = "src/reference/torch_train_bench.py";
        boolean torch = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds": seconds = Double.parseDouble(args[++i]); break;
                case "--threads": threads = Integer.parseInt(args[++i]); break;
                case "--torch-script": script = args[++i]; break;
                case "--no-torch": torch = false; break;
                default: throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; expected --seconds S, --threads N, --torch-script PATH or --no-torch");
            }
        }
        Map<String, Double> results = new LinkedHashMap<>();
        System.out.printf(Locale.ROOT, "java %s, %d threads, %d cores%n", System.getProperty("java.version"), threads,
                Runtime.getRuntime().availableProcessors());
        results.put("java_actor", actor(threads, seconds));
        System.out.printf(Locale.ROOT, "RESULT java_actor %.1f seq-steps/s%n", results.get("java_actor"));
        results.put("java_critic", critic(threads, seconds));
        System.out.printf(Locale.ROOT, "RESULT java_critic %.1f rows/s%n", results.get("java_critic"));
        if (torch) {
            runTorch(script, threads, seconds, results);
        }
        System.out.println();
        System.out.println("| workload | Java | PyTorch | Java / PyTorch |");
        System.out.println("|---|---|---|---|");
        row("actor BPTT 18-256-128-4, 350 x 100 (seq-steps/s)", results.get("java_actor"), results.get("torch_actor"));
        row("critic 150-256-128-1, 35,000 rows (rows/s)", results.get("java_critic"), results.get("torch_critic"));
    }

    private static void row(String name, Double java, Double torch) {
        System.out.printf(Locale.ROOT, "| %s | %.0f | %s | %s |%n", name, java,
                torch == null ? "n/a" : String.format(Locale.ROOT, "%.0f", torch),
                torch == null ? "n/a" : String.format(Locale.ROOT, "%.2f x", java / torch));
    }

    static double actor(int threads, double seconds) {
        int batch = 350;
        int steps = 100;
        Network net = Network.spikingActor(18, new int[] {256, 128}, 4);
        net.initialise(1);
        net.setSlope(2f);
        SplittableRandom random = new SplittableRandom(2);
        float[] x = new float[batch * steps * 18];
        float[] y = new float[batch * steps * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (0.5 * random.nextGaussian());
        }
        SequenceSet set = new SequenceSet(steps, 18, 4, x, y);
        double rate = run(net, set, batch, 50, threads, seconds, (long) batch * steps);
        System.out.printf(Locale.ROOT, "actor spike rates after the run: layer 1 %.3f, layer 2 %.3f%n",
                spikeRate(net, set, 0), spikeRate(net, set, 1));
        return rate;
    }

    static double critic(int threads, double seconds) {
        int windows = 350;
        int steps = 100;
        Network net = Network.mlp(150, new int[] {256, 128}, 1, true, false);
        net.initialise(3);
        SplittableRandom random = new SplittableRandom(4);
        float[] x = new float[windows * steps * 150];
        float[] y = new float[windows * steps];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) random.nextGaussian();
        }
        // a window of rows is a "sequence" of a stateless network: the same arithmetic as 35,000 independent rows
        return run(net, new SequenceSet(steps, 150, 1, x, y), windows, 0, threads, seconds, (long) windows * steps);
    }

    private static double run(Network net, SequenceSet set, int batch, int warmup, int threads, double seconds,
            long workPerStep) {
        int[] indices = new int[batch];
        for (int i = 0; i < batch; i++) {
            indices[i] = i;
        }
        float[] grad = new float[net.parameterCount()];
        Adam adam = new Adam(net.parameterCount(), 1e-3f);
        try (SequenceRegression regression = new SequenceRegression(net, set.length(), warmup, batch, 5, threads)) {
            Runnable step = () -> {
                regression.lossAndGradient(set, indices, batch, grad);
                adam.step(net.parameters(), grad);
                net.parametersChanged();
            };
            long warmEnd = System.nanoTime() + (long) (Math.min(5, seconds / 4) * 1e9);
            do {
                step.run();
            } while (System.nanoTime() < warmEnd);
            long done = 0;
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            while (true) {
                step.run();
                done += workPerStep;
                double elapsed = (System.nanoTime() - start) / 1e9;
                if (elapsed >= seconds) {
                    double cpu = (processCpuNanos() - cpuStart) / 1e9;
                    // on a shared machine the wall-clock rate mostly measures the neighbours; per CPU-second is
                    // the work done for the time the process actually ran
                    System.out.printf(Locale.ROOT, "  %.0f per wall-second, %.0f per CPU-second (%.2f cores busy)%n",
                            done / elapsed, done / cpu, cpu / elapsed);
                    return done / elapsed;
                }
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double spikeRate(Network net, SequenceSet set, int lifIndex) {
        int stride = net.rowStride();
        float[] tape = new float[set.length() * stride];
        for (int t = 0; t < set.length(); t++) {
            System.arraycopy(set.inputs(), t * set.inputSize(), tape, t * stride, set.inputSize());
        }
        net.forwardSequence(tape, set.length());
        int layer = net.layers().indexOf(net.lifLayers().get(lifIndex));
        int offset = 0;
        for (int l = 0; l <= layer; l++) {
            offset += net.layers().get(l).inputSize();
        }
        int n = net.lifLayers().get(lifIndex).outputSize();
        long spikes = 0;
        for (int t = 0; t < set.length(); t++) {
            for (int j = 0; j < n; j++) {
                spikes += tape[t * stride + offset + j] != 0f ? 1 : 0;
            }
        }
        return spikes / (double) (set.length() * n);
    }

    private static void runTorch(String script, int threads, double seconds, Map<String, Double> results)
            throws IOException, InterruptedException {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python) || !Files.exists(Path.of(script))) {
            System.out.println("PyTorch reference skipped: need /usr/bin/python3 and " + script);
            return;
        }
        ProcessBuilder builder = new ProcessBuilder(python.toString(), script, "--threads", Integer.toString(threads),
                "--seconds", Double.toString(seconds)).redirectErrorStream(true);
        // OpenMP threads that spin while waiting collapse when the cores are shared (a 100-step actor batch took
        // minutes on a loaded machine); passive waiting is PyTorch at its best here, so the comparison is fair to it.
        builder.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        Process p = builder.start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                System.out.println(line);
                String[] f = line.trim().split("\\s+");
                if (f.length >= 3 && f[0].equals("RESULT")) {
                    results.put(f[1], Double.parseDouble(f[2]));
                }
            }
        }
        if (p.waitFor() != 0) {
            System.out.println("PyTorch reference exited with status " + p.exitValue());
        }
    }
}
