package io.spikepilot.controller.snn;

/**
 * Steps a calibrated paper network on the default kernel of the JVM it runs in and prints the kernel and a checksum
 * of every output bit, membrane and spike: {@link FixedPointSnnKernelTest} runs it in a JVM without
 * {@code jdk.incubator.vector}.
 */
final class KernelChecksum {
    private KernelChecksum() {
    }

    public static void main(String[] args) {
        StepKernel kernel = StepKernel.best();
        System.out.println(line(kernel, run(kernel)));
    }

    static String line(StepKernel kernel, long checksum) {
        return "kernel " + kernel + " checksum " + Long.toHexString(checksum);
    }

    static long run(StepKernel kernel) {
        FixedPointSnn snn = new FixedPointSnn(FixedPointSnnTest.calibrated(
                PaperInit.network(FixedPointSnnTest.PAPER, 41, ResetRule.SUBTRACT_DELAYED), 41, 16), kernel);
        SmoothObservations obs = new SmoothObservations(42);
        float[] o = new float[18];
        float[] a = new float[4];
        long h = 1125899906842597L;
        for (int t = 0; t < 1000; t++) {
            obs.next(o);
            snn.step(o, 0, a, 0);
            for (float v : a) {
                h = 31 * h + Float.floatToRawIntBits(v);
            }
            for (int k = 0; k < 2; k++) {
                h = 31 * h + snn.lastSpikeCount(k);
                for (int j = 0; j < FixedPointSnnTest.PAPER[k + 1]; j++) {
                    h = 31 * h + snn.membrane(k, j);
                }
            }
        }
        return h;
    }
}
