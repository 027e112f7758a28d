package io.spikepilot.training.nn;

/**
 * The sequence passes run on the JDK's incubator Vector API ({@link Kernels}), which a JVM only has when started with
 * {@code --add-modules jdk.incubator.vector}. Without it the first sequence pass would die with a
 * {@code NoClassDefFoundError}; this says what to do instead. Stepping a network row by row needs no module.
 */
public final class VectorModule {
    static final String NAME = "jdk.incubator.vector";
    private static final boolean PRESENT = ModuleLayer.boot().findModule(NAME).isPresent();

    private VectorModule() {
    }

    /** Whether this JVM has the incubator vector module. */
    public static boolean present() {
        return PRESENT;
    }

    /** Throws, naming the fix, when this JVM lacks the module. */
    public static void require() {
        if (!PRESENT) {
            throw new IllegalStateException(missingMessage());
        }
    }

    static String missingMessage() {
        return "training needs the JDK module " + NAME + " and this JVM was started without it: run ./spikepilot "
                + "(it adds the module for train commands) or add '--add-modules " + NAME + "' to the java command";
    }
}
