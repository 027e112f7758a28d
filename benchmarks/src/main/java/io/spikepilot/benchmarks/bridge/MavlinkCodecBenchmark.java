package io.spikepilot.benchmarks.bridge;

import io.dronefleet.mavlink.MavlinkConnection;
import io.dronefleet.mavlink.MavlinkMessage;
import io.dronefleet.mavlink.common.AttitudeQuaternion;
import io.dronefleet.mavlink.common.LocalPositionNed;
import io.dronefleet.mavlink.common.SetAttitudeTarget;
import io.dronefleet.mavlink.util.EnumValue;
import io.spikepilot.bridge.codec.AttitudeQuaternionMessage;
import io.spikepilot.bridge.codec.FrameEncoder;
import io.spikepilot.bridge.codec.FrameReader;
import io.spikepilot.bridge.codec.LocalPositionNedMessage;
import io.spikepilot.bridge.codec.MavlinkFrame;
import io.spikepilot.bridge.codec.MessageCatalog;
import io.spikepilot.bridge.codec.SetAttitudeTargetMessage;
import io.spikepilot.bridge.state.AssembledState;
import io.spikepilot.bridge.state.StateAssembler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Hot-path MAVLink cost per message, ours against dronefleet, on identical frames: a received LOCAL_POSITION_NED
 * followed by an ATTITUDE_QUATERNION (both as dronefleet sends them), and an outgoing SET_ATTITUDE_TARGET.
 *
 * <p>Run with {@code -prof gc} for bytes per operation. Each decode operation handles one message (the pair
 * alternates); each encode operation builds and frames one setpoint.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MavlinkCodecBenchmark {
    private static final OutputStream DISCARD = new OutputStream() {
        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    };

    private byte[][] frames;
    private int next;
    private FrameReader reader;
    private final float[] sink = new float[1];
    private MavlinkConnection dronefleetIn;
    private MavlinkConnection dronefleetOut;
    private FrameEncoder encoder;
    private float thrust;
    private FrameReader assemblingReader;
    private StateAssembler assembler;
    private final AssembledState assembled = new AssembledState();
    private long receivedNs;

    @Setup
    public void setUp() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MavlinkConnection writer = MavlinkConnection.create(new ByteArrayInputStream(new byte[0]), out);
        writer.send2(1, 1, LocalPositionNed.builder().timeBootMs(1234).x(1.5f).y(-2f).z(-3f).vx(0.25f).vy(0.5f)
                .vz(-0.125f).build());
        byte[] position = out.toByteArray();
        out.reset();
        writer.send2(1, 1, AttitudeQuaternion.builder().timeBootMs(1235).q1(0.7071f).q2(0).q3(0).q4(0.7071f)
                .rollspeed(0.0625f).pitchspeed(-0.125f).yawspeed(0.25f).reprOffsetQ(List.of(0f, 0f, 0f, 0f))
                .build());
        byte[] attitude = out.toByteArray();
        frames = new byte[][]{position, attitude};
        reader = new FrameReader(MessageCatalog.standard(), this::decodeHot);

        byte[] both = Arrays.copyOf(position, position.length + attitude.length);
        System.arraycopy(attitude, 0, both, position.length, attitude.length);
        // dronefleet reads byte by byte, so it gets the buffered stream its README recommends.
        dronefleetIn = MavlinkConnection.create(new BufferedInputStream(new ReplayInputStream(both), 4096), DISCARD);
        dronefleetOut = MavlinkConnection.create(new ByteArrayInputStream(new byte[0]), DISCARD);
        encoder = new FrameEncoder(1, 191);
        assembler = new StateAssembler(1, 1);
        assemblingReader = new FrameReader(MessageCatalog.standard(), assembler);
    }

    private void decodeHot(MavlinkFrame frame, long receivedNs) {
        if (frame.messageId() == LocalPositionNedMessage.ID) {
            sink[0] = LocalPositionNedMessage.xM(frame) + LocalPositionNedMessage.yM(frame)
                    + LocalPositionNedMessage.zM(frame) + LocalPositionNedMessage.vxMps(frame)
                    + LocalPositionNedMessage.vyMps(frame) + LocalPositionNedMessage.vzMps(frame);
        } else if (frame.messageId() == AttitudeQuaternionMessage.ID) {
            sink[0] = AttitudeQuaternionMessage.q(frame, 0) + AttitudeQuaternionMessage.q(frame, 3)
                    + AttitudeQuaternionMessage.rollspeedRadps(frame) + AttitudeQuaternionMessage.yawspeedRadps(frame);
        }
    }

    /** Flyweight: frame the bytes, check the CRC, read the fields. */
    @Benchmark
    public float decodeFlyweight() {
        byte[] frame = frames[next];
        next ^= 1;
        reader.accept(frame, 0, frame.length, 0);
        return sink[0];
    }

    /** dronefleet: {@code MavlinkConnection.next()} and the same fields from its payload object. */
    @Benchmark
    public float decodeDronefleet() throws IOException {
        MavlinkMessage<?> message = dronefleetIn.next();
        Object payload = message.getPayload();
        if (payload instanceof LocalPositionNed) {
            LocalPositionNed p = (LocalPositionNed) payload;
            return p.x() + p.y() + p.z() + p.vx() + p.vy() + p.vz();
        }
        AttitudeQuaternion q = (AttitudeQuaternion) payload;
        return q.q1() + q.q4() + q.rollspeed() + q.yawspeed();
    }

    /**
     * The whole receive side of a tick: frame, decode, convert to NWU/FLU, publish under the seqlock, and one read
     * of the slot as the loop would do.
     */
    @Benchmark
    public double decodeIntoStateAndRead() {
        byte[] frame = frames[next];
        next ^= 1;
        receivedNs += 10_000_000L;
        assemblingReader.accept(frame, 0, frame.length, receivedNs);
        assembler.read(assembled);
        return assembled.state.positionNwuM[0] + assembled.state.attitudeNwuFlu[3];
    }

    /** Flyweight: write the fields and frame one SET_ATTITUDE_TARGET. */
    @Benchmark
    public void encodeFlyweight(Blackhole bh) {
        thrust += 1e-6f;
        SetAttitudeTargetMessage.write(encoder.payload(), 1000, 1, 1, 7, 0.9f, 0.1f, -0.2f, 0.3f, 0f, 0f, 0f,
                thrust, 0f, 0f, 0f);
        int length = encoder.encodeV2(SetAttitudeTargetMessage.ID, SetAttitudeTargetMessage.CRC_EXTRA,
                SetAttitudeTargetMessage.LENGTH);
        bh.consume(encoder.frame()[length - 1]);
    }

    /** dronefleet: build the payload object and {@code send2} it. */
    @Benchmark
    public void encodeDronefleet() throws IOException {
        thrust += 1e-6f;
        dronefleetOut.send2(1, 191, SetAttitudeTarget.builder().timeBootMs(1000).targetSystem(1).targetComponent(1)
                .typeMask(EnumValue.create(7)).q(List.of(0.9f, 0.1f, -0.2f, 0.3f)).bodyRollRate(0f)
                .bodyPitchRate(0f).bodyYawRate(0f).thrust(thrust).thrustBody(List.of(0f, 0f, 0f)).build());
    }
}
