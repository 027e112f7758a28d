package io.spikepilot.controller.snn;

/**
 * How a {@link FixedPointSnn} computes its step. Both kernels give the same bits (membranes, spikes, outputs,
 * saturation counts); they differ only in speed. The vector kernel needs the JDK's incubator module
 * {@code jdk.incubator.vector} ({@code java --add-modules jdk.incubator.vector}, which the {@code spikepilot} launcher
 * adds); without it a JVM cannot even load that code, so {@link #best()} falls back to the scalar kernel.
 */
public enum StepKernel {
    /** Plain Java loops shaped so HotSpot's C2 vectorises them; runs on every JVM. */
    SCALAR,
    /** The Vector API: the input layer in exact double-precision FMAs, fused int32 LIF lanes. */
    VECTOR;

    static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final boolean VECTOR_PRESENT = ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    private static final StepKernel BEST = choose(VECTOR_PRESENT);

    static {
        System.getLogger(FixedPointSnn.class.getName()).log(System.Logger.Level.INFO, describe(BEST));
    }

    /** The kernel new engines use by default in this JVM: {@link #VECTOR} when the module is present. */
    public static StepKernel best() {
        return BEST;
    }

    /** Whether this JVM was started with {@code jdk.incubator.vector}. */
    public static boolean vectorModulePresent() {
        return VECTOR_PRESENT;
    }

    static StepKernel choose(boolean vectorModulePresent) {
        return vectorModulePresent ? VECTOR : SCALAR;
    }

    /** The start-up line naming the kernel and, for the scalar one, how to get the faster one. */
    static String describe(StepKernel kernel) {
        return kernel == VECTOR
                ? "fixed-point SNN step: vector kernel (" + VECTOR_MODULE + ")"
                : "fixed-point SNN step: scalar kernel (this JVM lacks " + VECTOR_MODULE
                        + "; start it with --add-modules " + VECTOR_MODULE + " for the vector kernel, same bits)";
    }
}
