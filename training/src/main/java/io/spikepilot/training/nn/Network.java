package io.spikepilot.training.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A stack of layers stepped once per time step, with all parameters in one flat float vector (what the optimiser, the
 * gradient clipping and the exporter see). A tape row holds, in order: the input, every layer's output, then every
 * layer's cache; {@link #rowStride()} floats per time step.
 */
public final class Network {
    private final List<Layer> layers;
    private final Layer[] layerArray;
    private final List<Lif> lifLayers;
    private final float[] params;
    private final int rowStride;
    private final int outputOffset;

    public Network(List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        this.layers = List.copyOf(layers);
        this.layerArray = this.layers.toArray(new Layer[0]);
        List<Lif> lifs = new ArrayList<>();
        int activation = 0;
        int parameter = 0;
        for (int l = 0; l < this.layers.size(); l++) {
            Layer layer = this.layers.get(l);
            if (l > 0 && this.layers.get(l - 1).outputSize != layer.inputSize) {
                throw new IllegalArgumentException("layer " + l + " (" + layer.getClass().getSimpleName()
                        + ") expects " + layer.inputSize + " inputs but layer " + (l - 1) + " gives "
                        + this.layers.get(l - 1).outputSize);
            }
            layer.inOffset = activation;
            activation += layer.inputSize;
            layer.outOffset = activation;
            layer.paramOffset = parameter;
            parameter += layer.parameterCount();
            if (layer instanceof Lif) {
                lifs.add((Lif) layer);
            }
        }
        Layer last = this.layers.get(this.layers.size() - 1);
        outputOffset = last.outOffset;
        int cache = activation + last.outputSize;
        for (Layer layer : this.layers) {
            layer.cacheOffset = cache;
            cache += layer.cacheSize();
        }
        rowStride = cache;
        params = new float[parameter];
        lifLayers = Collections.unmodifiableList(lifs);
        parametersChanged();
    }

    /** 18-256-128-4 style spiking actor: Linear → LIF per hidden size, then Linear → tanh (paper-spec §2.1). */
    public static Network spikingActor(int inputs, int[] hidden, int outputs) {
        List<Layer> list = spikingLayers(inputs, hidden, outputs);
        list.add(new Tanh(outputs));
        return new Network(list);
    }

    /**
     * The spiking actor without the output tanh: Linear → LIF per hidden size, then the linear readout of the spikes.
     * For callers that accumulate the readout over several passes before squashing it (the slope study's
     * frame-stacked actor).
     */
    public static Network spikingReadout(int inputs, int[] hidden, int outputs) {
        return new Network(spikingLayers(inputs, hidden, outputs));
    }

    private static List<Layer> spikingLayers(int inputs, int[] hidden, int outputs) {
        List<Layer> list = new ArrayList<>();
        int width = inputs;
        for (int h : hidden) {
            list.add(new Linear(width, h));
            list.add(new Lif(h));
            width = h;
        }
        list.add(new Linear(width, outputs));
        return list;
    }

    /**
     * Plain MLP: Linear → activation per hidden size, then Linear (and tanh on the output when asked). Its Linear
     * layers sum with fused multiply-adds ({@link Linear#Linear(int, int, boolean)}): MLPs here are critics and
     * readouts that the float runtime never loads.
     */
    public static Network mlp(int inputs, int[] hidden, int outputs, boolean reluHidden, boolean tanhOutput) {
        List<Layer> list = new ArrayList<>();
        int width = inputs;
        for (int h : hidden) {
            list.add(new Linear(width, h, true));
            list.add(reluHidden ? new Relu(h) : new Tanh(h));
            width = h;
        }
        list.add(new Linear(width, outputs, true));
        if (tanhOutput) {
            list.add(new Tanh(outputs));
        }
        return new Network(list);
    }

    public List<Layer> layers() {
        return layers;
    }

    public List<Lif> lifLayers() {
        return lifLayers;
    }

    /** The flat parameter vector; call {@link #parametersChanged()} after writing to it. */
    public float[] parameters() {
        return params;
    }

    public int parameterCount() {
        return params.length;
    }

    public int inputSize() {
        return layers.get(0).inputSize;
    }

    public int outputSize() {
        return layers.get(layers.size() - 1).outputSize;
    }

    public int rowStride() {
        return rowStride;
    }

    /** Offset of the network output inside a tape row. */
    public int outputOffset() {
        return outputOffset;
    }

    /** Draws all parameters from one seeded stream, layer by layer in order, then refreshes derived copies. */
    public void initialise(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (Layer layer : layers) {
            layer.initialise(params, random);
        }
        parametersChanged();
    }

    /** Copies the parameters of a network of the same shape. */
    public void copyParametersFrom(Network other) {
        if (other.params.length != params.length) {
            throw new IllegalArgumentException("parameter count differs: " + other.params.length + " vs " + params.length);
        }
        System.arraycopy(other.params, 0, params, 0, params.length);
        parametersChanged();
    }

    public void parametersChanged() {
        for (Layer layer : layerArray) {
            layer.parametersChanged(params);
        }
    }

    /** Sets the surrogate slope of every LIF layer (the schedules drive all layers at once). */
    public void setSlope(float k) {
        for (Layer layer : layerArray) {
            if (layer instanceof Lif) {
                ((Lif) layer).setSlope(k);
            }
        }
    }

    public void setSpikeForward(SpikeForward mode) {
        for (Lif lif : lifLayers) {
            lif.setSpikeForward(mode);
        }
    }

    /** One forward time step; the input must already be at {@code row}. */
    public void forward(float[] tape, int row, int previousRow) {
        Layer[] stack = layerArray;
        for (int l = 0; l < stack.length; l++) {
            stack[l].forward(params, tape, row, previousRow);
        }
    }

    /**
     * Forward over a whole sequence from zero state, layer by layer (each layer over all steps before the next), with
     * the inputs already in rows 0 … steps−1. Bit-identical to calling {@link #forward} step by step.
     */
    public void forwardSequence(float[] tape, int steps) {
        VectorModule.require();
        Layer[] stack = layerArray;
        for (int l = 0; l < stack.length; l++) {
            stack[l].forwardSequence(params, tape, steps, rowStride);
        }
    }

    /** Backward over a whole sequence; dL/d(output) of every step must already be in {@code dtape}. */
    public void backwardSequence(float[] grads, float[] tape, float[] dtape, int steps) {
        backwardSequence(grads, tape, dtape, steps, false);
    }

    /**
     * As {@link #backwardSequence(float[], float[], float[], int)}, also adding dL/d(input) of every row into
     * {@code dtape} when {@code inputGradient} is set (a critic's gradient with respect to its action input).
     */
    public void backwardSequence(float[] grads, float[] tape, float[] dtape, int steps, boolean inputGradient) {
        VectorModule.require();
        Layer[] stack = layerArray;
        for (int l = stack.length - 1; l >= 0; l--) {
            stack[l].backwardSequence(params, grads, tape, dtape, steps, rowStride, l > 0 || inputGradient);
        }
    }

    /** Polyak averaging towards {@code source} (same shape): p ← τ·p_source + (1 − τ)·p. */
    public void softUpdateFrom(Network source, float tau) {
        if (source.params.length != params.length) {
            throw new IllegalArgumentException("parameter count differs: " + source.params.length + " vs "
                    + params.length);
        }
        float keep = 1f - tau;
        float[] from = source.params;
        for (int i = 0; i < params.length; i++) {
            params[i] = tau * from[i] + keep * params[i];
        }
        parametersChanged();
    }

    /** One backward time step; dL/d(output) must already be in {@code dtape} at the output offset of {@code row}. */
    public void backward(float[] grads, float[] tape, float[] dtape, int row, int previousRow) {
        backward(grads, tape, dtape, row, previousRow, false);
    }

    /** As {@link #backward(float[], float[], float[], int, int)}, also adding dL/d(input) when asked. */
    public void backward(float[] grads, float[] tape, float[] dtape, int row, int previousRow, boolean inputGradient) {
        Layer[] stack = layerArray;
        for (int l = stack.length - 1; l >= 0; l--) {
            stack[l].backward(params, grads, tape, dtape, row, previousRow, l > 0 || inputGradient);
        }
    }
}
