package io.spikepilot.controller.snn;

import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.policy.PolicyFileException;
import io.spikepilot.controller.policy.PolicyMetadata;
import io.spikepilot.controller.policy.Safetensors;
import io.spikepilot.controller.action.ActionSpace;
import io.spikepilot.controller.io.LimitedFiles;
import io.spikepilot.controller.observation.ObservationBuilder;
import io.spikepilot.controller.policy.Safetensors.DType;
import io.spikepilot.controller.policy.Safetensors.Tensor;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Policy files: the one code path the trainer exports with and the runtime loads with. A policy file is a safetensors
 * container ({@link Safetensors}) whose {@code __metadata__} holds:
 *
 * <pre>
 * format               "spikepilot-policy"
 * format_version       "1"
 * network_kind         "float-snn" | "fixed-snn"
 * neuron_model         "lif-snntorch-leaky" (U = clamp(β,0,1)·U + I − reset; spike on U &gt; θ, strict)
 * reset_rule           "subtract-delayed" | "zero-immediate"
 * layer_sizes          e.g. "18,256,128,4"
 * control_rate_hz      e.g. "100.0"
 * observation_layout   e.g. ObservationBuilder.LAYOUT_ID
 * action_space         ActionSpace.id(): "motors" | "attitude"
 * action_scaling       how [−1,1] maps onto the action space
 * airframe             airframe id
 * provenance_command, provenance_seed, provenance_commit
 * note.*               free-form (e.g. calibration summary)
 * fixed only:          weight_bits "8"|"16", beta_fraction_bits "24", output_argument_fraction_bits "16"
 * </pre>
 *
 * Tensors, with k the affine layer (0 = input side) and LIF layer k following affine layer k:
 * <pre>
 * float-snn:  dense.k.weight F32 [out,in], dense.k.bias F32 [out], lif.k.beta F32 [n] (effective β, in [0,1]),
 *             lif.k.threshold F32 [n]
 * fixed-snn:  input.scale F32 [in], input.max_code I32 [],
 *             dense.k.weight I8|I16 [out,in], dense.k.weight_scale F32 [out], dense.k.requant_multiplier I32 [out],
 *             dense.k.requant_shift I32 [out], dense.k.bias I32 [out],
 *             lif.k.beta I32 [n] (Q24), lif.k.threshold I32 [n], lif.k.membrane_scale F32 [n]
 * </pre>
 * Readers refuse anything else — wrong version, missing or extra tensors or metadata, wrong dtype or shape, non-finite
 * values, β outside [0, 1] — with a {@link PolicyFileException} naming file, field, expectation and finding.
 */
public final class PolicyFile {
    public static final String FORMAT = "spikepilot-policy";
    public static final int FORMAT_VERSION = 1;
    public static final String NEURON_MODEL = "lif-snntorch-leaky";
    /** Largest policy file read, so a bogus path (a disk image, a log) fails fast instead of filling memory. */
    public static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

    private static final String NOTE_PREFIX = "note.";
    private static final List<String> COMMON_KEYS = List.of("format", "format_version", "network_kind", "neuron_model",
            "reset_rule", "layer_sizes", "control_rate_hz", "observation_layout", "action_space", "action_scaling",
            "airframe", "provenance_command", "provenance_seed", "provenance_commit");
    private static final List<String> FIXED_KEYS = List.of("weight_bits", "beta_fraction_bits",
            "output_argument_fraction_bits");

    private PolicyFile() {
    }

    // ---------------------------------------------------------------------------------------------------- writing

    /** Serialises a float network. */
    public static byte[] toBytes(SnnNetwork net, PolicyMetadata meta) {
        requireFlyableShape(net.layerSizes(), meta);
        Map<String, String> md = metadata(meta, NetworkKind.FLOAT_SNN, net.resetRule(), net.layerSizes());
        List<Tensor> tensors = new ArrayList<>();
        for (int k = 0; k < net.dense().size(); k++) {
            DenseLayer d = net.dense().get(k);
            tensors.add(Tensor.f32("dense." + k + ".weight", new long[] {d.outputs(), d.inputs()}, d.weights()));
            tensors.add(Tensor.f32("dense." + k + ".bias", new long[] {d.outputs()}, d.biases()));
            if (k < net.hiddenLayers()) {
                LifLayer l = net.lif().get(k);
                tensors.add(Tensor.f32("lif." + k + ".beta", new long[] {l.size()}, l.betas()));
                tensors.add(Tensor.f32("lif." + k + ".threshold", new long[] {l.size()}, l.thresholds()));
            }
        }
        return Safetensors.write(md, tensors);
    }

    /** Serialises a fixed-point network. */
    public static byte[] toBytes(FixedPointNetwork net, PolicyMetadata meta) {
        requireFlyableShape(net.layerSizes(), meta);
        Map<String, String> md = metadata(meta, NetworkKind.FIXED_SNN, net.resetRule(), net.layerSizes());
        int bits = net.dense().get(0).weightBits();
        for (FixedDenseLayer d : net.dense()) {
            if (d.weightBits() != bits) {
                throw new IllegalArgumentException("policy file: expected one weight width for all layers, found "
                        + bits + " and " + d.weightBits());
            }
        }
        md.put("weight_bits", Integer.toString(bits));
        md.put("beta_fraction_bits", Integer.toString(FixedLifLayer.BETA_FRACTION_BITS));
        md.put("output_argument_fraction_bits", "16");
        DType wType = bits == 8 ? DType.I8 : DType.I16;
        List<Tensor> tensors = new ArrayList<>();
        int in = net.layerSizes()[0];
        tensors.add(Tensor.f32("input.scale", new long[] {in}, net.inputScales()));
        tensors.add(Tensor.integer("input.max_code", DType.I32, new long[0], new int[] {net.inputMaxCode()}));
        for (int k = 0; k < net.dense().size(); k++) {
            FixedDenseLayer d = net.dense().get(k);
            long[] vec = {d.outputs()};
            tensors.add(Tensor.integer("dense." + k + ".weight", wType, new long[] {d.outputs(), d.inputs()},
                    d.weights()));
            tensors.add(Tensor.f32("dense." + k + ".weight_scale", vec, d.weightScales()));
            tensors.add(Tensor.integer("dense." + k + ".requant_multiplier", DType.I32, vec, d.multipliers()));
            tensors.add(Tensor.integer("dense." + k + ".requant_shift", DType.I32, vec, d.shifts()));
            tensors.add(Tensor.integer("dense." + k + ".bias", DType.I32, vec, d.biases()));
            if (k < net.hiddenLayers()) {
                FixedLifLayer l = net.lif().get(k);
                long[] n = {l.size()};
                tensors.add(Tensor.integer("lif." + k + ".beta", DType.I32, n, l.betasQ24()));
                tensors.add(Tensor.integer("lif." + k + ".threshold", DType.I32, n, l.thresholds()));
                tensors.add(Tensor.f32("lif." + k + ".membrane_scale", n, l.membraneScales()));
            }
        }
        return Safetensors.write(md, tensors);
    }

    /** Writes a float policy atomically (temporary file, then rename). Returns the SHA-256 of the bytes written. */
    public static String write(Path path, SnnNetwork net, PolicyMetadata meta) throws IOException {
        return writeAtomically(path, toBytes(net, meta));
    }

    /** Writes a fixed-point policy atomically. Returns the SHA-256 of the bytes written. */
    public static String write(Path path, FixedPointNetwork net, PolicyMetadata meta) throws IOException {
        return writeAtomically(path, toBytes(net, meta));
    }

    /** The writer refuses what the reader would refuse: a network whose widths do not fit its metadata. */
    private static void requireFlyableShape(int[] sizes, PolicyMetadata meta) {
        String problem = shapeProblem(sizes, meta);
        if (problem != null) {
            throw new IllegalArgumentException("policy file: field 'layer_sizes': expected " + problem);
        }
    }

    /** Null when the widths fit the metadata, else "<expected>, found <found>". */
    private static String shapeProblem(int[] sizes, PolicyMetadata meta) {
        if (meta.observationLayout().equals(ObservationBuilder.LAYOUT_ID) && sizes[0] != ObservationBuilder.SIZE) {
            return ObservationBuilder.SIZE + " inputs for observation layout '" + ObservationBuilder.LAYOUT_ID
                    + "', found " + sizes[0] + " inputs";
        }
        if (sizes[sizes.length - 1] != ObservationBuilder.ACTION_SIZE) {
            return ObservationBuilder.ACTION_SIZE + " outputs (action space '" + meta.actionSpace().id()
                    + "'), found " + sizes[sizes.length - 1] + " outputs";
        }
        return null;
    }

    private static String writeAtomically(Path path, byte[] bytes) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, bytes);
            // createTempFile makes the file 0600; a policy is no secret and is copied to the vehicle and read by
            // other users and tools, so it gets the 0644 of every other file the tools write
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return sha256(bytes);
    }

    private static Map<String, String> metadata(PolicyMetadata meta, NetworkKind kind, ResetRule rule, int[] sizes) {
        Map<String, String> md = new LinkedHashMap<>();
        md.put("format", FORMAT);
        md.put("format_version", Integer.toString(FORMAT_VERSION));
        md.put("network_kind", kind.id());
        md.put("neuron_model", NEURON_MODEL);
        md.put("reset_rule", rule.id());
        md.put("layer_sizes", joinSizes(sizes));
        md.put("control_rate_hz", Double.toString(meta.controlRateHz()));
        md.put("observation_layout", meta.observationLayout());
        md.put("action_space", meta.actionSpace().id());
        md.put("action_scaling", meta.actionScaling());
        md.put("airframe", meta.airframe());
        md.put("provenance_command", meta.provenance().command());
        md.put("provenance_seed", Long.toString(meta.provenance().seed()));
        md.put("provenance_commit", meta.provenance().commit());
        for (Map.Entry<String, String> e : new TreeMap<>(meta.notes()).entrySet()) {
            md.put(NOTE_PREFIX + e.getKey(), e.getValue());
        }
        return md;
    }

    private static String joinSizes(int[] sizes) {
        StringBuilder sb = new StringBuilder();
        for (int s : sizes) {
            sb.append(sb.length() == 0 ? "" : ",").append(s);
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------------- reading

    /** Reads and validates a policy file; the SHA-256 of its bytes is in the result. */
    public static LoadedPolicy load(Path path) throws IOException {
        String source = path.toString();
        if (!Files.isRegularFile(path)) {
            throw new PolicyFileException(source, "file", "a readable regular file", "none at this path");
        }
        long size = Files.size(path);
        if (size > MAX_FILE_BYTES) {
            throw new PolicyFileException(source, "file", "at most " + MAX_FILE_BYTES + " bytes", size + " bytes");
        }
        return read(LimitedFiles.readAllBytes(path, MAX_FILE_BYTES, "policy file"), source);
    }

    /** Validates policy bytes from {@code source} (a file name or resource path, used in messages). */
    public static LoadedPolicy read(byte[] bytes, String source) throws PolicyFileException {
        Safetensors.Content content = Safetensors.read(bytes, source);
        Map<String, String> md = content.metadata();
        String format = require(md, source, "format");
        if (!format.equals(FORMAT)) {
            throw new PolicyFileException(source, "format", "'" + FORMAT + "'", "'" + format + "'");
        }
        String version = require(md, source, "format_version");
        if (!version.equals(Integer.toString(FORMAT_VERSION))) {
            throw new PolicyFileException(source, "format_version", "'" + FORMAT_VERSION + "' (this build reads "
                    + "version " + FORMAT_VERSION + " only)", "'" + version + "'");
        }
        String kindId = require(md, source, "network_kind");
        NetworkKind kind = NetworkKind.fromId(kindId);
        if (kind == null) {
            throw new PolicyFileException(source, "network_kind", "'float-snn' or 'fixed-snn'", "'" + kindId + "'");
        }
        checkKeys(md, source, kind);
        String model = require(md, source, "neuron_model");
        if (!model.equals(NEURON_MODEL)) {
            throw new PolicyFileException(source, "neuron_model", "'" + NEURON_MODEL + "'", "'" + model + "'");
        }
        ResetRule rule;
        try {
            rule = ResetRule.fromId(require(md, source, "reset_rule"));
        } catch (IllegalArgumentException e) {
            throw new PolicyFileException(source, "reset_rule", "'subtract-delayed' or 'zero-immediate'",
                    "'" + md.get("reset_rule") + "'");
        }
        int[] sizes = parseSizes(source, require(md, source, "layer_sizes"));
        PolicyMetadata meta = parseMetadata(md, source);
        String problem = shapeProblem(sizes, meta);
        if (problem != null) {
            int cut = problem.lastIndexOf(", found ");
            throw new PolicyFileException(source, "layer_sizes", problem.substring(0, cut),
                    problem.substring(cut + ", found ".length()));
        }
        TensorReader tensors = new TensorReader(source, content.tensors());
        String sha = sha256(bytes);
        if (kind == NetworkKind.FLOAT_SNN) {
            SnnNetwork net = readFloat(tensors, sizes, rule);
            tensors.requireAllUsed();
            return new LoadedPolicy(source, sha, meta, kind, rule, net, null);
        }
        FixedPointNetwork net = readFixed(tensors, sizes, rule, md);
        tensors.requireAllUsed();
        return new LoadedPolicy(source, sha, meta, kind, rule, null, net);
    }

    private static SnnNetwork readFloat(TensorReader t, int[] sizes, ResetRule rule) throws PolicyFileException {
        List<DenseLayer> dense = new ArrayList<>();
        List<LifLayer> lif = new ArrayList<>();
        int layers = sizes.length - 1;
        for (int k = 0; k < layers; k++) {
            int in = sizes[k];
            int out = sizes[k + 1];
            float[] w = t.floats("dense." + k + ".weight", out, in);
            float[] b = t.floats("dense." + k + ".bias", out);
            dense.add(new DenseLayer(in, out, w, b));
            if (k < layers - 1) {
                float[] beta = t.floats("lif." + k + ".beta", out);
                for (int i = 0; i < beta.length; i++) {
                    if (!(beta[i] >= 0.0f && beta[i] <= 1.0f)) {
                        throw new PolicyFileException(t.source, "lif." + k + ".beta", "effective β in [0, 1] "
                                + "(exporters store clamp(β, 0, 1))", beta[i] + " at index " + i);
                    }
                }
                lif.add(new LifLayer(beta, t.floats("lif." + k + ".threshold", out)));
            }
        }
        return new SnnNetwork(dense, lif, rule);
    }

    private static FixedPointNetwork readFixed(TensorReader t, int[] sizes, ResetRule rule, Map<String, String> md)
            throws PolicyFileException {
        int bits = intMeta(md, t.source, "weight_bits", 8, 16);
        if (bits != 8 && bits != 16) {
            throw new PolicyFileException(t.source, "weight_bits", "8 or 16", Integer.toString(bits));
        }
        int betaBits = intMeta(md, t.source, "beta_fraction_bits", 0, 62);
        if (betaBits != FixedLifLayer.BETA_FRACTION_BITS) {
            throw new PolicyFileException(t.source, "beta_fraction_bits", Integer.toString(
                    FixedLifLayer.BETA_FRACTION_BITS), Integer.toString(betaBits));
        }
        int outBits = intMeta(md, t.source, "output_argument_fraction_bits", 0, 62);
        if (outBits != 16) {
            throw new PolicyFileException(t.source, "output_argument_fraction_bits", "16", Integer.toString(outBits));
        }
        DType wType = bits == 8 ? DType.I8 : DType.I16;
        float[] inputScale = t.floats("input.scale", sizes[0]);
        int maxCode = t.ints("input.max_code", DType.I32)[0];
        List<FixedDenseLayer> dense = new ArrayList<>();
        List<FixedLifLayer> lif = new ArrayList<>();
        int layers = sizes.length - 1;
        for (int k = 0; k < layers; k++) {
            int in = sizes[k];
            int out = sizes[k + 1];
            String p = "dense." + k + ".";
            int[] w = t.ints(p + "weight", wType, out, in);
            float[] ws = t.floats(p + "weight_scale", out);
            int[] mult = t.ints(p + "requant_multiplier", DType.I32, out);
            int[] shift = t.ints(p + "requant_shift", DType.I32, out);
            int[] bias = t.ints(p + "bias", DType.I32, out);
            dense.add(t.build(p + "weight", () -> new FixedDenseLayer(in, out, bits, w, mult, shift, bias, ws)));
            if (k < layers - 1) {
                String l = "lif." + k + ".";
                int[] beta = t.ints(l + "beta", DType.I32, out);
                int[] thr = t.ints(l + "threshold", DType.I32, out);
                float[] ms = t.floats(l + "membrane_scale", out);
                lif.add(t.build(l + "beta", () -> new FixedLifLayer(beta, thr, ms)));
            }
        }
        return t.build("input.scale", () -> new FixedPointNetwork(inputScale, maxCode, dense, lif, rule));
    }

    private static PolicyMetadata parseMetadata(Map<String, String> md, String source) throws PolicyFileException {
        double rate;
        String rateText = require(md, source, "control_rate_hz");
        try {
            rate = Double.parseDouble(rateText);
        } catch (NumberFormatException e) {
            throw new PolicyFileException(source, "control_rate_hz", "a decimal number of Hz", "'" + rateText + "'");
        }
        if (!(Double.isFinite(rate) && rate > 0 && rate <= 10_000)) {
            throw new PolicyFileException(source, "control_rate_hz", "a rate in (0, 10000] Hz", rateText);
        }
        ActionSpace space;
        try {
            space = ActionSpace.fromId(require(md, source, "action_space"));
        } catch (IllegalArgumentException e) {
            throw new PolicyFileException(source, "action_space", "one of [motors, attitude]",
                    "'" + md.get("action_space") + "'");
        }
        long seed;
        String seedText = require(md, source, "provenance_seed");
        try {
            seed = Long.parseLong(seedText);
        } catch (NumberFormatException e) {
            throw new PolicyFileException(source, "provenance_seed", "a 64-bit integer", "'" + seedText + "'");
        }
        Map<String, String> notes = new TreeMap<>();
        for (Map.Entry<String, String> e : md.entrySet()) {
            if (e.getKey().startsWith(NOTE_PREFIX)) {
                notes.put(e.getKey().substring(NOTE_PREFIX.length()), e.getValue());
            }
        }
        for (String key : List.of("observation_layout", "action_scaling", "airframe", "provenance_command",
                "provenance_commit")) {
            if (require(md, source, key).isBlank()) {
                throw new PolicyFileException(source, key, "non-empty text", "blank text");
            }
        }
        return new PolicyMetadata(rate, md.get("observation_layout"), space, md.get("action_scaling"),
                md.get("airframe"), new PolicyMetadata.Provenance(md.get("provenance_command"), seed,
                md.get("provenance_commit")), notes);
    }

    private static void checkKeys(Map<String, String> md, String source, NetworkKind kind) throws PolicyFileException {
        Set<String> allowed = new TreeSet<>(COMMON_KEYS);
        if (kind == NetworkKind.FIXED_SNN) {
            allowed.addAll(FIXED_KEYS);
        }
        for (String key : allowed) {
            require(md, source, key);
        }
        for (String key : md.keySet()) {
            if (!allowed.contains(key) && !key.startsWith(NOTE_PREFIX)) {
                throw new PolicyFileException(source, "__metadata__." + key, "only the keys " + allowed
                        + " and note.* for a " + kind.id() + " policy", "unknown key '" + key + "'");
            }
        }
    }

    private static String require(Map<String, String> md, String source, String key) throws PolicyFileException {
        String v = md.get(key);
        if (v == null) {
            throw new PolicyFileException(source, key, "a __metadata__ entry", "none");
        }
        return v;
    }

    private static int intMeta(Map<String, String> md, String source, String key, int lo, int hi)
            throws PolicyFileException {
        String v = require(md, source, key);
        try {
            int i = Integer.parseInt(v);
            if (i >= lo && i <= hi) {
                return i;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the accepted range
        }
        throw new PolicyFileException(source, key, "an integer in [" + lo + ", " + hi + "]", "'" + v + "'");
    }

    private static int[] parseSizes(String source, String text) throws PolicyFileException {
        String[] parts = text.split(",", -1);
        if (parts.length < 3) {
            throw new PolicyFileException(source, "layer_sizes", "at least 3 comma-separated widths (input, hidden, "
                    + "output)", "'" + text + "'");
        }
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                sizes[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                sizes[i] = -1;
            }
            if (sizes[i] < 1 || sizes[i] > 65_536) {
                throw new PolicyFileException(source, "layer_sizes", "widths in [1, 65536]", "'" + parts[i]
                        + "' at position " + i);
            }
        }
        return sizes;
    }

    /** SHA-256 of {@code bytes}, lowercase hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** Typed, shape-checked access to the tensors of one file, remembering which were used. */
    private static final class TensorReader {
        final String source;
        final Map<String, Tensor> tensors;
        final Set<String> used = new TreeSet<>();

        TensorReader(String source, Map<String, Tensor> tensors) {
            this.source = source;
            this.tensors = tensors;
        }

        Tensor get(String name, DType dtype, int... shape) throws PolicyFileException {
            Tensor t = tensors.get(name);
            if (t == null) {
                throw new PolicyFileException(source, name, "a " + dtype + " tensor of shape " + Arrays.toString(shape),
                        "no such tensor");
            }
            if (t.dtype() != dtype) {
                throw new PolicyFileException(source, name + ".dtype", dtype.name(), t.dtype().name());
            }
            long[] expected = Arrays.stream(shape).asLongStream().toArray();
            if (!Arrays.equals(t.shape(), expected)) {
                throw new PolicyFileException(source, name + ".shape", Arrays.toString(expected),
                        Arrays.toString(t.shape()));
            }
            used.add(name);
            return t;
        }

        float[] floats(String name, int... shape) throws PolicyFileException {
            float[] v = get(name, DType.F32, shape).toFloats();
            for (int i = 0; i < v.length; i++) {
                if (!Float.isFinite(v[i])) {
                    throw new PolicyFileException(source, name, "finite values", v[i] + " at index " + i);
                }
            }
            return v;
        }

        int[] ints(String name, DType dtype, int... shape) throws PolicyFileException {
            return get(name, dtype, shape).toInts();
        }

        <T> T build(String field, java.util.function.Supplier<T> constructor) throws PolicyFileException {
            try {
                return constructor.get();
            } catch (IllegalArgumentException e) {
                throw new PolicyFileException(source, field, "a representable network", e.getMessage());
            }
        }

        void requireAllUsed() throws PolicyFileException {
            for (String name : tensors.keySet()) {
                if (!used.contains(name)) {
                    throw new PolicyFileException(source, name, "only the tensors of the declared layer_sizes "
                            + "(see PolicyFile)", "an extra tensor");
                }
            }
        }
    }
}
