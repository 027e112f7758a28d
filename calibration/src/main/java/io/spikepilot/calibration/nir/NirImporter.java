package io.spikepilot.calibration.nir;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.spikepilot.controller.snn.DenseLayer;
import io.spikepilot.controller.snn.LifLayer;
import io.spikepilot.controller.snn.ResetRule;
import io.spikepilot.controller.snn.SnnNetwork;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Converts a feed-forward NIR graph {@code Input → (Affine|Linear) → (LIF|CubaLIF) → … → (Affine|Linear) [→ LI] →
 * Output} into a float {@link SnnNetwork}.
 *
 * <p>Discretisation: forward Euler at the caller's dt, the reading snnTorch's and Lava's importers use. A NIR LIF
 * {@code τ·dv/dt = (v_leak − v) + r·I} becomes {@code v ← β·v + g·I + (dt/τ)·v_leak} with {@code β = 1 − dt/τ} and
 * input gain {@code g = dt·r/τ}; g multiplies the preceding affine layer's row and {@code (dt/τ)·v_leak} joins its
 * bias, so the runtime's {@code U = β·U + I} is the same map. For snnTorch exports ({@code τ = dt/(1−β), r = τ/dt})
 * this gives back β and g = 1 exactly up to float rounding.
 *
 * <p>Representable and converted: Affine, Linear; LIF with {@code v_reset = 0} and 0 &lt; dt/τ ≤ 1; CubaLIF whose
 * synaptic time constant equals dt (then the synaptic current has no memory and {@code w_in·dt/τ_syn} is a gain);
 * a final LI whose τ equals dt (a memoryless readout). Refused with the reason: any other node type, nested graphs,
 * recurrent or branching edges, non-zero v_reset, dt/τ outside (0, 1], CubaLIF with τ_syn ≠ dt, LI with τ ≠ dt.
 * The runtime applies tanh to the readout (the policy convention); NIR graphs have none, which the notes record.
 */
public final class NirImporter {
    private static final double UNIT_TOLERANCE = 1e-6;

    private NirImporter() {
    }

    /** Reads and converts a {@code .nir} file. */
    public static NirImport importFile(Path file, NirImportOptions options) throws NirImportException {
        String source = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new NirImportException(source, "file", "a readable .nir (HDF5) file", "none at this path");
        }
        try (HdfFile hdf = new HdfFile(file)) {
            return new Conversion(source, hdf, options).run();
        } catch (NirImportException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new NirImportException(source, "file", "an HDF5 file in the NIR layout",
                    "unreadable content (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    /** One conversion; keeps the file name for messages. */
    private static final class Conversion {
        final String source;
        final HdfFile hdf;
        final double dt;
        final NirImportOptions options;
        final List<String> notes = new ArrayList<>();

        Conversion(String source, HdfFile hdf, NirImportOptions options) {
            this.source = source;
            this.hdf = hdf;
            this.dt = options.dtS();
            this.options = options;
        }

        NirImport run() throws NirImportException {
            String version = string(hdf, "version");
            Group graph = group(hdf, "node");
            String graphType = string(graph, "type");
            if (!graphType.equals("NIRGraph")) {
                throw error("node/type", "'NIRGraph'", "'" + graphType + "'");
            }
            Group nodesGroup = group(graph, "nodes");
            Map<String, Group> nodes = new HashMap<>();
            Map<String, String> types = new HashMap<>();
            for (Map.Entry<String, Node> e : nodesGroup.getChildren().entrySet()) {
                if (!(e.getValue() instanceof Group g)) {
                    throw error("node/nodes/" + e.getKey(), "a node group", "a dataset");
                }
                String type = string(g, "type");
                if (type.equals("NIRGraph")) {
                    throw error("node/nodes/" + e.getKey(), "a flat graph of Affine, Linear, LIF, CubaLIF and LI "
                            + "nodes", "a nested NIRGraph (e.g. snnTorch RLeaky's recurrent subgraph), which the "
                            + "feed-forward runtime cannot represent");
                }
                nodes.put(e.getKey(), g);
                types.put(e.getKey(), type);
            }
            List<String> chain = chain(graph, types);
            return build(version, chain, nodes, types);
        }

        /** The node names from Input to Output, checking the edges form one simple path. */
        List<String> chain(Group graph, Map<String, String> types) throws NirImportException {
            Dataset edgesSet = dataset(graph, "edges", "node/edges");
            Object data = edgesSet.getData();
            List<String[]> edges = new ArrayList<>();
            if (data instanceof String[][] pairs) {
                for (String[] p : pairs) {
                    if (p.length != 2) {
                        throw error("node/edges", "[source, target] pairs", p.length + " entries in a row");
                    }
                    edges.add(p);
                }
            } else if (!(edgesSet.isEmpty())) {
                throw error("node/edges", "an N×2 array of strings", describe(data));
            }
            Map<String, List<String>> next = new HashMap<>();
            Map<String, List<String>> prev = new HashMap<>();
            for (String[] e : edges) {
                for (String end : e) {
                    if (!types.containsKey(end)) {
                        throw error("node/edges", "edges between the graph's nodes", "an edge naming '" + end + "'");
                    }
                }
                next.computeIfAbsent(e[0], k -> new ArrayList<>()).add(e[1]);
                prev.computeIfAbsent(e[1], k -> new ArrayList<>()).add(e[0]);
            }
            String input = single(types, "Input");
            String output = single(types, "Output");
            List<String> chain = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            String at = input;
            while (true) {
                if (!seen.add(at)) {
                    throw error("node/edges", "a feed-forward chain", "a cycle through '" + at
                            + "' (recurrent connections are not representable by the feed-forward runtime)");
                }
                chain.add(at);
                List<String> in = prev.getOrDefault(at, List.of());
                if (!at.equals(input) && in.size() != 1) {
                    throw error("node/nodes/" + at, "exactly one incoming edge (a feed-forward chain)",
                            in.size() + " incoming edges " + in + (in.size() > 1 ? " (recurrent or merging "
                                    + "connections are not representable)" : ""));
                }
                if (at.equals(output)) {
                    break;
                }
                List<String> out = next.getOrDefault(at, List.of());
                if (out.size() != 1) {
                    throw error("node/nodes/" + at, "exactly one outgoing edge (a feed-forward chain)",
                            out.size() + " outgoing edges " + out);
                }
                at = out.get(0);
            }
            if (seen.size() != types.size()) {
                Set<String> off = new LinkedHashSet<>(types.keySet());
                off.removeAll(seen);
                throw error("node/nodes", "every node on the Input → Output chain", "nodes off the chain " + off
                        + " (recurrent or side branches are not representable)");
            }
            return chain;
        }

        String single(Map<String, String> types, String type) throws NirImportException {
            String found = null;
            for (Map.Entry<String, String> e : types.entrySet()) {
                if (e.getValue().equals(type)) {
                    if (found != null) {
                        throw error("node/nodes", "one " + type + " node", "several ('" + found + "', '" + e.getKey()
                                + "')");
                    }
                    found = e.getKey();
                }
            }
            if (found == null) {
                throw error("node/nodes", "one " + type + " node", "none");
            }
            return found;
        }

        NirImport build(String version, List<String> chain, Map<String, Group> nodes, Map<String, String> types)
                throws NirImportException {
            notes.add(String.format(Locale.ROOT, "NIR %s, forward Euler at dt = %s s (NIR stores no dt)", version,
                    dt));
            List<DenseLayer> dense = new ArrayList<>();
            List<LifLayer> lif = new ArrayList<>();
            List<double[]> weights = new ArrayList<>();
            List<double[]> biases = new ArrayList<>();
            List<int[]> shapes = new ArrayList<>();
            int inputSize = (int) shapeSize(nodes.get(chain.get(0)), chain.get(0));
            int i = 1;
            int last = chain.size() - 1;
            while (i < last) {
                String name = chain.get(i);
                String type = types.get(name);
                if (!type.equals("Affine") && !type.equals("Linear")) {
                    throw error("node/nodes/" + name, "an Affine or Linear node here (the runtime alternates affine "
                            + "and LIF layers)", "a " + type + " node");
                }
                Group g = nodes.get(name);
                Dataset w = dataset(g, "weight", "node/nodes/" + name + "/weight");
                int[] dims = w.getDimensions();
                if (dims.length != 2) {
                    throw error("node/nodes/" + name + "/weight", "a 2-D [out, in] array", dims.length + "-D");
                }
                int expectedIn = weights.isEmpty() ? inputSize : shapes.get(shapes.size() - 1)[0];
                if (dims[1] != expectedIn) {
                    throw error("node/nodes/" + name + "/weight", "[" + dims[0] + ", " + expectedIn + "]",
                            "[" + dims[0] + ", " + dims[1] + "]");
                }
                double[] wv = doubles(w, "node/nodes/" + name + "/weight");
                double[] bv = type.equals("Affine") ? vector(g, name, "bias", dims[0]) : new double[dims[0]];
                weights.add(wv);
                biases.add(bv);
                shapes.add(new int[] {dims[0], dims[1]});
                i++;
                if (i >= last) {
                    break;
                }
                String nextName = chain.get(i);
                String nextType = types.get(nextName);
                if (nextType.equals("LI") && i + 1 == last) {
                    foldLeakyReadout(nodes.get(nextName), nextName, wv, bv, dims);
                    i++;
                    break;
                }
                if (!nextType.equals("LIF") && !nextType.equals("CubaLIF")) {
                    throw error("node/nodes/" + nextName, "a LIF or CubaLIF node after affine '" + name + "' (or a "
                            + "final LI readout)", "a " + nextType + " node (supported: Input, Affine, Linear, LIF, "
                            + "CubaLIF with tau_syn = dt, LI with tau = dt, Output)");
                }
                lif.add(neuron(nodes.get(nextName), nextName, nextType, wv, bv, dims));
                i++;
            }
            if (weights.isEmpty() || lif.size() != weights.size() - 1) {
                throw error("node/nodes", "Input → (Affine → LIF)+ → Affine → Output", "a chain "
                        + chainTypes(chain, types));
            }
            for (int k = 0; k < weights.size(); k++) {
                int[] d = shapes.get(k);
                dense.add(new DenseLayer(d[1], d[0], toFloat(weights.get(k)), toFloat(biases.get(k))));
            }
            long outSize = shapeSize(nodes.get(chain.get(last)), chain.get(last));
            if (outSize != shapes.get(shapes.size() - 1)[0]) {
                throw error("node/nodes/" + chain.get(last) + "/shape", "[" + shapes.get(shapes.size() - 1)[0]
                        + "] (outputs of the last affine layer)", "[" + outSize + "]");
            }
            ResetRule rule;
            if (options.reset() == NirImportOptions.ResetReading.NIR_ZERO) {
                rule = ResetRule.ZERO_IMMEDIATE;
                notes.add("reset: NIR LIF semantics, membrane set to v_reset = 0 in the spiking step (zero-immediate)");
            } else {
                rule = ResetRule.SUBTRACT_DELAYED;
                notes.add("reset: declared snnTorch Leaky default (subtract θ one step after the spike); the NIR file "
                        + "itself describes reset-to-zero");
            }
            notes.add("readout: tanh applied to the last affine layer (policy convention; not in the NIR graph)");
            return new NirImport(new SnnNetwork(dense, lif, rule), version, List.copyOf(notes));
        }

        LifLayer neuron(Group g, String name, String type, double[] w, double[] b, int[] dims)
                throws NirImportException {
            int n = dims[0];
            String path = "node/nodes/" + name;
            double[] tau = vector(g, name, type.equals("LIF") ? "tau" : "tau_mem", n);
            double[] r = vector(g, name, "r", n);
            double[] leak = vector(g, name, "v_leak", n);
            double[] theta = vector(g, name, "v_threshold", n);
            double[] vReset = g.getChildren().containsKey("v_reset") ? vector(g, name, "v_reset", n) : new double[n];
            double[] synGain = new double[n];
            java.util.Arrays.fill(synGain, 1.0);
            if (type.equals("CubaLIF")) {
                double[] tauSyn = vector(g, name, "tau_syn", n);
                double[] wIn = vector(g, name, "w_in", n);
                for (int j = 0; j < n; j++) {
                    double a = dt / tauSyn[j];
                    if (!(Math.abs(a - 1) <= UNIT_TOLERANCE)) {
                        throw error(path + "/tau_syn", "tau_syn = dt = " + dt + " s (a synaptic current without "
                                + "memory)", tauSyn[j] + " s at neuron " + j + ": the synaptic current keeps state "
                                + "(α = 1 − dt/τ_syn = " + (1 - a) + ") and the runtime's LIF has no synaptic state");
                    }
                    synGain[j] = wIn[j] * a;
                }
                notes.add("'" + name + "': CubaLIF with tau_syn = dt read as LIF with input gain w_in");
            }
            float[] beta = new float[n];
            float[] threshold = new float[n];
            for (int j = 0; j < n; j++) {
                if (vReset[j] != 0.0) {
                    throw error(path + "/v_reset", "0 (the runtime resets to zero or subtracts θ)", vReset[j]
                            + " at neuron " + j);
                }
                double a = dt / tau[j];
                if (!(a > 0 && a <= 1 + UNIT_TOLERANCE) || !Double.isFinite(tau[j])) {
                    throw error(path + "/" + (type.equals("LIF") ? "tau" : "tau_mem"), "τ ≥ dt = " + dt
                            + " s (0 < dt/τ ≤ 1, so β = 1 − dt/τ is in [0, 1))", tau[j] + " s at neuron " + j
                            + (a > 1 ? " (forward Euler is unstable at this dt; pass the dt the graph was "
                            + "exported for)" : ""));
                }
                a = Math.min(a, 1.0);
                double gain = a * r[j] * synGain[j];
                for (int i = 0; i < dims[1]; i++) {
                    w[j * dims[1] + i] *= gain;
                }
                b[j] = b[j] * gain + a * leak[j];
                beta[j] = (float) (1.0 - a);
                threshold[j] = (float) theta[j];
                if (!Float.isFinite(threshold[j])) {
                    throw error(path + "/v_threshold", "finite values", theta[j] + " at neuron " + j);
                }
            }
            return new LifLayer(beta, threshold);
        }

        void foldLeakyReadout(Group g, String name, double[] w, double[] b, int[] dims) throws NirImportException {
            int n = dims[0];
            double[] tau = vector(g, name, "tau", n);
            double[] r = vector(g, name, "r", n);
            double[] leak = vector(g, name, "v_leak", n);
            for (int j = 0; j < n; j++) {
                double a = dt / tau[j];
                if (!(Math.abs(a - 1) <= UNIT_TOLERANCE)) {
                    throw error("node/nodes/" + name + "/tau", "tau = dt = " + dt + " s (a memoryless readout)",
                            tau[j] + " s at output " + j + ": a leaky-integrator readout keeps state (β = "
                                    + (1 - a) + ") and the runtime's readout is affine → tanh");
                }
                for (int i = 0; i < dims[1]; i++) {
                    w[j * dims[1] + i] *= r[j];
                }
                b[j] = b[j] * r[j] + leak[j];
            }
            notes.add("'" + name + "': LI readout with tau = dt folded into the last affine layer");
        }

        long shapeSize(Group g, String name) throws NirImportException {
            double[] shape = doubles(dataset(g, "shape", "node/nodes/" + name + "/shape"),
                    "node/nodes/" + name + "/shape");
            if (shape.length != 1 || shape[0] < 1) {
                throw error("node/nodes/" + name + "/shape", "a 1-D shape [n] (flat vectors)",
                        java.util.Arrays.toString(shape));
            }
            return (long) shape[0];
        }

        double[] vector(Group g, String name, String field, int n) throws NirImportException {
            String path = "node/nodes/" + name + "/" + field;
            double[] v = doubles(dataset(g, field, path), path);
            if (v.length == 1 && n > 1) {
                double[] full = new double[n];
                java.util.Arrays.fill(full, v[0]);
                v = full;
            }
            if (v.length != n) {
                throw error(path, n + " values", v.length + " values");
            }
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(v[j])) {
                    throw error(path, "finite values", v[j] + " at index " + j);
                }
            }
            return v;
        }

        double[] doubles(Dataset d, String path) throws NirImportException {
            Object flat = d.isScalar() ? d.getData() : d.getDataFlat();
            if (flat instanceof Number num) {
                return new double[] {num.doubleValue()};
            }
            if (flat == null || !flat.getClass().isArray() || !flat.getClass().getComponentType().isPrimitive()) {
                throw error(path, "a numeric array", describe(flat));
            }
            int n = Array.getLength(flat);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = ((Number) Array.get(flat, i)).doubleValue();
            }
            return out;
        }

        Dataset dataset(Group g, String child, String path) throws NirImportException {
            Node n = g.getChildren().get(child);
            if (!(n instanceof Dataset d)) {
                throw error(path, "a dataset", n == null ? "nothing (missing field)" : "a group");
            }
            return d;
        }

        Group group(Group g, String child) throws NirImportException {
            Node n = g.getChildren().get(child);
            if (!(n instanceof Group sub)) {
                throw error(child, "a group", n == null ? "nothing" : "a dataset");
            }
            return sub;
        }

        String string(Group g, String child) throws NirImportException {
            String path = (g.getPath().equals("/") ? "" : g.getPath().substring(1)) + child;
            Object data = dataset(g, child, path).getData();
            if (data instanceof String s) {
                return s;
            }
            if (data instanceof String[] a && a.length == 1) {
                return a[0];
            }
            throw error(path, "a string", describe(data));
        }

        String chainTypes(List<String> chain, Map<String, String> types) {
            List<String> t = new ArrayList<>();
            for (String n : chain) {
                t.add(types.get(n));
            }
            return String.join(" → ", t);
        }

        static String describe(Object o) {
            return o == null ? "nothing" : o.getClass().getSimpleName();
        }

        static float[] toFloat(double[] v) {
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            return f;
        }

        NirImportException error(String field, String expected, String found) {
            return new NirImportException(source, field, expected, found);
        }
    }
}
