package io.spikepilot.controller.snn;

/**
 * How a {@link FixedPointSnn} computes its step. Both kernels give the same bits (membranes, spikes, outputs,
 * saturation counts); they differ only in speed and in how they behave while HotSpot recompiles.
 *
 * <p>The scalar kernel is the default. The vector kernel is 1.17x faster at p50 once C2 has compiled it (2.11 against
 * 2.46 us, BENCHMARKS.md), but its vectors are objects that only C2's escape analysis removes: while a method is
 * deoptimised and recompiled mid-flight, each step boxes them. Measured in a 12-minute soak of the shipped policy: a
 * 2-second episode 100 s into the flight allocated 8.3 MB on the control thread (about 40 kB a tick) with lateness up
 * to 4.4 ms, where the scalar kernel's 30-minute soak allocated 640 B in all. The tick must not allocate, so the vector
 * kernel is opt-in ({@code -Dspikepilot.snn.kernel=vector}, for benchmarks and for whoever measures it on their
 * board), and it needs the JDK's incubator module {@code jdk.incubator.vector}; without the module a JVM cannot load
 * that code, and the scalar kernel is used whatever the property says.
 */
public enum StepKernel {
    /** Plain Java loops shaped so HotSpot's C2 vectorises them; runs on every JVM. */
    SCALAR,
    /** The Vector API: the input layer in exact double-precision FMAs, fused int32 LIF lanes. */
    VECTOR;

    static final String VECTOR_MODULE = "jdk.incubator.vector";
    /** The system property that asks for a kernel: {@code scalar} (the default) or {@code vector}. */
    public static final String PROPERTY = "spikepilot.snn.kernel";
    private static final boolean VECTOR_PRESENT = ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    private static final StepKernel BEST = choose(VECTOR_PRESENT, System.getProperty(PROPERTY, "scalar"));

    static {
        System.getLogger(FixedPointSnn.class.getName()).log(System.Logger.Level.INFO, describe(BEST));
    }

    /**
     * The kernel new engines use by default in this JVM: {@link #SCALAR}, or {@link #VECTOR} when {@value #PROPERTY}
     * asks for it and the module is present.
     */
    public static StepKernel best() {
        return BEST;
    }

    /** Whether this JVM was started with {@code jdk.incubator.vector}. */
    public static boolean vectorModulePresent() {
        return VECTOR_PRESENT;
    }

    /**
     * The kernel for a JVM with or without the module, asked for {@code requested} ({@code scalar} or
     * {@code vector}); anything else is refused with the property named.
     */
    static StepKernel choose(boolean vectorModulePresent, String requested) {
        switch (requested) {
            case "scalar":
                return SCALAR;
            case "vector":
                return vectorModulePresent ? VECTOR : SCALAR;
            default:
                throw new IllegalArgumentException("system property '" + PROPERTY + "': expected scalar or vector, "
                        + "found '" + requested + "'");
        }
    }

    /** The start-up line naming the kernel, and for the scalar one without the module, how to get the other. */
    static String describe(StepKernel kernel) {
        if (kernel == VECTOR) {
            return "fixed-point SNN step: vector kernel (" + VECTOR_MODULE + ", asked for by -D" + PROPERTY + ")";
        }
        return VECTOR_PRESENT
                ? "fixed-point SNN step: scalar kernel"
                : "fixed-point SNN step: scalar kernel (this JVM lacks " + VECTOR_MODULE + "; -D" + PROPERTY
                        + "=vector needs --add-modules " + VECTOR_MODULE + ", same bits)";
    }
}
