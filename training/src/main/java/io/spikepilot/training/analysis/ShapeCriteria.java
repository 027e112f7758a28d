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

    /** Rounding slack for "non-decreasing" cosines: the reference slope's own cosine is 1 only to rounding. */
    static final double COSINE_TOLERANCE = 1e-9;

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
                if (r.cosine[i][l] < r.cosine[i][l - 1] - COSINE_TOLERANCE) {
                    byLayer = false;
                    layerWhere.append(String.format(Locale.ROOT, " k=%s layer %d→%d: %.3f→%.3f;", k[i], l - 1, l,
                            r.cosine[i][l - 1], r.cosine[i][l]));
                }
            }
        }
        for (int l = 0; l <= last; l++) {
            for (int i = 1; i < nk; i++) {
                if (r.cosine[i][l] < r.cosine[i - 1][l] - COSINE_TOLERANCE) {
                    bySlope = false;
                    slopeWhere.append(String.format(Locale.ROOT, " layer %d k=%s→%s: %.3f→%.3f;", l, k[i - 1], k[i],
                            r.cosine[i - 1][l], r.cosine[i][l]));
                }
            }
        }
        list.add(new Criterion("§6.3 cosine similarity rises with layer index", byLayer,
                byLayer ? "non-decreasing for every slope" : layerWhere.toString().trim()));
        list.add(new Criterion("§6.3 cosine similarity rises with k", bySlope,
                bySlope ? "non-decreasing in every layer" : slopeWhere.toString().trim()));
        StringBuilder layer0 = new StringBuilder("layer 0:");
        for (int i = 0; i < nk; i++) {
            layer0.append(String.format(Locale.ROOT, " k=%s %.3f", k[i], r.cosine[i][0]));
        }
        layer0.append(" (paper ≈ k=1 0.03, k=25 0.37, k=50 0.70, k=100 1.0)");
        list.add(new Criterion("§6.3 layer-0 cosine values (informative)", true, layer0.toString()));
        return list;
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
