package io.spikepilot.training.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The shape checks of paper-spec §6 items 2–3 on a study result. Each criterion is reported with the numbers it
 * looked at, so a failure says where the curves bend the wrong way.
 */
public final class ShapeCriteria {
    /** One named check and whether it holds. */
    public static final class Criterion {
        public final String name;
        public final boolean holds;
        public final String detail;

        Criterion(String name, boolean holds, String detail) {
            this.name = name;
            this.holds = holds;
            this.detail = detail;
        }

        @Override
        public String toString() {
            return (holds ? "PASS " : "FAIL ") + name + " — " + detail;
        }
    }

    /** Agreement tolerance for "all slopes agree at the readout" (relative). */
    static final double READOUT_AGREEMENT = 1e-6;

    /**
     * Layer-0 cosines of paper Fig. 1c ({@code neurips_cosine_similarity_line.png}) for k = 1, 10, 25, 50, 100, read by
     * the colour of the lines. The lines are coloured by their index, viridis(i / 4) (#440154, #3b528b, #21918c,
     * #5ec962, #fde725), while the legend markers are coloured by slope, viridis(k / 100); the script plots the slopes
     * in the order 1, 10, 25, 50, 100. So the 0.37 line (#3b528b, which is also the legend colour of k = 25) is k = 10,
     * and the 0.90 line that matches no legend marker is k = 50. Spec §2.5 read the lines by legend colour (k = 25 ≈
     * 0.37, k = 50 ≈ 0.70, 0.9 "possibly k = 75"), which leaves one curve without a slope.
     */
    static final float[] PAPER_LAYER0_SLOPES = {1f, 10f, 25f, 50f, 100f};
    static final double[] PAPER_LAYER0_COSINE = {0.03, 0.37, 0.70, 0.90, 1.0};

    /** How far a measured cosine may sit from a value read off the paper's figure (reading ±0.01, seeds ±0.02). */
    static final double TARGET_TOLERANCE = 0.05;

    private ShapeCriteria() {
    }

    public static List<Criterion> evaluate(GradientAlignmentResult r) {
        List<Criterion> list = new ArrayList<>();
        float[] k = r.config.slopes;
        int last = r.config.weightLayers() - 1;
        int nk = k.length;

        boolean monotone = true;
        StringBuilder where = new StringBuilder();
        for (int l = 0; l < last; l++) {
            for (int i = 1; i < nk; i++) {
                if (!(r.meanAbsGradient[i][l] < r.meanAbsGradient[i - 1][l])) {
                    monotone = false;
                    where.append(String.format(Locale.ROOT, " layer %d: k=%s %.3g ≥ k=%s %.3g;", l, k[i],
                            r.meanAbsGradient[i][l], k[i - 1], r.meanAbsGradient[i - 1][l]));
                }
            }
        }
        list.add(new Criterion("§6.2 mean |grad| falls as k rises in every layer < " + last, monotone,
                monotone ? "strictly decreasing in all " + last + " layers" : where.toString().trim()));

        double orders = Math.log10(r.meanAbsGradient[0][0] / r.meanAbsGradient[nk - 1][0]);
        list.add(new Criterion("§6.2 layer 0 gap k=" + k[0] + " vs k=" + k[nk - 1] + " ≥ 4 orders of magnitude",
                orders >= 4, String.format(Locale.ROOT, "%.3g vs %.3g = %.2f orders (paper ≈ 4e-6 vs 3e-11)",
                        r.meanAbsGradient[0][0], r.meanAbsGradient[nk - 1][0], orders)));

        double min = Double.MAX_VALUE;
        double max = 0;
        for (int i = 0; i < nk; i++) {
            min = Math.min(min, r.meanAbsGradient[i][last]);
            max = Math.max(max, r.meanAbsGradient[i][last]);
        }
        boolean agree = max - min <= READOUT_AGREEMENT * max;
        list.add(new Criterion("§6.2 all slopes agree at layer " + last, agree,
                String.format(Locale.ROOT, "mean |grad| from %.6g to %.6g", min, max)));

        boolean byLayer = true;
        boolean bySlope = true;
        StringBuilder layerWhere = new StringBuilder();
        StringBuilder slopeWhere = new StringBuilder();
        for (int i = 0; i < nk; i++) {
            for (int l = 1; l <= last; l++) {
                if (r.cosine[i][l] < r.cosine[i][l - 1]) {
                    byLayer = false;
                    layerWhere.append(String.format(Locale.ROOT, " k=%s layer %d→%d: %.6f→%.6f;", k[i], l - 1, l,
                            r.cosine[i][l - 1], r.cosine[i][l]));
                }
            }
        }
        for (int l = 0; l <= last; l++) {
            for (int i = 1; i < nk; i++) {
                if (r.cosine[i][l] < r.cosine[i - 1][l]) {
                    bySlope = false;
                    slopeWhere.append(String.format(Locale.ROOT, " layer %d k=%s→%s: %.6f→%.6f;", l, k[i - 1], k[i],
                            r.cosine[i - 1][l], r.cosine[i][l]));
                }
            }
        }
        list.add(new Criterion("§6.3 cosine similarity rises with layer index", byLayer,
                byLayer ? "non-decreasing for every slope" : layerWhere.toString().trim()));
        list.add(new Criterion("§6.3 cosine similarity rises with k", bySlope,
                bySlope ? "non-decreasing in every layer" : slopeWhere.toString().trim()));
        boolean onTarget = true;
        int compared = 0;
        StringBuilder targets = new StringBuilder("layer 0:");
        for (int i = 0; i < nk; i++) {
            int p = indexOf(PAPER_LAYER0_SLOPES, k[i]);
            if (p < 0) {
                continue;
            }
            compared++;
            boolean near = Math.abs(r.cosine[i][0] - PAPER_LAYER0_COSINE[p]) <= TARGET_TOLERANCE;
            onTarget &= near;
            targets.append(String.format(Locale.ROOT, " k=%s %.3f (paper %.2f%s)", k[i], r.cosine[i][0],
                    PAPER_LAYER0_COSINE[p], near ? "" : ", off"));
        }
        double lowestAtLast = 1;
        for (int i = 0; i < nk; i++) {
            lowestAtLast = Math.min(lowestAtLast, r.cosine[i][last]);
        }
        boolean lastNearOne = 1 - lowestAtLast <= TARGET_TOLERANCE;
        onTarget &= lastNearOne && compared > 0;
        if (compared == 0) {
            targets.append(" no slope of the study has a paper value");
        }
        targets.append(String.format(Locale.ROOT, "; layer %d: lowest %.6f (paper 1.0)", last, lowestAtLast));
        list.add(new Criterion("§6.3 targets within ±" + TARGET_TOLERANCE + " of paper Fig. 1c (lines read by colour)",
                onTarget, targets.toString()));
        return list;
    }

    private static int indexOf(float[] values, float v) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == v) {
                return i;
            }
        }
        return -1;
    }

    /** True when every criterion holds. */
    public static boolean allHold(List<Criterion> criteria) {
        for (Criterion c : criteria) {
            if (!c.holds) {
                return false;
            }
        }
        return true;
    }
}
