package io.spikepilot.training.bc;

import io.spikepilot.controller.io.LimitedFiles;
import io.spikepilot.controller.action.ActionSpace;
import io.spikepilot.controller.observation.ObservationBuilder;
import io.spikepilot.controller.policy.PolicyFileException;
import io.spikepilot.controller.policy.Safetensors;
import io.spikepilot.controller.policy.Safetensors.DType;
import io.spikepilot.controller.policy.Safetensors.Tensor;
import io.spikepilot.training.nn.Layer;
import io.spikepilot.training.nn.Linear;
import io.spikepilot.training.nn.Network;
import io.spikepilot.training.nn.Tanh;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ANN guide's file (paper-spec §3.1: an MLP 146 → 64 → tanh → 64 → tanh → 4 → tanh on the privileged
 * observation): a safetensors container written with the project's {@link Safetensors} writer. It is not a policy
 * file (the flight runtime never loads it; it is a training-time teacher), so it has its own {@code format} tag and
 * the policy reader refuses it. {@code __metadata__}:
 *
 * <pre>
 * format               "spikepilot-ann-guide"
 * format_version       "1"
 * layer_sizes          e.g. "146,64,64,4" (first = privileged observation width, last = action width)
 * hidden_activation    "tanh"
 * output_activation    "tanh"
 * observation          OBSERVATION (the 18 truth values of ObservationBuilder.LAYOUT_ID + 32×4 action history)
 * action_space         "motors" | "attitude"
 * airframe, task, control_rate_hz
 * provenance_command, provenance_seed, provenance_commit
 * note.*               free-form (training result)
 * </pre>
 *
 * Tensors, k the affine layer from the input side: {@code dense.k.weight} F32 [out, in], {@code dense.k.bias} F32
 * [out]. The reader refuses anything else — another format or version, missing or extra keys or tensors, a shape that
 * disagrees with {@code layer_sizes}, an input other than 146 or an output other than 4, non-finite values, a
 * truncated or corrupt container — with a {@link PolicyFileException} naming the file and the field.
 */
public final class AnnGuideFile {
    public static final String FORMAT = "spikepilot-ann-guide";
    public static final int FORMAT_VERSION = 1;
    public static final String ACTIVATION = "tanh";
    public static final String OBSERVATION = "privileged:" + ObservationBuilder.LAYOUT_ID + "+action_history_32x4";
    /** Largest guide file read (a 146-64-64-4 guide is about 56 kB); a wrong path fails fast. */
    public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
    private static final String NOTE_PREFIX = "note.";
    private static final List<String> KEYS = List.of("format", "format_version", "layer_sizes", "hidden_activation",
            "output_activation", "observation", "action_space", "airframe", "task", "control_rate_hz",
            "provenance_command", "provenance_seed", "provenance_commit");

    /** What a guide file says about where it came from and what it flies. */
    public record Provenance(String task, ActionSpace actionSpace, String airframe, double controlRateHz,
                             String command, long seed, String commit) {
    }

    /** A loaded guide: its network (an {@link Network#mlp} with tanh hidden and output layers) and its metadata. */
    public record Loaded(String source, Network network, int[] layerSizes, Provenance provenance,
                         Map<String, String> metadata) {
        /** A guide for {@code environments} environments flying this network. */
        public AnnGuide guide(int environments) {
            return new AnnGuide(network, environments);
        }
    }

    private AnnGuideFile() {
    }

    /** The guide network's shape: {@code inputs → hidden… → outputs}, tanh everywhere (outputs in [−1, 1]). */
    public static Network network(int inputs, int[] hidden, int outputs) {
        return Network.mlp(inputs, hidden, outputs, false, true);
    }

    /** Serialises a guide network built by {@link #network}; {@code notes} go in as {@code note.*}. */
    public static byte[] toBytes(Network network, Provenance provenance, Map<String, String> notes) {
        List<Linear> linears = linears(network);
        Map<String, String> md = new LinkedHashMap<>();
        md.put("format", FORMAT);
        md.put("format_version", Integer.toString(FORMAT_VERSION));
        StringBuilder sizes = new StringBuilder().append(network.inputSize());
        for (Linear l : linears) {
            sizes.append(',').append(l.outputSize());
        }
        md.put("layer_sizes", sizes.toString());
        md.put("hidden_activation", ACTIVATION);
        md.put("output_activation", ACTIVATION);
        md.put("observation", OBSERVATION);
        md.put("action_space", provenance.actionSpace().id());
        md.put("airframe", provenance.airframe());
        md.put("task", provenance.task());
        md.put("control_rate_hz", Double.toString(provenance.controlRateHz()));
        md.put("provenance_command", provenance.command());
        md.put("provenance_seed", Long.toString(provenance.seed()));
        md.put("provenance_commit", provenance.commit());
        notes.forEach((k, v) -> md.put(NOTE_PREFIX + k, v));
        float[] p = network.parameters();
        List<Tensor> tensors = new ArrayList<>();
        for (int k = 0; k < linears.size(); k++) {
            Linear l = linears.get(k);
            float[] w = new float[l.outputSize() * l.inputSize()];
            for (int o = 0; o < l.outputSize(); o++) {
                for (int i = 0; i < l.inputSize(); i++) {
                    w[o * l.inputSize() + i] = p[l.weightIndex(o, i)];
                }
            }
            float[] b = new float[l.outputSize()];
            for (int o = 0; o < l.outputSize(); o++) {
                b[o] = p[l.biasIndex(o)];
            }
            tensors.add(Tensor.f32("dense." + k + ".weight", new long[] {l.outputSize(), l.inputSize()}, w));
            tensors.add(Tensor.f32("dense." + k + ".bias", new long[] {l.outputSize()}, b));
        }
        return Safetensors.write(md, tensors);
    }

    /** Writes the guide file (via a temporary file in the same folder, so a reader never sees half a file). */
    public static void write(Path path, Network network, Provenance provenance, Map<String, String> notes)
            throws IOException {
        byte[] bytes = toBytes(network, provenance, notes);
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads and validates a guide file. */
    public static Loaded load(Path path) throws PolicyFileException {
        String source = path.toString();
        byte[] bytes;
        try {
            if (!Files.isRegularFile(path)) {
                throw new PolicyFileException(source, "file", "a readable regular file", "none at this path");
            }
            long size = Files.size(path);
            if (size > MAX_FILE_BYTES) {
                throw new PolicyFileException(source, "file", "at most " + MAX_FILE_BYTES + " bytes", size + " bytes");
            }
            bytes = LimitedFiles.readAllBytes(path, MAX_FILE_BYTES, "guide file");
        } catch (PolicyFileException e) {
            throw e;
        } catch (IOException e) {
            throw new PolicyFileException(source, "file", "a readable file", e.toString());
        }
        return read(bytes, source);
    }

    /** Validates guide bytes from {@code source} (a file name or resource path, used in every message). */
    public static Loaded read(byte[] bytes, String source) throws PolicyFileException {
        Safetensors.Content content = Safetensors.read(bytes, source);
        Map<String, String> md = content.metadata();
        String format = require(md, source, "format");
        if (!format.equals(FORMAT)) {
            throw new PolicyFileException(source, "format", "'" + FORMAT + "' (an ANN guide file)", "'" + format
                    + "'");
        }
        String version = require(md, source, "format_version");
        if (!version.equals(Integer.toString(FORMAT_VERSION))) {
            throw new PolicyFileException(source, "format_version", "'" + FORMAT_VERSION + "'", "'" + version + "'");
        }
        for (String key : md.keySet()) {
            if (!KEYS.contains(key) && !key.startsWith(NOTE_PREFIX)) {
                throw new PolicyFileException(source, "__metadata__." + key, "only the keys " + KEYS + " and note.*",
                        "an unknown key");
            }
        }
        for (String key : KEYS) {
            require(md, source, key);
        }
        int[] sizes = sizes(md.get("layer_sizes"), source);
        if (sizes[0] != ObservationBuilder.PRIVILEGED_SIZE) {
            throw new PolicyFileException(source, "layer_sizes", "input " + ObservationBuilder.PRIVILEGED_SIZE
                    + " (the privileged observation)", "input " + sizes[0] + " in '" + md.get("layer_sizes") + "'");
        }
        if (sizes[sizes.length - 1] != ObservationBuilder.ACTION_SIZE) {
            throw new PolicyFileException(source, "layer_sizes", "output " + ObservationBuilder.ACTION_SIZE
                    + " (the action)", "output " + sizes[sizes.length - 1] + " in '" + md.get("layer_sizes") + "'");
        }
        for (String key : List.of("hidden_activation", "output_activation")) {
            if (!md.get(key).equals(ACTIVATION)) {
                throw new PolicyFileException(source, key, "'" + ACTIVATION + "'", "'" + md.get(key) + "'");
            }
        }
        if (!md.get("observation").equals(OBSERVATION)) {
            throw new PolicyFileException(source, "observation", "'" + OBSERVATION + "'", "'" + md.get("observation")
                    + "'");
        }
        ActionSpace space;
        try {
            space = ActionSpace.fromId(md.get("action_space"));
        } catch (IllegalArgumentException e) {
            throw new PolicyFileException(source, "action_space", "'motors' or 'attitude'", "'"
                    + md.get("action_space") + "'");
        }
        double rate = number(md, source, "control_rate_hz");
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new PolicyFileException(source, "control_rate_hz", "a rate > 0", md.get("control_rate_hz"));
        }
        long seed;
        try {
            seed = Long.parseLong(md.get("provenance_seed"));
        } catch (NumberFormatException e) {
            throw new PolicyFileException(source, "provenance_seed", "an integer", "'" + md.get("provenance_seed")
                    + "'");
        }
        int layers = sizes.length - 1;
        Set<String> expected = new TreeSet<>();
        for (int k = 0; k < layers; k++) {
            expected.add("dense." + k + ".weight");
            expected.add("dense." + k + ".bias");
        }
        for (String name : content.tensors().keySet()) {
            if (!expected.contains(name)) {
                throw new PolicyFileException(source, name, "only the tensors " + expected, "an extra tensor");
            }
        }
        int[] hidden = Arrays.copyOfRange(sizes, 1, sizes.length - 1);
        Network net = network(sizes[0], hidden, sizes[sizes.length - 1]);
        List<Linear> linears = linears(net);
        float[] p = net.parameters();
        for (int k = 0; k < layers; k++) {
            Linear l = linears.get(k);
            float[] w = tensor(content, source, "dense." + k + ".weight", new long[] {sizes[k + 1], sizes[k]});
            float[] b = tensor(content, source, "dense." + k + ".bias", new long[] {sizes[k + 1]});
            for (int o = 0; o < l.outputSize(); o++) {
                for (int i = 0; i < l.inputSize(); i++) {
                    p[l.weightIndex(o, i)] = w[o * l.inputSize() + i];
                }
                p[l.biasIndex(o)] = b[o];
            }
        }
        net.parametersChanged();
        Provenance provenance = new Provenance(md.get("task"), space, md.get("airframe"), rate,
                md.get("provenance_command"), seed, md.get("provenance_commit"));
        return new Loaded(source, net, sizes, provenance, Map.copyOf(md));
    }

    /**
     * Loads {@code path} and checks that it flies {@code space}: the error (an {@link IllegalArgumentException} for
     * configuration checks) names the file and the field.
     */
    public static Loaded loadFor(Path path, ActionSpace space) {
        Loaded loaded;
        try {
            loaded = load(path);
        } catch (PolicyFileException e) {
            throw new IllegalArgumentException("guide file " + e.getMessage(), e);
        }
        if (loaded.provenance().actionSpace() != space) {
            throw new IllegalArgumentException("guide file " + path + ": field 'action_space': expected '"
                    + space.id() + "' (the task's), found '" + loaded.provenance().actionSpace().id() + "'");
        }
        return loaded;
    }

    private static float[] tensor(Safetensors.Content content, String source, String name, long[] shape)
            throws PolicyFileException {
        Tensor t = content.tensors().get(name);
        if (t == null) {
            throw new PolicyFileException(source, name, "a tensor of shape " + Arrays.toString(shape), "none");
        }
        if (t.dtype() != DType.F32) {
            throw new PolicyFileException(source, name + ".dtype", "F32", t.dtype().name());
        }
        if (!Arrays.equals(t.shape(), shape)) {
            throw new PolicyFileException(source, name + ".shape", Arrays.toString(shape) + " (from layer_sizes)",
                    Arrays.toString(t.shape()));
        }
        float[] v = t.toFloats();
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new PolicyFileException(source, name, "finite values", v[i] + " at index " + i);
            }
        }
        return v;
    }

    private static int[] sizes(String text, String source) throws PolicyFileException {
        String[] parts = text.split(",");
        if (parts.length < 2) {
            throw new PolicyFileException(source, "layer_sizes", "at least two comma-separated sizes", "'" + text
                    + "'");
        }
        int[] s = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                s[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new PolicyFileException(source, "layer_sizes", "integers", "'" + text + "'");
            }
            if (s[i] < 1 || s[i] > 65536) {
                throw new PolicyFileException(source, "layer_sizes", "sizes in [1, 65536]", "'" + text + "'");
            }
        }
        return s;
    }

    private static double number(Map<String, String> md, String source, String key) throws PolicyFileException {
        try {
            return Double.parseDouble(md.get(key));
        } catch (NumberFormatException e) {
            throw new PolicyFileException(source, key, "a number", "'" + md.get(key) + "'");
        }
    }

    private static String require(Map<String, String> md, String source, String key) throws PolicyFileException {
        String v = md.get(key);
        if (v == null) {
            throw new PolicyFileException(source, "__metadata__." + key, "present", "missing");
        }
        return v;
    }

    private static List<Linear> linears(Network network) {
        List<Linear> out = new ArrayList<>();
        for (Layer layer : network.layers()) {
            if (layer instanceof Linear l) {
                out.add(l);
            } else if (!(layer instanceof Tanh)) {
                throw new IllegalArgumentException("ANN guide: expected Linear and Tanh layers only, found "
                        + layer.getClass().getSimpleName());
            }
        }
        return out;
    }
}
