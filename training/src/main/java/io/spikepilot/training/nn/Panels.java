package io.spikepilot.training.nn;

/**
 * The weight layouts the sequence-pass kernels read: panels of sixteen columns, stored front to back. Unpacked, the
 * sixteen columns of consecutive rows are a whole weight row apart (512 or 1024 bytes) and map to a handful of L1
 * sets, which evicts a panel before the next register block reuses it.
 *
 * <p>Plain Java, apart from {@link Kernels}: a network is packed when it is built or updated, which must not need the
 * incubator vector module (stepping a network row by row never does).
 */
final class Panels {
    /** Columns per panel: two 8-lane vectors. */
    static final int WIDTH = 16;

    private Panels() {
    }

    /** Floats per forward panel: sixteen output columns of every input row, then their sixteen biases. */
    static int forwardSize(int in) {
        return in * WIDTH + WIDTH;
    }

    /** Packs the input-major weights {@code w[i][o]} at {@code wOff} and biases at {@code bOff} into forward panels. */
    static float[] packForward(float[] w, int wOff, int bOff, int in, int out, float[] panels) {
        int count = out / WIDTH;
        float[] p = panels.length == count * forwardSize(in) ? panels : new float[count * forwardSize(in)];
        for (int k = 0; k < count; k++) {
            int base = k * forwardSize(in);
            int c = k * WIDTH;
            for (int i = 0; i < in; i++) {
                System.arraycopy(w, wOff + i * out + c, p, base + i * WIDTH, WIDTH);
            }
            System.arraycopy(w, bOff + c, p, base + in * WIDTH, WIDTH);
        }
        return p;
    }

    /** Packs the transposed weights {@code wt[o][i]} into panels of sixteen input columns of every output row. */
    static float[] packTransposed(float[] wt, int in, int out, float[] panels) {
        int count = in / WIDTH;
        float[] p = panels.length == count * out * WIDTH ? panels : new float[count * out * WIDTH];
        for (int k = 0; k < count; k++) {
            int base = k * out * WIDTH;
            for (int o = 0; o < out; o++) {
                System.arraycopy(wt, o * in + k * WIDTH, p, base + o * WIDTH, WIDTH);
            }
        }
        return p;
    }
}
