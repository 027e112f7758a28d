package io.spikepilot.training.rl;

import io.spikepilot.training.bc.Evaluation;
import io.spikepilot.training.nn.Network;
import io.spikepilot.training.optim.Adam;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A resumable snapshot of a TD3BC+JSRL run: its configuration, the epoch counters, λ_BC, the evaluation history
 * (which rebuilds the slope schedule), the best evaluation, and every network and optimiser state — actor, best
 * actor, target actor, both critics and their targets, three Adam states. The replay buffer is not saved (at the
 * paper's capacity it is over a gigabyte): a resumed run refills it from its first collection round on, so it
 * continues the learning but is not bit-identical to a run that was never stopped.
 *
 * <p>Format (big-endian, {@link DataOutputStream}): the magic {@value #MAGIC}, a format version, the config as
 * key/value strings, the counters, then each float array as its length followed by its values. Written to a
 * temporary file and moved into place, so a crash while writing leaves the previous checkpoint intact.
 */
public final class JsrlCheckpoint {
    public static final String MAGIC = "SPIKEPILOT-JSRL-CHECKPOINT";
    public static final int VERSION = 1;
    /** Settings that may differ between a checkpoint and the run that resumes it. */
    public static final Set<String> MAY_CHANGE = Set.of("epochs", "checkpoint-every", "threads", "eval-every");
    private static final int MAX_ARRAY = 64 * 1024 * 1024;

    private JsrlCheckpoint() {
    }

    /** Writes the trainer's state to {@code file}. */
    public static void write(Path file, JsrlTrainer trainer) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.write(MAGIC.getBytes(StandardCharsets.US_ASCII));
            out.writeInt(VERSION);
            Map<String, String> entries = trainer.config().entries();
            out.writeInt(entries.size());
            for (Map.Entry<String, String> e : entries.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            out.writeInt(trainer.epochsDone());
            out.writeDouble(trainer.bcWeight());
            out.writeLong(trainer.envSteps());
            List<Double> returns = trainer.evaluatedReturns();
            out.writeInt(returns.size());
            for (double r : returns) {
                out.writeDouble(r);
            }
            out.writeInt(trainer.bestEpoch());
            Evaluation best = trainer.bestEvaluation();
            out.writeBoolean(best != null);
            if (best != null) {
                out.writeDouble(best.meanReturn());
                out.writeDouble(best.meanLength());
                out.writeInt(best.crashes());
                out.writeDouble(best.meanPositionErrorM());
                out.writeInt(best.episodes());
            }
            for (Network n : networks(trainer)) {
                writeArray(out, n.parameters());
            }
            for (Adam a : optimisers(trainer)) {
                writeArray(out, a.firstMoments());
                writeArray(out, a.secondMoments());
                out.writeLong(a.steps());
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The configuration a checkpoint was written with (to check it before a trainer is built). */
    public static Map<String, String> readConfig(Path file) {
        try (DataInputStream in = open(file)) {
            return readHeader(file, in);
        } catch (EOFException e) {
            throw truncated(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("checkpoint " + file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** The epochs a checkpoint had completed (a resumed run continues after them). */
    public static int readEpochsDone(Path file) {
        try (DataInputStream in = open(file)) {
            readHeader(file, in);
            return in.readInt();
        } catch (EOFException e) {
            throw truncated(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("checkpoint " + file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /**
     * Checks that {@code config} may resume from a checkpoint written with {@code saved}: every setting but
     * {@link #MAY_CHANGE} must agree. The message names the first field that differs.
     */
    public static void requireCompatible(Path file, Map<String, String> saved, JsrlConfig config) {
        Map<String, String> now = config.entries();
        for (Map.Entry<String, String> e : now.entrySet()) {
            if (MAY_CHANGE.contains(e.getKey())) {
                continue;
            }
            String was = saved.get(e.getKey());
            if (!e.getValue().equals(was)) {
                throw new IllegalArgumentException("checkpoint " + file + ": field '" + e.getKey() + "' expected "
                        + e.getValue() + " (this run's setting), found " + (was == null ? "nothing" : was)
                        + " (the checkpoint's); resume with the checkpoint's config.txt as --config");
            }
        }
    }

    /** Restores a checkpoint into a freshly built trainer of a compatible configuration. */
    public static void restore(Path file, JsrlTrainer trainer) {
        try (DataInputStream in = open(file)) {
            requireCompatible(file, readHeader(file, in), trainer.config());
            int epochs = in.readInt();
            double bcWeight = in.readDouble();
            long envSteps = in.readLong();
            int count = in.readInt();
            if (count < 0 || count > 1_000_000) {
                throw new IllegalArgumentException("checkpoint " + file + ": field 'evaluations' expected 0 … 10⁶, found "
                        + count);
            }
            List<Double> returns = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                returns.add(in.readDouble());
            }
            int bestEpoch = in.readInt();
            Evaluation best = null;
            if (in.readBoolean()) {
                best = new Evaluation(in.readDouble(), in.readDouble(), in.readInt(), in.readDouble(), in.readInt());
            }
            String[] names = {"actor", "best actor", "target actor", "critic 1", "critic 2", "target critic 1",
                "target critic 2"};
            List<Network> nets = networks(trainer);
            for (int i = 0; i < nets.size(); i++) {
                readInto(file, in, names[i], nets.get(i).parameters());
                nets.get(i).parametersChanged();
            }
            String[] optimiserNames = {"actor Adam", "critic 1 Adam", "critic 2 Adam"};
            List<Adam> adams = optimisers(trainer);
            for (int i = 0; i < adams.size(); i++) {
                readInto(file, in, optimiserNames[i] + " first moments", adams.get(i).firstMoments());
                readInto(file, in, optimiserNames[i] + " second moments", adams.get(i).secondMoments());
                adams.get(i).restoreSteps(in.readLong());
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException("checkpoint " + file + ": expected the end of the file after the "
                        + "optimiser states, found more bytes");
            }
            trainer.restore(epochs, bcWeight, envSteps, returns, bestEpoch, best);
        } catch (EOFException e) {
            throw truncated(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("checkpoint " + file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(file)));
    }

    private static Map<String, String> readHeader(Path file, DataInputStream in) throws IOException {
        byte[] magic = new byte[MAGIC.length()];
        in.readFully(magic);
        if (!MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException("checkpoint " + file + ": expected the magic '" + MAGIC
                    + "', found other bytes (not a spikepilot JSRL checkpoint)");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IllegalArgumentException("checkpoint " + file + ": field 'version' expected " + VERSION
                    + ", found " + version);
        }
        int n = in.readInt();
        if (n < 0 || n > 1000) {
            throw new IllegalArgumentException("checkpoint " + file + ": field 'config' expected 0 … 1000 entries, "
                    + "found " + n);
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            entries.put(in.readUTF(), in.readUTF());
        }
        return entries;
    }

    private static List<Network> networks(JsrlTrainer t) {
        TwinCritics c = t.learner().critics();
        return List.of(t.actor(), t.best(), t.learner().targetActor(), c.q1Network(), c.q2Network(),
                c.target1Network(), c.target2Network());
    }

    private static List<Adam> optimisers(JsrlTrainer t) {
        TwinCritics c = t.learner().critics();
        return List.of(t.learner().actorAdam(), c.adam1(), c.adam2());
    }

    private static void writeArray(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    private static void readInto(Path file, DataInputStream in, String field, float[] into) throws IOException {
        int length = in.readInt();
        if (length != into.length || length > MAX_ARRAY) {
            throw new IllegalArgumentException("checkpoint " + file + ": field '" + field + "' expected "
                    + into.length + " values (this run's network), found " + length);
        }
        for (int i = 0; i < length; i++) {
            into[i] = in.readFloat();
        }
    }

    private static IllegalArgumentException truncated(Path file) {
        return new IllegalArgumentException("checkpoint " + file + ": truncated (the file ends before its last "
                + "field)");
    }
}
