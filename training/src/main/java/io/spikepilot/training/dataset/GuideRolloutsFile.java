package io.spikepilot.training.dataset;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The guide-rollout dataset file. All numbers big-endian (Java's {@link DataOutputStream}; numpy {@code '>f4'},
 * {@code '>i4'}); strings are Java modified UTF-8 with a 2-byte length prefix.
 *
 * <pre>
 * magic            8 bytes   "SPKGUIDE"
 * version          int32     1
 * command          string    the command line that wrote the file
 * task             string    task id, e.g. crazyflie-motors
 * seed             int64     the collection seed
 * level            int32     reward curriculum level the rewards were computed at (0 … 6)
 * noise            float64   σ of the Gaussian noise on the applied actions
 * observation_size int32     actor observation width (18)
 * privileged_size  int32     privileged observation width (146)
 * action_size      int32     action width (4)
 * max_steps        int32     the environment's episode cap (500)
 * episodes         int32     E ≥ 1
 * steps            int32[E]  steps of each episode, 1 … max_steps
 * crashed          uint8[E]  1 when the episode's last step ended it by a crash, 0 for a time-out
 * observations     float32[Σ(steps+1) · observation_size]   per episode: steps + 1 rows (the one after the last step too)
 * privileged       float32[Σ(steps+1) · privileged_size]
 * actions          float32[Σsteps · action_size]            applied actions (noise included)
 * guide_actions    float32[Σsteps · action_size]            the guide's clean actions (BC labels)
 * rewards          float32[Σsteps]
 * crc32            int32     CRC-32 of every byte before it
 * </pre>
 *
 * The reader checks, in file order, the magic, the version, the shapes against what the caller needs, every count,
 * the CRC and that nothing follows it; each error names the file and the field. Files are written to a temporary
 * sibling and moved into place, so a file that exists under its name is complete.
 */
public final class GuideRolloutsFile {
    public static final String MAGIC = "SPKGUIDE";
    public static final int VERSION = 1;
    /** A sanity cap on episodes and on the total of stored values (Java arrays). */
    static final int MAX_EPISODES = 10_000_000;

    private GuideRolloutsFile() {
    }

    /** Writes {@code data} to {@code file} (atomically: temporary file, then move). */
    public static void write(Path file, GuideRollouts data) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        CRC32 crc = new CRC32();
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            CheckedOutputStream checked = new CheckedOutputStream(raw, crc);
            DataOutputStream out = new DataOutputStream(checked);
            out.write(MAGIC.getBytes(StandardCharsets.US_ASCII));
            out.writeInt(VERSION);
            out.writeUTF(data.command());
            out.writeUTF(data.task());
            out.writeLong(data.seed());
            out.writeInt(data.level());
            out.writeDouble(data.noise());
            out.writeInt(data.observationSize());
            out.writeInt(data.privilegedSize());
            out.writeInt(data.actionSize());
            out.writeInt(data.maxSteps());
            out.writeInt(data.episodes());
            for (int s : data.steps()) {
                out.writeInt(s);
            }
            for (boolean c : data.crashed()) {
                out.writeByte(c ? 1 : 0);
            }
            writeFloats(out, data.observations());
            writeFloats(out, data.privileged());
            writeFloats(out, data.actions());
            writeFloats(out, data.guideActions());
            writeFloats(out, data.rewards());
            out.flush();
            new DataOutputStream(raw).writeInt((int) crc.getValue());
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.BIG_ENDIAN);
        for (float v : values) {
            if (!chunk.hasRemaining()) {
                out.write(chunk.array(), 0, chunk.position());
                chunk.clear();
            }
            chunk.putFloat(v);
        }
        out.write(chunk.array(), 0, chunk.position());
    }

    /**
     * Reads a dataset whose shapes must be {@code observationSize}, {@code privilegedSize} and {@code actionSize};
     * throws {@link IllegalArgumentException} naming the file and the field for anything else.
     */
    public static GuideRollouts read(Path file, int observationSize, int privilegedSize, int actionSize) {
        Reader r = new Reader(file);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return r.read(raw, observationSize, privilegedSize, actionSize);
        } catch (EOFException e) {
            throw r.error("truncated: the file ends inside field '" + r.field + "'");
        } catch (IOException e) {
            throw new IllegalArgumentException("dataset " + file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** One line saying what a dataset holds and where it came from. */
    public static String describe(GuideRollouts d) {
        return String.format(java.util.Locale.ROOT, "%d episodes, %d steps, task %s, seed %d, level %d, noise %.3g, "
                + "mean return %.1f, made by: %s", d.episodes(), d.totalSteps(), d.task(), d.seed(), d.level(),
                d.noise(), d.meanReturn(), d.command());
    }

    private static final class Reader {
        private final Path file;
        private String field = "magic";

        Reader(Path file) {
            this.file = file;
        }

        GuideRollouts read(InputStream raw, int obsSize, int privSize, int actSize) throws IOException {
            CRC32 crc = new CRC32();
            DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc));
            byte[] magic = new byte[MAGIC.length()];
            in.readFully(magic);
            if (!MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))) {
                throw error("field 'magic' expected '" + MAGIC + "', found other bytes (not a spikepilot guide "
                        + "dataset)");
            }
            int version = readInt(in, "version");
            if (version != VERSION) {
                throw error("field 'version' expected " + VERSION + ", found " + version
                        + (version > VERSION ? " (written by a newer spikepilot)" : ""));
            }
            field = "command";
            String command = in.readUTF();
            field = "task";
            String task = in.readUTF();
            field = "seed";
            long seed = in.readLong();
            int level = readInt(in, "level");
            check(level >= 0 && level <= 100, "level", "0 … 100", level);
            field = "noise";
            double noise = in.readDouble();
            check(noise >= 0 && Double.isFinite(noise), "noise", "finite ≥ 0", noise);
            int o = readInt(in, "observation_size");
            check(o == obsSize, "observation_size", Integer.toString(obsSize), o);
            int p = readInt(in, "privileged_size");
            check(p == privSize, "privileged_size", Integer.toString(privSize), p);
            int a = readInt(in, "action_size");
            check(a == actSize, "action_size", Integer.toString(actSize), a);
            int maxSteps = readInt(in, "max_steps");
            check(maxSteps >= 1 && maxSteps <= 1_000_000, "max_steps", "1 … 10⁶", maxSteps);
            int episodes = readInt(in, "episodes");
            check(episodes >= 1 && episodes <= MAX_EPISODES, "episodes", "1 … " + MAX_EPISODES, episodes);
            int[] steps = new int[episodes];
            long total = 0;
            for (int e = 0; e < episodes; e++) {
                steps[e] = readInt(in, "steps");
                if (steps[e] < 1 || steps[e] > maxSteps) {
                    throw error("field 'steps' (episode " + e + ") expected 1 … " + maxSteps + " (max_steps), found "
                            + steps[e]);
                }
                total += steps[e];
            }
            long rows = total + episodes;
            check(rows * privSize <= Integer.MAX_VALUE - 8, "steps", "a total the arrays can hold (≤ "
                    + (Integer.MAX_VALUE / privSize) + " rows)", rows);
            boolean[] crashed = new boolean[episodes];
            field = "crashed";
            for (int e = 0; e < episodes; e++) {
                int c = in.readUnsignedByte();
                if (c > 1) {
                    throw error("field 'crashed' (episode " + e + ") expected 0 or 1, found " + c);
                }
                crashed[e] = c == 1;
            }
            float[] obs = readFloats(in, "observations", rows * o);
            float[] priv = readFloats(in, "privileged", rows * p);
            float[] act = readFloats(in, "actions", total * a);
            float[] guide = readFloats(in, "guide_actions", total * a);
            float[] rew = readFloats(in, "rewards", total);
            int expected = (int) crc.getValue();
            field = "crc32";
            int found = new DataInputStream(raw).readInt();
            if (found != expected) {
                throw error(String.format("field 'crc32' expected %08x (computed over the file), found %08x: the "
                        + "file is corrupt", expected, found));
            }
            if (raw.read() != -1) {
                throw error("expected the end of the file after field 'crc32', found more bytes");
            }
            return new GuideRollouts(command, task, seed, level, noise, o, p, a, maxSteps, steps, crashed, obs, priv,
                    act, guide, rew);
        }

        private int readInt(DataInputStream in, String name) throws IOException {
            field = name;
            return in.readInt();
        }

        private float[] readFloats(DataInputStream in, String name, long count) throws IOException {
            field = name;
            float[] values = new float[(int) count];
            byte[] chunk = new byte[1 << 16];
            int done = 0;
            while (done < values.length) {
                int n = Math.min(chunk.length / 4, values.length - done);
                in.readFully(chunk, 0, n * 4);
                ByteBuffer.wrap(chunk, 0, n * 4).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(values, done, n);
                done += n;
            }
            return values;
        }

        private void check(boolean ok, String name, String expected, Object found) {
            if (!ok) {
                throw error("field '" + name + "' expected " + expected + ", found " + found);
            }
        }

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException("dataset " + file + ": " + message);
        }
    }
}
