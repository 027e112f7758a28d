package io.spikepilot.training.optim;

/**
 * Adam as PyTorch implements it (no weight decay, no AMSGrad): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
 * p ← p − (lr / (1−β₁ᵗ))·m / (√v / √(1−β₂ᵗ) + ε). Moments are float32 like the parameters; allocation-free per step.
 */
public final class Adam {
    private final float[] m;
    private final float[] v;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private float learningRate;
    private long step;

    public Adam(int parameterCount, float learningRate) {
        this(parameterCount, learningRate, 0.9f, 0.999f, 1e-8f);
    }

    public Adam(int parameterCount, float learningRate, float beta1, float beta2, float epsilon) {
        if (!(learningRate > 0f) || !(beta1 >= 0f && beta1 < 1f) || !(beta2 >= 0f && beta2 < 1f) || !(epsilon > 0f)) {
            throw new IllegalArgumentException("Adam: need lr > 0, β₁, β₂ in [0, 1), ε > 0; found lr=" + learningRate
                    + " β₁=" + beta1 + " β₂=" + beta2 + " ε=" + epsilon);
        }
        m = new float[parameterCount];
        v = new float[parameterCount];
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.learningRate = learningRate;
    }

    public void setLearningRate(float lr) {
        if (!(lr > 0f)) {
            throw new IllegalArgumentException("learning rate must be > 0, found " + lr);
        }
        learningRate = lr;
    }

    public long steps() {
        return step;
    }

    /** First moments (live array: a checkpoint copies it out and back in). */
    public float[] firstMoments() {
        return m;
    }

    /** Second moments (live array). */
    public float[] secondMoments() {
        return v;
    }

    /** Restores the step count of a checkpoint (the moments are restored through their arrays). */
    public void restoreSteps(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("Adam: step count must be ≥ 0, found " + steps);
        }
        step = steps;
    }

    /** Applies one update to {@code params} from {@code grads} (same length as at construction). */
    public void step(float[] params, float[] grads) {
        step++;
        double correction1 = 1.0 - Math.pow(beta1, step);
        double correction2 = 1.0 - Math.pow(beta2, step);
        float stepSize = (float) (learningRate / correction1);
        float invSqrtCorrection2 = (float) (1.0 / Math.sqrt(correction2));
        float b1 = beta1;
        float b2 = beta2;
        float c1 = 1f - b1;
        float c2 = 1f - b2;
        float eps = epsilon;
        float[] mm = m;
        float[] vv = v;
        for (int i = 0; i < mm.length; i++) {
            float g = grads[i];
            float mi = b1 * mm[i] + c1 * g;
            float vi = b2 * vv[i] + c2 * g * g;
            mm[i] = mi;
            vv[i] = vi;
            params[i] -= stepSize * mi / ((float) Math.sqrt(vi) * invSqrtCorrection2 + eps);
        }
    }
}
