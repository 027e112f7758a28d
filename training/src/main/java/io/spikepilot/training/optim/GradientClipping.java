package io.spikepilot.training.optim;

/** Global L2-norm clipping, as {@code torch.nn.utils.clip_grad_norm_}: scale by max/(norm + 1e−6) when norm > max. */
public final class GradientClipping {
    private GradientClipping() {
    }

    /** Euclidean norm of the vector, accumulated in double. */
    public static double norm(float[] grads) {
        double sum = 0;
        for (float g : grads) {
            sum += (double) g * g;
        }
        return Math.sqrt(sum);
    }

    /** Clips in place and returns the norm before clipping. */
    public static double clip(float[] grads, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("max gradient norm must be > 0, found " + maxNorm);
        }
        double norm = norm(grads);
        if (norm > maxNorm) {
            float scale = (float) (maxNorm / (norm + 1e-6));
            for (int i = 0; i < grads.length; i++) {
                grads[i] *= scale;
            }
        }
        return norm;
    }
}
