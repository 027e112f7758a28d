package io.spikepilot.bridge.codec;

import io.dronefleet.mavlink.common.Attitude;
import io.dronefleet.mavlink.common.AttitudeQuaternion;
import io.dronefleet.mavlink.common.HighresImu;
import io.dronefleet.mavlink.common.LocalPositionNed;
import io.dronefleet.mavlink.common.Odometry;
import io.dronefleet.mavlink.common.SetAttitudeTarget;
import io.dronefleet.mavlink.minimal.Heartbeat;
import io.dronefleet.mavlink.util.EnumValue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The flyweight codec against dronefleet, both directions, for random field values. */
class FlyweightMatchesDronefleetTest {

    @Provide
    Arbitrary<Float> anyFloat() {
        return Arbitraries.floats().between(-1e6f, 1e6f).injectDuplicates(0.01).edgeCases(c -> c.includeOnly(0f));
    }

    private static byte[] encodeSetAttitudeTarget(FrameEncoder encoder, long timeMs, int sys, int comp, int mask,
                                                  List<Float> q, float rr, float pr, float yr, float thrust,
                                                  List<Float> tb) {
        SetAttitudeTargetMessage.write(encoder.payload(), timeMs, sys, comp, mask, q.get(0), q.get(1), q.get(2),
                q.get(3), rr, pr, yr, thrust, tb.get(0), tb.get(1), tb.get(2));
        int length = encoder.encodeV2(SetAttitudeTargetMessage.ID, SetAttitudeTargetMessage.CRC_EXTRA,
                SetAttitudeTargetMessage.LENGTH);
        return java.util.Arrays.copyOf(encoder.frame(), length);
    }

    @Property(tries = 300)
    void setAttitudeTargetEncodesByteIdentically(
            @ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long timeMs,
            @ForAll @IntRange(min = 1, max = 255) int sysId, @ForAll @IntRange(max = 255) int compId,
            @ForAll @IntRange(max = 255) int targetSys, @ForAll @IntRange(max = 255) int targetComp,
            @ForAll @IntRange(max = 255) int mask,
            @ForAll @Size(4) List<@From("anyFloat") Float> q,
            @ForAll("anyFloat") float rollRate, @ForAll("anyFloat") float pitchRate, @ForAll("anyFloat") float yawRate,
            @ForAll("anyFloat") float thrust, @ForAll @Size(3) List<@From("anyFloat") Float> thrustBody) {
        byte[] ours = encodeSetAttitudeTarget(new FrameEncoder(sysId, compId), timeMs, targetSys, targetComp, mask,
                q, rollRate, pitchRate, yawRate, thrust, thrustBody);
        byte[] theirs = DronefleetWire.send2(sysId, compId, SetAttitudeTarget.builder().timeBootMs(timeMs)
                .targetSystem(targetSys).targetComponent(targetComp).typeMask(EnumValue.create(mask)).q(q)
                .bodyRollRate(rollRate).bodyPitchRate(pitchRate).bodyYawRate(yawRate).thrust(thrust)
                .thrustBody(thrustBody).build());
        assertArrayEquals(theirs, ours);
    }

    @Property(tries = 200)
    void setAttitudeTargetFromUsDecodesInDronefleet(
            @ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long timeMs, @ForAll @IntRange(max = 255) int mask,
            @ForAll @Size(4) List<@From("anyFloat") Float> q, @ForAll("anyFloat") float rollRate,
            @ForAll("anyFloat") float thrust, @ForAll @Size(3) List<@From("anyFloat") Float> thrustBody,
            @ForAll boolean truncate) {
        FrameEncoder encoder = new FrameEncoder(1, 191);
        encoder.setTruncation(truncate);
        byte[] ours = encodeSetAttitudeTarget(encoder, timeMs, 1, 1, mask, q, rollRate, 0f, -rollRate, thrust,
                thrustBody);
        SetAttitudeTarget decoded = (SetAttitudeTarget) DronefleetWire.readOne(ours, ours.length);
        assertEquals(timeMs, decoded.timeBootMs());
        assertEquals(mask, decoded.typeMask().value());
        assertEquals(q, decoded.q());
        assertEquals(rollRate, decoded.bodyRollRate());
        assertEquals(-rollRate, decoded.bodyYawRate());
        assertEquals(thrust, decoded.thrust());
        assertEquals(thrustBody, decoded.thrustBody());
    }

    @Property(tries = 200)
    void heartbeatEncodesByteIdenticallyInBothVersions(
            @ForAll @IntRange(max = 255) int type, @ForAll @IntRange(max = 255) int autopilot,
            @ForAll @IntRange(max = 255) int baseMode, @ForAll @LongRange(max = 0xFFFF_FFFFL) long customMode,
            @ForAll @IntRange(max = 255) int status, @ForAll @IntRange(min = 1, max = 255) int sysId) {
        Heartbeat heartbeat = Heartbeat.builder().type(EnumValue.create(type)).autopilot(EnumValue.create(autopilot))
                .baseMode(EnumValue.create(baseMode)).customMode(customMode).systemStatus(EnumValue.create(status))
                .mavlinkVersion(3).build();
        FrameEncoder v2 = new FrameEncoder(sysId, 191);
        HeartbeatMessage.write(v2.payload(), type, autopilot, baseMode, customMode, status, 3);
        int length2 = v2.encodeV2(HeartbeatMessage.ID, HeartbeatMessage.CRC_EXTRA, HeartbeatMessage.LENGTH);
        assertArrayEquals(DronefleetWire.send2(sysId, 191, heartbeat), java.util.Arrays.copyOf(v2.frame(), length2));
        FrameEncoder v1 = new FrameEncoder(sysId, 191);
        HeartbeatMessage.write(v1.payload(), type, autopilot, baseMode, customMode, status, 3);
        int length1 = v1.encodeV1(HeartbeatMessage.ID, HeartbeatMessage.CRC_EXTRA, HeartbeatMessage.LENGTH);
        assertArrayEquals(DronefleetWire.send1(sysId, 191, heartbeat), java.util.Arrays.copyOf(v1.frame(), length1));
    }

    @Property(tries = 200)
    void heartbeatFromDronefleetDecodes(@ForAll @IntRange(max = 255) int type,
                                        @ForAll @IntRange(max = 255) int autopilot,
                                        @ForAll @LongRange(max = 0xFFFF_FFFFL) long customMode,
                                        @ForAll @IntRange(max = 255) int baseMode, @ForAll boolean v1) {
        Heartbeat heartbeat = Heartbeat.builder().type(EnumValue.create(type)).autopilot(EnumValue.create(autopilot))
                .baseMode(EnumValue.create(baseMode)).customMode(customMode)
                .systemStatus(EnumValue.create(4)).mavlinkVersion(3).build();
        MavlinkFrame f = FrameCollector.decodeSingle(
                v1 ? DronefleetWire.send1(1, 1, heartbeat) : DronefleetWire.send2(1, 1, heartbeat));
        assertEquals(type, HeartbeatMessage.type(f));
        assertEquals(autopilot, HeartbeatMessage.autopilot(f));
        assertEquals(baseMode, HeartbeatMessage.baseMode(f));
        assertEquals(customMode, HeartbeatMessage.customMode(f));
        assertEquals(4, HeartbeatMessage.systemStatus(f));
        assertEquals(3, HeartbeatMessage.mavlinkVersion(f));
        assertEquals(v1 ? 1 : 2, f.version());
    }

    @Property(tries = 200)
    void localPositionNedDecodesLikeDronefleet(@ForAll @LongRange(max = 0xFFFF_FFFFL) long timeMs,
                                               @ForAll("anyFloat") float x, @ForAll("anyFloat") float y,
                                               @ForAll("anyFloat") float z, @ForAll("anyFloat") float vx,
                                               @ForAll("anyFloat") float vy, @ForAll("anyFloat") float vz,
                                               @ForAll boolean v1) {
        LocalPositionNed message = LocalPositionNed.builder().timeBootMs(timeMs).x(x).y(y).z(z).vx(vx).vy(vy).vz(vz)
                .build();
        MavlinkFrame f = FrameCollector.decodeSingle(
                v1 ? DronefleetWire.send1(1, 1, message) : DronefleetWire.send2(1, 1, message));
        assertEquals(timeMs, LocalPositionNedMessage.timeBootMs(f));
        assertEquals(x, LocalPositionNedMessage.xM(f));
        assertEquals(y, LocalPositionNedMessage.yM(f));
        assertEquals(z, LocalPositionNedMessage.zM(f));
        assertEquals(vx, LocalPositionNedMessage.vxMps(f));
        assertEquals(vy, LocalPositionNedMessage.vyMps(f));
        assertEquals(vz, LocalPositionNedMessage.vzMps(f));
    }

    @Property(tries = 200)
    void attitudeQuaternionDecodesLikeDronefleet(@ForAll @LongRange(max = 0xFFFF_FFFFL) long timeMs,
                                                 @ForAll @Size(4) List<@From("anyFloat") Float> q,
                                                 @ForAll("anyFloat") float p, @ForAll("anyFloat") float r,
                                                 @ForAll @Size(4) List<@From("anyFloat") Float> offset) {
        AttitudeQuaternion message = AttitudeQuaternion.builder().timeBootMs(timeMs).q1(q.get(0)).q2(q.get(1))
                .q3(q.get(2)).q4(q.get(3)).rollspeed(p).pitchspeed(r).yawspeed(-p).reprOffsetQ(offset).build();
        MavlinkFrame f = FrameCollector.decodeSingle(DronefleetWire.send2(1, 1, message));
        assertEquals(timeMs, AttitudeQuaternionMessage.timeBootMs(f));
        for (int i = 0; i < 4; i++) {
            assertEquals(q.get(i), AttitudeQuaternionMessage.q(f, i));
            assertEquals(offset.get(i), AttitudeQuaternionMessage.reprOffsetQ(f, i));
        }
        assertEquals(p, AttitudeQuaternionMessage.rollspeedRadps(f));
        assertEquals(r, AttitudeQuaternionMessage.pitchspeedRadps(f));
        assertEquals(-p, AttitudeQuaternionMessage.yawspeedRadps(f));
    }

    @Property(tries = 200)
    void attitudeDecodesLikeDronefleet(@ForAll @LongRange(max = 0xFFFF_FFFFL) long timeMs,
                                       @ForAll("anyFloat") float roll, @ForAll("anyFloat") float pitch,
                                       @ForAll("anyFloat") float yaw, @ForAll("anyFloat") float rate) {
        Attitude message = Attitude.builder().timeBootMs(timeMs).roll(roll).pitch(pitch).yaw(yaw).rollspeed(rate)
                .pitchspeed(-rate).yawspeed(rate * 0.5f).build();
        MavlinkFrame f = FrameCollector.decodeSingle(DronefleetWire.send2(1, 1, message));
        assertEquals(timeMs, AttitudeMessage.timeBootMs(f));
        assertEquals(roll, AttitudeMessage.rollRad(f));
        assertEquals(pitch, AttitudeMessage.pitchRad(f));
        assertEquals(yaw, AttitudeMessage.yawRad(f));
        assertEquals(rate, AttitudeMessage.rollspeedRadps(f));
        assertEquals(-rate, AttitudeMessage.pitchspeedRadps(f));
        assertEquals(rate * 0.5f, AttitudeMessage.yawspeedRadps(f));
    }

    @Property(tries = 100)
    void highresImuDecodesLikeDronefleet(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long timeUs,
                                         @ForAll @Size(13) List<@From("anyFloat") Float> v,
                                         @ForAll @IntRange(max = 0xFFFF) int fields,
                                         @ForAll @IntRange(max = 255) int id) {
        HighresImu message = HighresImu.builder().timeUsec(BigInteger.valueOf(timeUs)).xacc(v.get(0)).yacc(v.get(1))
                .zacc(v.get(2)).xgyro(v.get(3)).ygyro(v.get(4)).zgyro(v.get(5)).xmag(v.get(6)).ymag(v.get(7))
                .zmag(v.get(8)).absPressure(v.get(9)).diffPressure(v.get(10)).pressureAlt(v.get(11))
                .temperature(v.get(12)).fieldsUpdated(EnumValue.create(fields)).id(id).build();
        MavlinkFrame f = FrameCollector.decodeSingle(DronefleetWire.send2(1, 1, message));
        assertEquals(timeUs, HighresImuMessage.timeUsec(f));
        for (int axis = 0; axis < 3; axis++) {
            assertEquals(v.get(axis), HighresImuMessage.accMps2(f, axis));
            assertEquals(v.get(3 + axis), HighresImuMessage.gyroRadps(f, axis));
            assertEquals(v.get(6 + axis), HighresImuMessage.magGauss(f, axis));
        }
        assertEquals(v.get(9), HighresImuMessage.absPressureHpa(f));
        assertEquals(v.get(10), HighresImuMessage.diffPressureHpa(f));
        assertEquals(v.get(11), HighresImuMessage.pressureAltM(f));
        assertEquals(v.get(12), HighresImuMessage.temperatureDegC(f));
        assertEquals(fields, HighresImuMessage.fieldsUpdated(f));
        assertEquals(id, HighresImuMessage.id(f));
    }

    @Property(tries = 100)
    void odometryDecodesLikeDronefleet(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long timeUs,
                                       @ForAll @Size(13) List<@From("anyFloat") Float> v,
                                       @ForAll @Size(21) List<@From("anyFloat") Float> pose,
                                       @ForAll @Size(21) List<@From("anyFloat") Float> twist,
                                       @ForAll @IntRange(max = 255) int reset,
                                       @ForAll @IntRange(min = -1, max = 100) int quality) {
        Odometry message = Odometry.builder().timeUsec(BigInteger.valueOf(timeUs))
                .frameId(EnumValue.create(OdometryMessage.MAV_FRAME_LOCAL_NED))
                .childFrameId(EnumValue.create(OdometryMessage.MAV_FRAME_BODY_FRD)).x(v.get(0)).y(v.get(1))
                .z(v.get(2)).q(v.subList(3, 7)).vx(v.get(7)).vy(v.get(8)).vz(v.get(9)).rollspeed(v.get(10))
                .pitchspeed(v.get(11)).yawspeed(v.get(12)).poseCovariance(pose).velocityCovariance(twist)
                .resetCounter(reset).estimatorType(EnumValue.create(3)).quality(quality).build();
        MavlinkFrame f = FrameCollector.decodeSingle(DronefleetWire.send2(1, 1, message));
        assertEquals(timeUs, OdometryMessage.timeUsec(f));
        assertEquals(v.get(0), OdometryMessage.xM(f));
        assertEquals(v.get(1), OdometryMessage.yM(f));
        assertEquals(v.get(2), OdometryMessage.zM(f));
        for (int i = 0; i < 4; i++) {
            assertEquals(v.get(3 + i), OdometryMessage.q(f, i));
        }
        assertEquals(v.get(7), OdometryMessage.vxMps(f));
        assertEquals(v.get(8), OdometryMessage.vyMps(f));
        assertEquals(v.get(9), OdometryMessage.vzMps(f));
        assertEquals(v.get(10), OdometryMessage.rollspeedRadps(f));
        assertEquals(v.get(11), OdometryMessage.pitchspeedRadps(f));
        assertEquals(v.get(12), OdometryMessage.yawspeedRadps(f));
        for (int i = 0; i < 21; i++) {
            assertEquals(pose.get(i), OdometryMessage.poseCovariance(f, i));
            assertEquals(twist.get(i), OdometryMessage.velocityCovariance(f, i));
        }
        assertEquals(OdometryMessage.MAV_FRAME_LOCAL_NED, OdometryMessage.frameId(f));
        assertEquals(OdometryMessage.MAV_FRAME_BODY_FRD, OdometryMessage.childFrameId(f));
        assertEquals(reset, OdometryMessage.resetCounter(f));
        assertEquals(3, OdometryMessage.estimatorType(f));
        assertEquals(quality, OdometryMessage.quality(f));
    }
}
