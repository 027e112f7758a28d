package io.spikepilot.training.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sequence passes' arithmetic on 8-lane float vectors (AVX2), register-blocked so that a weight loaded into a
 * register serves several rows and an activation broadcast serves several output lanes.
 *
 * <p>Matrices are row-major slices of larger arrays: row r of a matrix at {@code off} with leading dimension {@code ld}
 * starts at {@code off + r·ld} (the tape's rows are {@code rowStride} apart). Weights are input-major {@code [in][out]}
 * as the network stores them, and the transposed copy {@code [out][in]} for the input gradient.
 *
 * <p>The forward passes keep the float runtime's order for every output: {@code ((0 + w₀·x₀) + w₁·x₁) + …} in
 * ascending input index, multiply then add (never fused), bias last; vector lanes run over outputs, so each lane is
 * that scalar sum. Skipping an input equal to zero changes no sum (an added ±0 leaves a sum that starts at +0
 * unchanged). The gradient passes use fused multiply-adds and any order: their results agree with the row-by-row
 * backward to float rounding.
 *
 * <p>Lives apart from the layers so that only the sequence passes load {@code jdk.incubator.vector}; stepping a
 * network one row at a time (the exported-policy check, the gradient study) needs no incubator module.
 */
final class Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final int L = 8;

    private Kernels() {
    }

    /** Inputs per row below this fraction non-zero take the sparse forward and weight-gradient kernels. */
    static final float SPARSE_DENSITY = 0.3f;

    /** Number of non-zero values (NaN counts) in {@code n} columns of {@code rows} rows. */
    static long countNonZero(float[] x, int off, int ld, int rows, int n) {
        long count = 0;
        for (int r = 0; r < rows; r++) {
            count += countNonZeroRow(x, off + r * ld, n);
        }
        return count;
    }

    private static int countNonZeroRow(float[] x, int off, int n) {
        FloatVector zero = FloatVector.zero(S);
        int count = 0;
        int i = 0;
        for (; i + L <= n; i += L) {
            count += FloatVector.fromArray(S, x, off + i).compare(VectorOperators.NE, zero).trueCount();
        }
        for (; i < n; i++) {
            count += x[off + i] != 0f ? 1 : 0;
        }
        return count;
    }

    // ---------------------------------------------------------------- forward

    /**
     * {@code y[r][o] = (Σᵢ x[r][i]·w[i][o]) + b[o]} for {@code rows} rows, every input (zeros included), four rows at a
     * time so each pair of weight vectors is loaded once for four rows. (Six rows, as the gradient blocks do, measured
     * slower here: an unfused multiply-add needs a register for the product, and twelve accumulators then spill.)
     */
    static void affineDense(float[] x, int xOff, int xLd, float[] w, int wOff, int bOff, float[] panels, int in,
            int out, int rows, float[] y, int yOff, int yLd) {
        int c = 0;
        for (; c + 2 * L <= out; c += 2 * L) {
            int panel = c / (2 * L) * Panels.forwardSize(in);
            int bias = panel + in * 2 * L;
            int r = 0;
            for (; r + 4 <= rows; r += 4) {
                affine4x16(x, xOff + r * xLd, xLd, panels, panel, bias, in, 2 * L, y, yOff + r * yLd + c, yLd);
            }
            for (; r < rows; r++) {
                affine1x16(x, xOff + r * xLd, panels, panel, bias, in, 2 * L, y, yOff + r * yLd + c);
            }
        }
        affineColumnsTail(x, xOff, xLd, w, wOff, bOff, in, out, rows, y, yOff, yLd, c);
    }

    // Every register block is a method of its own and calls nothing but the Vector API: a vector that crosses a call
    // C2 does not inline is boxed on the heap, so vectors never cross a call of ours.

    private static void affine4x16(float[] x, int x0, int xLd, float[] w, int wi, int b, int in, int out, float[] y,
            int y0, int yLd) {
        int x1 = x0 + xLd;
        int x2 = x1 + xLd;
        int x3 = x2 + xLd;
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = a00;
        FloatVector a10 = a00;
        FloatVector a11 = a00;
        FloatVector a20 = a00;
        FloatVector a21 = a00;
        FloatVector a30 = a00;
        FloatVector a31 = a00;
        for (int i = 0; i < in; i++, wi += out) {
            FloatVector w0 = FloatVector.fromArray(S, w, wi);
            FloatVector w1 = FloatVector.fromArray(S, w, wi + L);
            FloatVector v = FloatVector.broadcast(S, x[x0 + i]);
            a00 = a00.add(w0.mul(v));
            a01 = a01.add(w1.mul(v));
            v = FloatVector.broadcast(S, x[x1 + i]);
            a10 = a10.add(w0.mul(v));
            a11 = a11.add(w1.mul(v));
            v = FloatVector.broadcast(S, x[x2 + i]);
            a20 = a20.add(w0.mul(v));
            a21 = a21.add(w1.mul(v));
            v = FloatVector.broadcast(S, x[x3 + i]);
            a30 = a30.add(w0.mul(v));
            a31 = a31.add(w1.mul(v));
        }
        FloatVector b0 = FloatVector.fromArray(S, w, b);
        FloatVector b1 = FloatVector.fromArray(S, w, b + L);
        a00.add(b0).intoArray(y, y0);
        a01.add(b1).intoArray(y, y0 + L);
        a10.add(b0).intoArray(y, y0 + yLd);
        a11.add(b1).intoArray(y, y0 + yLd + L);
        a20.add(b0).intoArray(y, y0 + 2 * yLd);
        a21.add(b1).intoArray(y, y0 + 2 * yLd + L);
        a30.add(b0).intoArray(y, y0 + 3 * yLd);
        a31.add(b1).intoArray(y, y0 + 3 * yLd + L);
    }

    private static void affine1x16(float[] x, int xr, float[] w, int wi, int b, int in, int out, float[] y, int yr) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        for (int i = 0; i < in; i++, wi += out) {
            FloatVector v = FloatVector.broadcast(S, x[xr + i]);
            a0 = a0.add(FloatVector.fromArray(S, w, wi).mul(v));
            a1 = a1.add(FloatVector.fromArray(S, w, wi + L).mul(v));
        }
        a0.add(FloatVector.fromArray(S, w, b)).intoArray(y, yr);
        a1.add(FloatVector.fromArray(S, w, b + L)).intoArray(y, yr + L);
    }

    private static void affine1x8(float[] x, int xr, float[] w, int wi, int b, int in, int out, float[] y, int yr) {
        FloatVector a = FloatVector.zero(S);
        for (int i = 0; i < in; i++, wi += out) {
            a = a.add(FloatVector.fromArray(S, w, wi).mul(FloatVector.broadcast(S, x[xr + i])));
        }
        a.add(FloatVector.fromArray(S, w, b)).intoArray(y, yr);
    }

    /** Output columns from {@code c} on, one vector and then one lane at a time, every input. */
    private static void affineColumnsTail(float[] x, int xOff, int xLd, float[] w, int wOff, int bOff, int in, int out,
            int rows, float[] y, int yOff, int yLd, int c) {
        for (; c + L <= out; c += L) {
            for (int r = 0; r < rows; r++) {
                affine1x8(x, xOff + r * xLd, w, wOff + c, bOff + c, in, out, y, yOff + r * yLd + c);
            }
        }
        for (; c < out; c++) {
            int r = 0;
            // four rows per pass: four independent sums instead of one chain of dependent additions
            for (; r + 4 <= rows; r += 4) {
                int x0 = xOff + r * xLd;
                int x1 = x0 + xLd;
                int x2 = x1 + xLd;
                int x3 = x2 + xLd;
                float a0 = 0f;
                float a1 = 0f;
                float a2 = 0f;
                float a3 = 0f;
                int wi = wOff + c;
                for (int i = 0; i < in; i++, wi += out) {
                    float wv = w[wi];
                    a0 += wv * x[x0 + i];
                    a1 += wv * x[x1 + i];
                    a2 += wv * x[x2 + i];
                    a3 += wv * x[x3 + i];
                }
                float b = w[bOff + c];
                int y0 = yOff + r * yLd + c;
                y[y0] = a0 + b;
                y[y0 + yLd] = a1 + b;
                y[y0 + 2 * yLd] = a2 + b;
                y[y0 + 3 * yLd] = a3 + b;
            }
            for (; r < rows; r++) {
                int xr = xOff + r * xLd;
                float a = 0f;
                int wi = wOff + c;
                for (int i = 0; i < in; i++, wi += out) {
                    a += w[wi] * x[xr + i];
                }
                y[yOff + r * yLd + c] = a + w[bOff + c];
            }
        }
    }

    /**
     * As {@link #affineDense} with fused multiply-adds, {@code y[r][o] = fma(w[n−1][o], x[r][n−1], … fma(w[0][o],
     * x[r][0], 0)) + b[o]}: for networks that are never exported to the float runtime (critics), where the runtime's
     * unfused order is no contract; six rows per block, since a fused product needs no register of its own.
     */
    static void affineFused(float[] x, int xOff, int xLd, float[] w, int wOff, int bOff, float[] panels, int in,
            int out, int rows, float[] y, int yOff, int yLd) {
        int c = 0;
        for (; c + 2 * L <= out; c += 2 * L) {
            int panel = c / (2 * L) * Panels.forwardSize(in);
            int bias = panel + in * 2 * L;
            int r = 0;
            for (; r + 6 <= rows; r += 6) {
                affineFused6x16(x, xOff + r * xLd, xLd, panels, panel, bias, in, 2 * L, y, yOff + r * yLd + c, yLd);
            }
            for (; r < rows; r++) {
                affineFused1x8(x, xOff + r * xLd, panels, panel, bias, in, 2 * L, y, yOff + r * yLd + c);
                affineFused1x8(x, xOff + r * xLd, panels, panel + L, bias + L, in, 2 * L, y, yOff + r * yLd + c + L);
            }
        }
        for (; c + L <= out; c += L) {
            for (int r = 0; r < rows; r++) {
                affineFused1x8(x, xOff + r * xLd, w, wOff + c, bOff + c, in, out, y, yOff + r * yLd + c);
            }
        }
        for (; c < out; c++) {
            int r = 0;
            for (; r + 4 <= rows; r += 4) {
                int x0 = xOff + r * xLd;
                int x1 = x0 + xLd;
                int x2 = x1 + xLd;
                int x3 = x2 + xLd;
                float a0 = 0f;
                float a1 = 0f;
                float a2 = 0f;
                float a3 = 0f;
                int wi = wOff + c;
                for (int i = 0; i < in; i++, wi += out) {
                    float wv = w[wi];
                    a0 = Math.fma(wv, x[x0 + i], a0);
                    a1 = Math.fma(wv, x[x1 + i], a1);
                    a2 = Math.fma(wv, x[x2 + i], a2);
                    a3 = Math.fma(wv, x[x3 + i], a3);
                }
                float b = w[bOff + c];
                int y0 = yOff + r * yLd + c;
                y[y0] = a0 + b;
                y[y0 + yLd] = a1 + b;
                y[y0 + 2 * yLd] = a2 + b;
                y[y0 + 3 * yLd] = a3 + b;
            }
            for (; r < rows; r++) {
                int xr = xOff + r * xLd;
                float a = 0f;
                int wi = wOff + c;
                for (int i = 0; i < in; i++, wi += out) {
                    a = Math.fma(w[wi], x[xr + i], a);
                }
                y[yOff + r * yLd + c] = a + w[bOff + c];
            }
        }
    }

    private static void affineFused6x16(float[] x, int x0, int xLd, float[] w, int wi, int b, int in, int out,
            float[] y, int y0, int yLd) {
        int x1 = x0 + xLd;
        int x2 = x1 + xLd;
        int x3 = x2 + xLd;
        int x4 = x3 + xLd;
        int x5 = x4 + xLd;
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = a00;
        FloatVector a10 = a00;
        FloatVector a11 = a00;
        FloatVector a20 = a00;
        FloatVector a21 = a00;
        FloatVector a30 = a00;
        FloatVector a31 = a00;
        FloatVector a40 = a00;
        FloatVector a41 = a00;
        FloatVector a50 = a00;
        FloatVector a51 = a00;
        for (int i = 0; i < in; i++, wi += out) {
            FloatVector w0 = FloatVector.fromArray(S, w, wi);
            FloatVector w1 = FloatVector.fromArray(S, w, wi + L);
            FloatVector v = FloatVector.broadcast(S, x[x0 + i]);
            a00 = w0.fma(v, a00);
            a01 = w1.fma(v, a01);
            v = FloatVector.broadcast(S, x[x1 + i]);
            a10 = w0.fma(v, a10);
            a11 = w1.fma(v, a11);
            v = FloatVector.broadcast(S, x[x2 + i]);
            a20 = w0.fma(v, a20);
            a21 = w1.fma(v, a21);
            v = FloatVector.broadcast(S, x[x3 + i]);
            a30 = w0.fma(v, a30);
            a31 = w1.fma(v, a31);
            v = FloatVector.broadcast(S, x[x4 + i]);
            a40 = w0.fma(v, a40);
            a41 = w1.fma(v, a41);
            v = FloatVector.broadcast(S, x[x5 + i]);
            a50 = w0.fma(v, a50);
            a51 = w1.fma(v, a51);
        }
        FloatVector b0 = FloatVector.fromArray(S, w, b);
        FloatVector b1 = FloatVector.fromArray(S, w, b + L);
        a00.add(b0).intoArray(y, y0);
        a01.add(b1).intoArray(y, y0 + L);
        y0 += yLd;
        a10.add(b0).intoArray(y, y0);
        a11.add(b1).intoArray(y, y0 + L);
        y0 += yLd;
        a20.add(b0).intoArray(y, y0);
        a21.add(b1).intoArray(y, y0 + L);
        y0 += yLd;
        a30.add(b0).intoArray(y, y0);
        a31.add(b1).intoArray(y, y0 + L);
        y0 += yLd;
        a40.add(b0).intoArray(y, y0);
        a41.add(b1).intoArray(y, y0 + L);
        y0 += yLd;
        a50.add(b0).intoArray(y, y0);
        a51.add(b1).intoArray(y, y0 + L);
    }

    private static void affineFused1x8(float[] x, int xr, float[] w, int wi, int b, int in, int out, float[] y,
            int yr) {
        FloatVector a = FloatVector.zero(S);
        for (int i = 0; i < in; i++, wi += out) {
            a = FloatVector.fromArray(S, w, wi).fma(FloatVector.broadcast(S, x[xr + i]), a);
        }
        a.add(FloatVector.fromArray(S, w, b)).intoArray(y, yr);
    }

    /**
     * As {@link #affineDense} but only over each row's non-zero inputs, listed in ascending order in
     * {@code nz[r·in …]} with {@code nzCount[r]} entries: eight output vectors per pass, so eight independent sums.
     */
    static void affineSparse(float[] x, int xOff, int xLd, int[] nz, int[] nzCount, float[] w, int wOff, int bOff,
            int in, int out, int rows, float[] y, int yOff, int yLd) {
        int c = 0;
        for (; c + 8 * L <= out; c += 8 * L) {
            for (int r = 0; r < rows; r++) {
                affineSparse1x64(x, xOff + r * xLd, nz, r * in, nzCount[r], w, wOff + c, bOff + c, out, y,
                        yOff + r * yLd + c);
            }
        }
        for (; c + L <= out; c += L) {
            for (int r = 0; r < rows; r++) {
                affineSparse1x8(x, xOff + r * xLd, nz, r * in, nzCount[r], w, wOff + c, bOff + c, out, y,
                        yOff + r * yLd + c);
            }
        }
        for (; c < out; c++) {
            for (int r = 0; r < rows; r++) {
                int xr = xOff + r * xLd;
                int list = r * in;
                float a = 0f;
                for (int k = 0; k < nzCount[r]; k++) {
                    int i = nz[list + k];
                    a += w[wOff + i * out + c] * x[xr + i];
                }
                y[yOff + r * yLd + c] = a + w[bOff + c];
            }
        }
    }

    private static void affineSparse1x64(float[] x, int xr, int[] nz, int list, int count, float[] w, int wc, int b,
            int out, float[] y, int yr) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector a4 = a0;
        FloatVector a5 = a0;
        FloatVector a6 = a0;
        FloatVector a7 = a0;
        for (int k = 0; k < count; k++) {
            int i = nz[list + k];
            FloatVector v = FloatVector.broadcast(S, x[xr + i]);
            int wi = wc + i * out;
            a0 = a0.add(FloatVector.fromArray(S, w, wi).mul(v));
            a1 = a1.add(FloatVector.fromArray(S, w, wi + L).mul(v));
            a2 = a2.add(FloatVector.fromArray(S, w, wi + 2 * L).mul(v));
            a3 = a3.add(FloatVector.fromArray(S, w, wi + 3 * L).mul(v));
            a4 = a4.add(FloatVector.fromArray(S, w, wi + 4 * L).mul(v));
            a5 = a5.add(FloatVector.fromArray(S, w, wi + 5 * L).mul(v));
            a6 = a6.add(FloatVector.fromArray(S, w, wi + 6 * L).mul(v));
            a7 = a7.add(FloatVector.fromArray(S, w, wi + 7 * L).mul(v));
        }
        a0.add(FloatVector.fromArray(S, w, b)).intoArray(y, yr);
        a1.add(FloatVector.fromArray(S, w, b + L)).intoArray(y, yr + L);
        a2.add(FloatVector.fromArray(S, w, b + 2 * L)).intoArray(y, yr + 2 * L);
        a3.add(FloatVector.fromArray(S, w, b + 3 * L)).intoArray(y, yr + 3 * L);
        a4.add(FloatVector.fromArray(S, w, b + 4 * L)).intoArray(y, yr + 4 * L);
        a5.add(FloatVector.fromArray(S, w, b + 5 * L)).intoArray(y, yr + 5 * L);
        a6.add(FloatVector.fromArray(S, w, b + 6 * L)).intoArray(y, yr + 6 * L);
        a7.add(FloatVector.fromArray(S, w, b + 7 * L)).intoArray(y, yr + 7 * L);
    }

    private static void affineSparse1x8(float[] x, int xr, int[] nz, int list, int count, float[] w, int wc, int b,
            int out, float[] y, int yr) {
        FloatVector a = FloatVector.zero(S);
        for (int k = 0; k < count; k++) {
            int i = nz[list + k];
            a = a.add(FloatVector.fromArray(S, w, wc + i * out).mul(FloatVector.broadcast(S, x[xr + i])));
        }
        a.add(FloatVector.fromArray(S, w, b)).intoArray(y, yr);
    }

    // ---------------------------------------------------------------- backward

    /** {@code gb[o] += Σ_r dy[r][o]}. */
    static void biasGradient(float[] dy, int dyOff, int dyLd, int out, int rows, float[] g, int gOff) {
        int c = 0;
        for (; c + L <= out; c += L) {
            biasGradient8(dy, dyOff + c, dyLd, rows, g, gOff + c);
        }
        for (; c < out; c++) {
            float a = 0f;
            for (int r = 0; r < rows; r++) {
                a += dy[dyOff + r * dyLd + c];
            }
            g[gOff + c] += a;
        }
    }

    private static void biasGradient8(float[] dy, int d, int dyLd, int rows, float[] g, int gi) {
        FloatVector a = FloatVector.zero(S);
        for (int r = 0; r < rows; r++, d += dyLd) {
            a = a.add(FloatVector.fromArray(S, dy, d));
        }
        FloatVector.fromArray(S, g, gi).add(a).intoArray(g, gi);
    }

    /**
     * {@code g[i][o] += Σ_r x[r][i]·dy[r][o]} over every row: six inputs by sixteen outputs held in registers while
     * the rows stream past.
     */
    static void weightGradientDense(float[] x, int xOff, int xLd, float[] dy, int dyOff, int dyLd, int in, int out,
            int rows, float[] g, int gOff) {
        int c = 0;
        for (; c + 2 * L <= out; c += 2 * L) {
            int i = 0;
            for (; i + 6 <= in; i += 6) {
                weightGradient6x16(x, xOff + i, xLd, dy, dyOff + c, dyLd, rows, g, gOff + i * out + c, out);
            }
            for (; i + 4 <= in; i += 4) {
                weightGradient4x16(x, xOff + i, xLd, dy, dyOff + c, dyLd, rows, g, gOff + i * out + c, out);
            }
            for (; i < in; i++) {
                weightGradient1x16(x, xOff + i, xLd, dy, dyOff + c, dyLd, rows, g, gOff + i * out + c);
            }
        }
        for (; c + L <= out; c += L) {
            for (int i = 0; i < in; i++) {
                weightGradient1x8(x, xOff + i, xLd, dy, dyOff + c, dyLd, rows, g, gOff + i * out + c);
            }
        }
        for (; c < out; c++) {
            int i = 0;
            for (; i + 4 <= in; i += 4) {
                float a0 = 0f;
                float a1 = 0f;
                float a2 = 0f;
                float a3 = 0f;
                for (int r = 0; r < rows; r++) {
                    int xr = xOff + r * xLd + i;
                    float d = dy[dyOff + r * dyLd + c];
                    a0 += x[xr] * d;
                    a1 += x[xr + 1] * d;
                    a2 += x[xr + 2] * d;
                    a3 += x[xr + 3] * d;
                }
                int gi = gOff + i * out + c;
                g[gi] += a0;
                g[gi + out] += a1;
                g[gi + 2 * out] += a2;
                g[gi + 3 * out] += a3;
            }
            for (; i < in; i++) {
                float a = 0f;
                for (int r = 0; r < rows; r++) {
                    a += x[xOff + r * xLd + i] * dy[dyOff + r * dyLd + c];
                }
                g[gOff + i * out + c] += a;
            }
        }
    }

    private static void weightGradient6x16(float[] x, int xr, int xLd, float[] dy, int dr, int dyLd, int rows,
            float[] g, int gi, int out) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = a00;
        FloatVector a10 = a00;
        FloatVector a11 = a00;
        FloatVector a20 = a00;
        FloatVector a21 = a00;
        FloatVector a30 = a00;
        FloatVector a31 = a00;
        FloatVector a40 = a00;
        FloatVector a41 = a00;
        FloatVector a50 = a00;
        FloatVector a51 = a00;
        for (int r = 0; r < rows; r++, xr += xLd, dr += dyLd) {
            FloatVector d0 = FloatVector.fromArray(S, dy, dr);
            FloatVector d1 = FloatVector.fromArray(S, dy, dr + L);
            FloatVector v = FloatVector.broadcast(S, x[xr]);
            a00 = d0.fma(v, a00);
            a01 = d1.fma(v, a01);
            v = FloatVector.broadcast(S, x[xr + 1]);
            a10 = d0.fma(v, a10);
            a11 = d1.fma(v, a11);
            v = FloatVector.broadcast(S, x[xr + 2]);
            a20 = d0.fma(v, a20);
            a21 = d1.fma(v, a21);
            v = FloatVector.broadcast(S, x[xr + 3]);
            a30 = d0.fma(v, a30);
            a31 = d1.fma(v, a31);
            v = FloatVector.broadcast(S, x[xr + 4]);
            a40 = d0.fma(v, a40);
            a41 = d1.fma(v, a41);
            v = FloatVector.broadcast(S, x[xr + 5]);
            a50 = d0.fma(v, a50);
            a51 = d1.fma(v, a51);
        }
        FloatVector.fromArray(S, g, gi).add(a00).intoArray(g, gi);
        FloatVector.fromArray(S, g, gi + L).add(a01).intoArray(g, gi + L);
        gi += out;
        FloatVector.fromArray(S, g, gi).add(a10).intoArray(g, gi);
        FloatVector.fromArray(S, g, gi + L).add(a11).intoArray(g, gi + L);
        gi += out;
        FloatVector.fromArray(S, g, gi).add(a20).intoArray(g, gi);
        FloatVector.fromArray(S, g, gi + L).add(a21).intoArray(g, gi + L);
        gi += out;
        FloatVector.fromArray(S, g, gi).add(a30).intoArray(g, gi);
        FloatVector.fromArray(S, g, gi + L).add(a31).intoArray(g, gi + L);
        gi += out;
        FloatVector.fromArray(S, g, gi).add(a40).intoArray(g, gi);
        FloatVector.fromArray(S, g, gi + L).add(a41).intoArray(g, gi + L);
        gi += out;
        FloatVector.fromArray(S, g, gi).add(a50).intoArray(g, gi);
        FloatVector.fromArray(S, g, gi + L).add(a51).intoArray(g, gi + L);
    }

    private static void weightGradient4x16(float[] x, int xr, int xLd, float[] dy, int dr, int dyLd, int rows,
            float[] g, int gi, int out) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = a00;
        FloatVector a10 = a00;
        FloatVector a11 = a00;
        FloatVector a20 = a00;
        FloatVector a21 = a00;
        FloatVector a30 = a00;
        FloatVector a31 = a00;
        for (int r = 0; r < rows; r++, xr += xLd, dr += dyLd) {
            FloatVector d0 = FloatVector.fromArray(S, dy, dr);
            FloatVector d1 = FloatVector.fromArray(S, dy, dr + L);
            FloatVector v = FloatVector.broadcast(S, x[xr]);
            a00 = d0.fma(v, a00);
            a01 = d1.fma(v, a01);
            v = FloatVector.broadcast(S, x[xr + 1]);
            a10 = d0.fma(v, a10);
            a11 = d1.fma(v, a11);
            v = FloatVector.broadcast(S, x[xr + 2]);
            a20 = d0.fma(v, a20);
            a21 = d1.fma(v, a21);
            v = FloatVector.broadcast(S, x[xr + 3]);
            a30 = d0.fma(v, a30);
            a31 = d1.fma(v, a31);
        }
        FloatVector.fromArray(S, g, gi).add(a00).intoArray(g, gi);
        FloatVector.fromArray(S, g, gi + L).add(a01).intoArray(g, gi + L);
        FloatVector.fromArray(S, g, gi + out).add(a10).intoArray(g, gi + out);
        FloatVector.fromArray(S, g, gi + out + L).add(a11).intoArray(g, gi + out + L);
        FloatVector.fromArray(S, g, gi + 2 * out).add(a20).intoArray(g, gi + 2 * out);
        FloatVector.fromArray(S, g, gi + 2 * out + L).add(a21).intoArray(g, gi + 2 * out + L);
        FloatVector.fromArray(S, g, gi + 3 * out).add(a30).intoArray(g, gi + 3 * out);
        FloatVector.fromArray(S, g, gi + 3 * out + L).add(a31).intoArray(g, gi + 3 * out + L);
    }

    private static void weightGradient1x16(float[] x, int xr, int xLd, float[] dy, int dr, int dyLd, int rows,
            float[] g, int gi) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        for (int r = 0; r < rows; r++, xr += xLd, dr += dyLd) {
            FloatVector v = FloatVector.broadcast(S, x[xr]);
            a0 = FloatVector.fromArray(S, dy, dr).fma(v, a0);
            a1 = FloatVector.fromArray(S, dy, dr + L).fma(v, a1);
        }
        FloatVector.fromArray(S, g, gi).add(a0).intoArray(g, gi);
        FloatVector.fromArray(S, g, gi + L).add(a1).intoArray(g, gi + L);
    }

    private static void weightGradient1x8(float[] x, int xr, int xLd, float[] dy, int dr, int dyLd, int rows,
            float[] g, int gi) {
        FloatVector a = FloatVector.zero(S);
        for (int r = 0; r < rows; r++, xr += xLd, dr += dyLd) {
            a = FloatVector.fromArray(S, dy, dr).fma(FloatVector.broadcast(S, x[xr]), a);
        }
        FloatVector.fromArray(S, g, gi).add(a).intoArray(g, gi);
    }

    /**
     * As {@link #weightGradientDense} over only the rows where input i is non-zero, listed in {@code rowsOf[i·cap …]}
     * with {@code rowCount[i]} entries: eight output vectors accumulated per input.
     */
    static void weightGradientSparse(float[] x, int xOff, int xLd, int[] rowsOf, int[] rowCount, int cap,
            float[] dy, int dyOff, int dyLd, int in, int out, float[] g, int gOff) {
        for (int i = 0; i < in; i++) {
            int count = rowCount[i];
            if (count == 0) {
                continue;
            }
            int list = i * cap;
            int gi = gOff + i * out;
            int c = 0;
            for (; c + 8 * L <= out; c += 8 * L) {
                weightGradientSparse64(x, xOff + i, xLd, rowsOf, list, count, dy, dyOff + c, dyLd, g, gi + c);
            }
            for (; c + L <= out; c += L) {
                weightGradientSparse8(x, xOff + i, xLd, rowsOf, list, count, dy, dyOff + c, dyLd, g, gi + c);
            }
            for (; c < out; c++) {
                float a = 0f;
                for (int k = 0; k < count; k++) {
                    int r = rowsOf[list + k];
                    a += x[xOff + r * xLd + i] * dy[dyOff + r * dyLd + c];
                }
                g[gi + c] += a;
            }
        }
    }

    private static void weightGradientSparse64(float[] x, int xi, int xLd, int[] rowsOf, int list, int count,
            float[] dy, int dc, int dyLd, float[] g, int gi) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector a4 = a0;
        FloatVector a5 = a0;
        FloatVector a6 = a0;
        FloatVector a7 = a0;
        for (int k = 0; k < count; k++) {
            int r = rowsOf[list + k];
            FloatVector v = FloatVector.broadcast(S, x[xi + r * xLd]);
            int d = dc + r * dyLd;
            a0 = FloatVector.fromArray(S, dy, d).fma(v, a0);
            a1 = FloatVector.fromArray(S, dy, d + L).fma(v, a1);
            a2 = FloatVector.fromArray(S, dy, d + 2 * L).fma(v, a2);
            a3 = FloatVector.fromArray(S, dy, d + 3 * L).fma(v, a3);
            a4 = FloatVector.fromArray(S, dy, d + 4 * L).fma(v, a4);
            a5 = FloatVector.fromArray(S, dy, d + 5 * L).fma(v, a5);
            a6 = FloatVector.fromArray(S, dy, d + 6 * L).fma(v, a6);
            a7 = FloatVector.fromArray(S, dy, d + 7 * L).fma(v, a7);
        }
        FloatVector.fromArray(S, g, gi).add(a0).intoArray(g, gi);
        FloatVector.fromArray(S, g, gi + L).add(a1).intoArray(g, gi + L);
        FloatVector.fromArray(S, g, gi + 2 * L).add(a2).intoArray(g, gi + 2 * L);
        FloatVector.fromArray(S, g, gi + 3 * L).add(a3).intoArray(g, gi + 3 * L);
        FloatVector.fromArray(S, g, gi + 4 * L).add(a4).intoArray(g, gi + 4 * L);
        FloatVector.fromArray(S, g, gi + 5 * L).add(a5).intoArray(g, gi + 5 * L);
        FloatVector.fromArray(S, g, gi + 6 * L).add(a6).intoArray(g, gi + 6 * L);
        FloatVector.fromArray(S, g, gi + 7 * L).add(a7).intoArray(g, gi + 7 * L);
    }

    private static void weightGradientSparse8(float[] x, int xi, int xLd, int[] rowsOf, int list, int count,
            float[] dy, int dc, int dyLd, float[] g, int gi) {
        FloatVector a = FloatVector.zero(S);
        for (int k = 0; k < count; k++) {
            int r = rowsOf[list + k];
            a = FloatVector.fromArray(S, dy, dc + r * dyLd).fma(FloatVector.broadcast(S, x[xi + r * xLd]), a);
        }
        FloatVector.fromArray(S, g, gi).add(a).intoArray(g, gi);
    }

    /**
     * {@code dx[r][i] += Σ_o dy[r][o]·wt[o][i]} with the transposed weights {@code wt = [out][in]}: six rows by
     * sixteen inputs in registers, the sum running over the outputs.
     */
    static void inputGradient(float[] dy, int dyOff, int dyLd, float[] wt, float[] panels, int in, int out, int rows,
            float[] dx, int dxOff, int dxLd) {
        int c = 0;
        for (; c + 2 * L <= in; c += 2 * L) {
            // panel rows are sixteen floats apart: pass 16 where the blocks step by the row length
            int panel = c / (2 * L) * out * 2 * L;
            int r = 0;
            for (; r + 6 <= rows; r += 6) {
                inputGradient6x16(dy, dyOff + r * dyLd, dyLd, panels, panel, 2 * L, out, dx, dxOff + r * dxLd + c,
                        dxLd);
            }
            for (; r + 4 <= rows; r += 4) {
                inputGradient4x16(dy, dyOff + r * dyLd, dyLd, panels, panel, 2 * L, out, dx, dxOff + r * dxLd + c,
                        dxLd);
            }
            for (; r < rows; r++) {
                inputGradient1x16(dy, dyOff + r * dyLd, panels, panel, 2 * L, out, dx, dxOff + r * dxLd + c);
            }
        }
        for (; c + L <= in; c += L) {
            for (int r = 0; r < rows; r++) {
                inputGradient1x8(dy, dyOff + r * dyLd, wt, c, in, out, dx, dxOff + r * dxLd + c);
            }
        }
        for (; c < in; c++) {
            for (int r = 0; r < rows; r++) {
                int dr = dyOff + r * dyLd;
                float a = 0f;
                for (int o = 0; o < out; o++) {
                    a += wt[o * in + c] * dy[dr + o];
                }
                dx[dxOff + r * dxLd + c] += a;
            }
        }
    }

    private static void inputGradient6x16(float[] dy, int d0, int dyLd, float[] wt, int wo, int in, int out,
            float[] dx, int x0, int dxLd) {
        int d1 = d0 + dyLd;
        int d2 = d1 + dyLd;
        int d3 = d2 + dyLd;
        int d4 = d3 + dyLd;
        int d5 = d4 + dyLd;
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = a00;
        FloatVector a10 = a00;
        FloatVector a11 = a00;
        FloatVector a20 = a00;
        FloatVector a21 = a00;
        FloatVector a30 = a00;
        FloatVector a31 = a00;
        FloatVector a40 = a00;
        FloatVector a41 = a00;
        FloatVector a50 = a00;
        FloatVector a51 = a00;
        for (int o = 0; o < out; o++, wo += in) {
            FloatVector w0 = FloatVector.fromArray(S, wt, wo);
            FloatVector w1 = FloatVector.fromArray(S, wt, wo + L);
            FloatVector v = FloatVector.broadcast(S, dy[d0 + o]);
            a00 = w0.fma(v, a00);
            a01 = w1.fma(v, a01);
            v = FloatVector.broadcast(S, dy[d1 + o]);
            a10 = w0.fma(v, a10);
            a11 = w1.fma(v, a11);
            v = FloatVector.broadcast(S, dy[d2 + o]);
            a20 = w0.fma(v, a20);
            a21 = w1.fma(v, a21);
            v = FloatVector.broadcast(S, dy[d3 + o]);
            a30 = w0.fma(v, a30);
            a31 = w1.fma(v, a31);
            v = FloatVector.broadcast(S, dy[d4 + o]);
            a40 = w0.fma(v, a40);
            a41 = w1.fma(v, a41);
            v = FloatVector.broadcast(S, dy[d5 + o]);
            a50 = w0.fma(v, a50);
            a51 = w1.fma(v, a51);
        }
        FloatVector.fromArray(S, dx, x0).add(a00).intoArray(dx, x0);
        FloatVector.fromArray(S, dx, x0 + L).add(a01).intoArray(dx, x0 + L);
        x0 += dxLd;
        FloatVector.fromArray(S, dx, x0).add(a10).intoArray(dx, x0);
        FloatVector.fromArray(S, dx, x0 + L).add(a11).intoArray(dx, x0 + L);
        x0 += dxLd;
        FloatVector.fromArray(S, dx, x0).add(a20).intoArray(dx, x0);
        FloatVector.fromArray(S, dx, x0 + L).add(a21).intoArray(dx, x0 + L);
        x0 += dxLd;
        FloatVector.fromArray(S, dx, x0).add(a30).intoArray(dx, x0);
        FloatVector.fromArray(S, dx, x0 + L).add(a31).intoArray(dx, x0 + L);
        x0 += dxLd;
        FloatVector.fromArray(S, dx, x0).add(a40).intoArray(dx, x0);
        FloatVector.fromArray(S, dx, x0 + L).add(a41).intoArray(dx, x0 + L);
        x0 += dxLd;
        FloatVector.fromArray(S, dx, x0).add(a50).intoArray(dx, x0);
        FloatVector.fromArray(S, dx, x0 + L).add(a51).intoArray(dx, x0 + L);
    }

    private static void inputGradient4x16(float[] dy, int d0, int dyLd, float[] wt, int wo, int in, int out,
            float[] dx, int x0, int dxLd) {
        int d1 = d0 + dyLd;
        int d2 = d1 + dyLd;
        int d3 = d2 + dyLd;
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = a00;
        FloatVector a10 = a00;
        FloatVector a11 = a00;
        FloatVector a20 = a00;
        FloatVector a21 = a00;
        FloatVector a30 = a00;
        FloatVector a31 = a00;
        for (int o = 0; o < out; o++, wo += in) {
            FloatVector w0 = FloatVector.fromArray(S, wt, wo);
            FloatVector w1 = FloatVector.fromArray(S, wt, wo + L);
            FloatVector v = FloatVector.broadcast(S, dy[d0 + o]);
            a00 = w0.fma(v, a00);
            a01 = w1.fma(v, a01);
            v = FloatVector.broadcast(S, dy[d1 + o]);
            a10 = w0.fma(v, a10);
            a11 = w1.fma(v, a11);
            v = FloatVector.broadcast(S, dy[d2 + o]);
            a20 = w0.fma(v, a20);
            a21 = w1.fma(v, a21);
            v = FloatVector.broadcast(S, dy[d3 + o]);
            a30 = w0.fma(v, a30);
            a31 = w1.fma(v, a31);
        }
        FloatVector.fromArray(S, dx, x0).add(a00).intoArray(dx, x0);
        FloatVector.fromArray(S, dx, x0 + L).add(a01).intoArray(dx, x0 + L);
        FloatVector.fromArray(S, dx, x0 + dxLd).add(a10).intoArray(dx, x0 + dxLd);
        FloatVector.fromArray(S, dx, x0 + dxLd + L).add(a11).intoArray(dx, x0 + dxLd + L);
        FloatVector.fromArray(S, dx, x0 + 2 * dxLd).add(a20).intoArray(dx, x0 + 2 * dxLd);
        FloatVector.fromArray(S, dx, x0 + 2 * dxLd + L).add(a21).intoArray(dx, x0 + 2 * dxLd + L);
        FloatVector.fromArray(S, dx, x0 + 3 * dxLd).add(a30).intoArray(dx, x0 + 3 * dxLd);
        FloatVector.fromArray(S, dx, x0 + 3 * dxLd + L).add(a31).intoArray(dx, x0 + 3 * dxLd + L);
    }

    private static void inputGradient1x16(float[] dy, int dr, float[] wt, int wo, int in, int out, float[] dx,
            int xr) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        for (int o = 0; o < out; o++, wo += in) {
            FloatVector v = FloatVector.broadcast(S, dy[dr + o]);
            a0 = FloatVector.fromArray(S, wt, wo).fma(v, a0);
            a1 = FloatVector.fromArray(S, wt, wo + L).fma(v, a1);
        }
        FloatVector.fromArray(S, dx, xr).add(a0).intoArray(dx, xr);
        FloatVector.fromArray(S, dx, xr + L).add(a1).intoArray(dx, xr + L);
    }

    private static void inputGradient1x8(float[] dy, int dr, float[] wt, int wo, int in, int out, float[] dx,
            int xr) {
        FloatVector a = FloatVector.zero(S);
        for (int o = 0; o < out; o++, wo += in) {
            a = FloatVector.fromArray(S, wt, wo).fma(FloatVector.broadcast(S, dy[dr + o]), a);
        }
        FloatVector.fromArray(S, dx, xr).add(a).intoArray(dx, xr);
    }

    /** Two blocks of eight neurons at once: the carried membrane gradient is a chain through time, two hide its latency. */
    private static void lifBackward16(float[] tape, float[] dtape, int in, int out, int mem, int stride, int steps,
            float[] beta, float[] mask, int bj, float[] params, float[] grads, int betaJ, int thetaJ, float slope) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector k = FloatVector.broadcast(S, slope);
        FloatVector b0 = FloatVector.fromArray(S, beta, bj);
        FloatVector b1 = FloatVector.fromArray(S, beta, bj + L);
        FloatVector th0 = FloatVector.fromArray(S, params, thetaJ);
        FloatVector th1 = FloatVector.fromArray(S, params, thetaJ + L);
        FloatVector gTheta0 = zero;
        FloatVector gTheta1 = zero;
        FloatVector gBeta0 = zero;
        FloatVector gBeta1 = zero;
        int row = (steps - 1) * stride;
        FloatVector carried0 = FloatVector.fromArray(S, dtape, row + mem);
        FloatVector carried1 = FloatVector.fromArray(S, dtape, row + mem + L);
        for (int t = steps - 1; t > 0; t--, row -= stride) {
            int prev = row - stride;
            FloatVector x0 = FloatVector.fromArray(S, tape, row + mem).sub(th0);
            FloatVector x1 = FloatVector.fromArray(S, tape, row + mem + L).sub(th1);
            FloatVector den0 = one.add(x0.abs().mul(k));
            FloatVector den1 = one.add(x1.abs().mul(k));
            FloatVector sur0 = FloatVector.fromArray(S, dtape, row + out).div(den0.mul(den0));
            FloatVector sur1 = FloatVector.fromArray(S, dtape, row + out + L).div(den1.mul(den1));
            FloatVector dMem0 = carried0.add(sur0);
            FloatVector dMem1 = carried1.add(sur1);
            FloatVector.fromArray(S, dtape, row + in).add(dMem0).intoArray(dtape, row + in);
            FloatVector.fromArray(S, dtape, row + in + L).add(dMem1).intoArray(dtape, row + in + L);
            FloatVector prev0 = FloatVector.fromArray(S, tape, prev + mem);
            FloatVector prev1 = FloatVector.fromArray(S, tape, prev + mem + L);
            gTheta0 = gTheta0.sub(sur0).lanewise(VectorOperators.SUB, dMem0, prev0.compare(VectorOperators.GT, th0));
            gTheta1 = gTheta1.sub(sur1).lanewise(VectorOperators.SUB, dMem1, prev1.compare(VectorOperators.GT, th1));
            gBeta0 = dMem0.fma(prev0, gBeta0);
            gBeta1 = dMem1.fma(prev1, gBeta1);
            carried0 = FloatVector.fromArray(S, dtape, prev + mem).add(b0.mul(dMem0));
            carried1 = FloatVector.fromArray(S, dtape, prev + mem + L).add(b1.mul(dMem1));
        }
        FloatVector x0 = FloatVector.fromArray(S, tape, mem).sub(th0);
        FloatVector x1 = FloatVector.fromArray(S, tape, mem + L).sub(th1);
        FloatVector den0 = one.add(x0.abs().mul(k));
        FloatVector den1 = one.add(x1.abs().mul(k));
        FloatVector sur0 = FloatVector.fromArray(S, dtape, out).div(den0.mul(den0));
        FloatVector sur1 = FloatVector.fromArray(S, dtape, out + L).div(den1.mul(den1));
        FloatVector dMem0 = carried0.add(sur0);
        FloatVector dMem1 = carried1.add(sur1);
        FloatVector.fromArray(S, dtape, in).add(dMem0).intoArray(dtape, in);
        FloatVector.fromArray(S, dtape, in + L).add(dMem1).intoArray(dtape, in + L);
        gTheta0 = gTheta0.sub(sur0).lanewise(VectorOperators.SUB, dMem0, zero.compare(VectorOperators.GT, th0));
        gTheta1 = gTheta1.sub(sur1).lanewise(VectorOperators.SUB, dMem1, zero.compare(VectorOperators.GT, th1));
        FloatVector.fromArray(S, grads, thetaJ).add(gTheta0).intoArray(grads, thetaJ);
        FloatVector.fromArray(S, grads, thetaJ + L).add(gTheta1).intoArray(grads, thetaJ + L);
        FloatVector.fromArray(S, grads, betaJ).add(gBeta0.mul(FloatVector.fromArray(S, mask, bj))).intoArray(grads, betaJ);
        FloatVector.fromArray(S, grads, betaJ + L).add(gBeta1.mul(FloatVector.fromArray(S, mask, bj + L))).intoArray(grads, betaJ + L);
    }

    private static void lifBackward8(float[] tape, float[] dtape, int in, int out, int mem, int stride, int steps,
            float[] beta, float[] mask, int bj, float[] params, float[] grads, int betaJ, int thetaJ, float slope) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector k = FloatVector.broadcast(S, slope);
        FloatVector b = FloatVector.fromArray(S, beta, bj);
        FloatVector theta = FloatVector.fromArray(S, params, thetaJ);
        FloatVector gTheta = zero;
        FloatVector gBeta = zero;
        int row = (steps - 1) * stride;
        FloatVector carried = FloatVector.fromArray(S, dtape, row + mem);
        // steps t ≥ 1 here, t = 0 after the loop: a vector chosen by a condition inside the loop would be boxed
        for (int t = steps - 1; t > 0; t--, row -= stride) {
            FloatVector x = FloatVector.fromArray(S, tape, row + mem).sub(theta);
            FloatVector den = one.add(x.abs().mul(k));
            FloatVector surrogate = FloatVector.fromArray(S, dtape, row + out).div(den.mul(den));
            FloatVector dMem = carried.add(surrogate);
            FloatVector.fromArray(S, dtape, row + in).add(dMem).intoArray(dtape, row + in);
            int prev = row - stride;
            FloatVector previous = FloatVector.fromArray(S, tape, prev + mem);
            gTheta = gTheta.sub(surrogate)
                    .lanewise(VectorOperators.SUB, dMem, previous.compare(VectorOperators.GT, theta));
            gBeta = dMem.fma(previous, gBeta);
            carried = FloatVector.fromArray(S, dtape, prev + mem).add(b.mul(dMem));
        }
        // t = 0: U_{−1} = 0, so no β gradient, nothing to carry, and the reset flag is 0 > θ as in the forward pass
        FloatVector x = FloatVector.fromArray(S, tape, mem).sub(theta);
        FloatVector den = one.add(x.abs().mul(k));
        FloatVector surrogate = FloatVector.fromArray(S, dtape, out).div(den.mul(den));
        FloatVector dMem = carried.add(surrogate);
        FloatVector.fromArray(S, dtape, in).add(dMem).intoArray(dtape, in);
        gTheta = gTheta.sub(surrogate).lanewise(VectorOperators.SUB, dMem, zero.compare(VectorOperators.GT, theta));
        FloatVector m = FloatVector.fromArray(S, mask, bj);
        FloatVector.fromArray(S, grads, thetaJ).add(gTheta).intoArray(grads, thetaJ);
        FloatVector.fromArray(S, grads, betaJ).add(gBeta.mul(m)).intoArray(grads, betaJ);
    }


    // ---------------------------------------------------------------- LIF

    /**
     * LIF forward over {@code steps} rows from zero state, the operations of {@code Lif.forward} lane by lane:
     * {@code U = β·U_prev + I}, then {@code U − θ} where {@code U_prev > θ}; spike {@code U − θ > 0}.
     * {@code smooth} emits the fast-sigmoid stand-in {@code x/(1 + k|x|)} instead of the spike.
     */
    static void lifForward(float[] tape, int inOff, int outOff, int memOff, int stride, int steps, float[] beta,
            float[] params, int thetaOff, int n, boolean smooth, float slope) {
        int j = 0;
        if (!smooth) {
            for (; j + 4 * L <= n; j += 4 * L) {
                lifForward32(tape, inOff + j, outOff + j, memOff + j, stride, steps, beta, j, params, thetaOff + j);
            }
        }
        for (; j + L <= n; j += L) {
            if (smooth) {
                lifForwardSmooth8(tape, inOff + j, outOff + j, memOff + j, stride, steps, beta, j, params,
                        thetaOff + j, slope);
            } else {
                lifForward8(tape, inOff + j, outOff + j, memOff + j, stride, steps, beta, j, params, thetaOff + j);
            }
        }
        for (; j < n; j++) {
            float b = beta[j];
            float theta = params[thetaOff + j];
            float previous = 0f;
            for (int t = 0, row = 0; t < steps; t++, row += stride) {
                float mem = b * previous + tape[row + inOff + j];
                if (previous > theta) {
                    mem = mem - theta;
                }
                tape[row + memOff + j] = mem;
                float x = mem - theta;
                tape[row + outOff + j] = smooth ? x / (1f + slope * Math.abs(x)) : (x > 0f ? 1f : 0f);
                previous = mem;
            }
        }
    }

    /** Four blocks of eight neurons at once: each block's membrane is a chain through time, four hide the latency. */
    private static void lifForward32(float[] tape, int in, int out, int mem, int stride, int steps, float[] beta,
            int bj, float[] params, int thetaJ) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector b0 = FloatVector.fromArray(S, beta, bj);
        FloatVector b1 = FloatVector.fromArray(S, beta, bj + L);
        FloatVector b2 = FloatVector.fromArray(S, beta, bj + 2 * L);
        FloatVector b3 = FloatVector.fromArray(S, beta, bj + 3 * L);
        FloatVector th0 = FloatVector.fromArray(S, params, thetaJ);
        FloatVector th1 = FloatVector.fromArray(S, params, thetaJ + L);
        FloatVector th2 = FloatVector.fromArray(S, params, thetaJ + 2 * L);
        FloatVector th3 = FloatVector.fromArray(S, params, thetaJ + 3 * L);
        FloatVector p0 = zero;
        FloatVector p1 = zero;
        FloatVector p2 = zero;
        FloatVector p3 = zero;
        for (int t = 0, row = 0; t < steps; t++, row += stride) {
            FloatVector u0 = b0.mul(p0).add(FloatVector.fromArray(S, tape, row + in));
            FloatVector u1 = b1.mul(p1).add(FloatVector.fromArray(S, tape, row + in + L));
            FloatVector u2 = b2.mul(p2).add(FloatVector.fromArray(S, tape, row + in + 2 * L));
            FloatVector u3 = b3.mul(p3).add(FloatVector.fromArray(S, tape, row + in + 3 * L));
            u0 = u0.lanewise(VectorOperators.SUB, th0, p0.compare(VectorOperators.GT, th0));
            u1 = u1.lanewise(VectorOperators.SUB, th1, p1.compare(VectorOperators.GT, th1));
            u2 = u2.lanewise(VectorOperators.SUB, th2, p2.compare(VectorOperators.GT, th2));
            u3 = u3.lanewise(VectorOperators.SUB, th3, p3.compare(VectorOperators.GT, th3));
            u0.intoArray(tape, row + mem);
            u1.intoArray(tape, row + mem + L);
            u2.intoArray(tape, row + mem + 2 * L);
            u3.intoArray(tape, row + mem + 3 * L);
            zero.blend(one, u0.sub(th0).compare(VectorOperators.GT, zero)).intoArray(tape, row + out);
            zero.blend(one, u1.sub(th1).compare(VectorOperators.GT, zero)).intoArray(tape, row + out + L);
            zero.blend(one, u2.sub(th2).compare(VectorOperators.GT, zero)).intoArray(tape, row + out + 2 * L);
            zero.blend(one, u3.sub(th3).compare(VectorOperators.GT, zero)).intoArray(tape, row + out + 3 * L);
            p0 = u0;
            p1 = u1;
            p2 = u2;
            p3 = u3;
        }
    }

    private static void lifForward8(float[] tape, int in, int out, int mem, int stride, int steps, float[] beta,
            int bj, float[] params, int thetaJ) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector b = FloatVector.fromArray(S, beta, bj);
        FloatVector theta = FloatVector.fromArray(S, params, thetaJ);
        FloatVector previous = zero;
        for (int t = 0, row = 0; t < steps; t++, row += stride) {
            FloatVector u = b.mul(previous).add(FloatVector.fromArray(S, tape, row + in));
            u = u.lanewise(VectorOperators.SUB, theta, previous.compare(VectorOperators.GT, theta));
            u.intoArray(tape, row + mem);
            zero.blend(one, u.sub(theta).compare(VectorOperators.GT, zero)).intoArray(tape, row + out);
            previous = u;
        }
    }

    private static void lifForwardSmooth8(float[] tape, int in, int out, int mem, int stride, int steps,
            float[] beta, int bj, float[] params, int thetaJ, float slope) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector k = FloatVector.broadcast(S, slope);
        FloatVector b = FloatVector.fromArray(S, beta, bj);
        FloatVector theta = FloatVector.fromArray(S, params, thetaJ);
        FloatVector previous = FloatVector.zero(S);
        for (int t = 0, row = 0; t < steps; t++, row += stride) {
            FloatVector u = b.mul(previous).add(FloatVector.fromArray(S, tape, row + in));
            u = u.lanewise(VectorOperators.SUB, theta, previous.compare(VectorOperators.GT, theta));
            u.intoArray(tape, row + mem);
            FloatVector x = u.sub(theta);
            x.div(one.add(x.abs().mul(k))).intoArray(tape, row + out);
            previous = u;
        }
    }

    /**
     * LIF backward over {@code steps} rows, last first, the arithmetic of {@code Lif.backward} lane by lane, with the
     * membrane gradient carried from step t to t−1 in a register instead of through the tape.
     */
    static void lifBackward(float[] tape, float[] dtape, int inOff, int outOff, int memOff, int stride, int steps,
            float[] beta, float[] mask, float[] params, float[] grads, int betaOff, int thetaOff, int n, float slope) {
        int j = 0;
        for (; j + 2 * L <= n; j += 2 * L) {
            lifBackward16(tape, dtape, inOff + j, outOff + j, memOff + j, stride, steps, beta, mask, j, params, grads,
                    betaOff + j, thetaOff + j, slope);
        }
        for (; j + L <= n; j += L) {
            lifBackward8(tape, dtape, inOff + j, outOff + j, memOff + j, stride, steps, beta, mask, j, params, grads,
                    betaOff + j, thetaOff + j, slope);
        }
        for (; j < n; j++) {
            float b = beta[j];
            float theta = params[thetaOff + j];
            float gTheta = 0f;
            float gBeta = 0f;
            int row = (steps - 1) * stride;
            float carried = dtape[row + memOff + j];
            for (int t = steps - 1; t >= 0; t--, row -= stride) {
                float x = tape[row + memOff + j] - theta;
                float den = 1f + slope * Math.abs(x);
                float surrogate = dtape[row + outOff + j] / (den * den);
                float dMem = carried + surrogate;
                dtape[row + inOff + j] += dMem;
                gTheta -= surrogate;
                float previous = t > 0 ? tape[row - stride + memOff + j] : 0f;
                if (previous > theta) {
                    gTheta -= dMem;
                }
                gBeta += dMem * previous;
                if (t > 0) {
                    carried = dtape[row - stride + memOff + j] + b * dMem;
                }
            }
            grads[thetaOff + j] += gTheta;
            grads[betaOff + j] += mask[j] * gBeta;
        }
    }

    // ---------------------------------------------------------------- ReLU

    /** {@code y = x > 0 ? x : 0} per element of {@code steps} rows (NaN gives 0, as the row-by-row pass). */
    static void reluForward(float[] tape, int inOff, int outOff, int stride, int steps, int n) {
        FloatVector zero = FloatVector.zero(S);
        for (int t = 0, row = 0; t < steps; t++, row += stride) {
            int j = 0;
            for (; j + L <= n; j += L) {
                FloatVector x = FloatVector.fromArray(S, tape, row + inOff + j);
                zero.blend(x, x.compare(VectorOperators.GT, zero)).intoArray(tape, row + outOff + j);
            }
            for (; j < n; j++) {
                float x = tape[row + inOff + j];
                tape[row + outOff + j] = x > 0f ? x : 0f;
            }
        }
    }

    /** {@code dx += y > 0 ? dy : 0} per element of {@code steps} rows. */
    static void reluBackward(float[] tape, float[] dtape, int inOff, int outOff, int stride, int steps, int n) {
        FloatVector zero = FloatVector.zero(S);
        for (int t = 0, row = 0; t < steps; t++, row += stride) {
            int j = 0;
            for (; j + L <= n; j += L) {
                VectorMask<Float> on = FloatVector.fromArray(S, tape, row + outOff + j).compare(VectorOperators.GT, zero);
                FloatVector dy = zero.blend(FloatVector.fromArray(S, dtape, row + outOff + j), on);
                FloatVector.fromArray(S, dtape, row + inOff + j).add(dy).intoArray(dtape, row + inOff + j);
            }
            for (; j < n; j++) {
                if (tape[row + outOff + j] > 0f) {
                    dtape[row + inOff + j] += dtape[row + outOff + j];
                }
            }
        }
    }
}
