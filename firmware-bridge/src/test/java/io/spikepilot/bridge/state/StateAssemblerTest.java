package io.spikepilot.bridge.state;

import io.dronefleet.mavlink.common.Attitude;
import io.dronefleet.mavlink.common.AttitudeQuaternion;
import io.dronefleet.mavlink.common.HighresImu;
import io.dronefleet.mavlink.common.LocalPositionNed;
import io.dronefleet.mavlink.common.Odometry;
import io.dronefleet.mavlink.util.EnumValue;
import io.spikepilot.bridge.codec.FrameReader;
import io.spikepilot.bridge.codec.MessageCatalog;
import io.spikepilot.controller.testing.AllocationMeter;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateAssemblerTest {
    private static final double EPS = 1e-6;
    private static final float S45 = (float) Math.sqrt(0.5);

    private final StateAssembler assembler = new StateAssembler(1, 1);
    private final FrameReader reader = new FrameReader(MessageCatalog.standard(), assembler);
    private final AssembledState out = new AssembledState();

    private void receive(Object payload, int systemId, long nowNs) {
        byte[] bytes = WireOf.dronefleet(systemId, 1, payload);
        reader.accept(bytes, 0, bytes.length, nowNs);
    }

    @Test
    void localPositionNedBecomesNwu() {
        receive(LocalPositionNed.builder().x(1).y(2).z(-3).vx(0.5f).vy(-0.25f).vz(1).build(), 1, 100);
        assertTrue(assembler.read(out));
        assertArrayEquals(new double[]{1, -2, 3}, out.state.positionNwuM, EPS);
        assertArrayEquals(new double[]{0.5, 0.25, -1}, out.state.velocityNwuMps, EPS);
        assertEquals(100, out.positionVelocityUpdatedNs);
        assertEquals(100, out.state.timeNs);
    }

    @Test
    void attitudeQuaternionFacingEastBecomesYawMinus90AboutUp() {
        receive(AttitudeQuaternion.builder().q1(S45).q2(0).q3(0).q4(S45).rollspeed(0.1f).pitchspeed(0.2f)
                .yawspeed(0.3f).build(), 1, 7);
        assertTrue(assembler.read(out));
        assertArrayEquals(new double[]{S45, 0, 0, -S45}, out.state.attitudeNwuFlu, EPS);
        assertArrayEquals(new double[]{0.1, -0.2, -0.3}, out.state.bodyRateFluRadps, EPS);
        assertEquals(7, out.attitudeUpdatedNs);
        assertEquals(7, out.bodyRateUpdatedNs);
    }

    @Test
    void eachPartCarriesItsOwnAge() {
        receive(LocalPositionNed.builder().x(1).build(), 1, 1_000_000);
        receive(AttitudeQuaternion.builder().q1(1).q2(0).q3(0).q4(0).build(), 1, 4_000_000);
        assertTrue(assembler.read(out));
        assertEquals(9_000_000, out.positionVelocityAgeNs(10_000_000));
        assertEquals(6_000_000, out.attitudeAgeNs(10_000_000));
        assertEquals(Long.MAX_VALUE, out.imuAgeNs(10_000_000));
        assertEquals(9_000_000, out.oldestPartAgeNs(10_000_000));
    }

    @Test
    void eulerAttitudeIsIgnoredWhileQuaternionsArrive() {
        receive(AttitudeQuaternion.builder().q1(1).q2(0).q3(0).q4(0).build(), 1, 0);
        receive(Attitude.builder().yaw((float) Math.PI / 2).build(), 1, 100_000_000);
        assertTrue(assembler.read(out));
        assertArrayEquals(new double[]{1, 0, 0, 0}, out.state.attitudeNwuFlu, EPS);
    }

    @Test
    void eulerAttitudeIsUsedWithoutQuaternions() {
        receive(Attitude.builder().yaw((float) Math.PI / 2).rollspeed(0.5f).build(), 1, 0);
        assertTrue(assembler.read(out));
        assertArrayEquals(new double[]{S45, 0, 0, -S45}, out.state.attitudeNwuFlu, 1e-6);
        assertArrayEquals(new double[]{0.5, 0, 0}, out.state.bodyRateFluRadps, EPS);
    }

    @Test
    void odometryBodyVelocityIsRotatedIntoTheWorld() {
        // Facing east (yaw 90° in NED), moving forward at 2 m/s in the body frame: 2 m/s east = -2 m/s along NWU y.
        Float[] zeros = new Float[21];
        Arrays.fill(zeros, 0f);
        receive(Odometry.builder().frameId(EnumValue.create(1)).childFrameId(EnumValue.create(12)).x(3).y(4).z(-5)
                .q(List.of(S45, 0f, 0f, S45)).vx(2).vy(0).vz(0).rollspeed(0).pitchspeed(0).yawspeed(0.4f)
                .poseCovariance(List.of(zeros)).velocityCovariance(List.of(zeros)).build(), 1, 50);
        assertTrue(assembler.read(out));
        assertArrayEquals(new double[]{3, -4, 5}, out.state.positionNwuM, EPS);
        assertArrayEquals(new double[]{0, -2, 0}, out.state.velocityNwuMps, 1e-6);
        assertArrayEquals(new double[]{0, 0, -0.4}, out.state.bodyRateFluRadps, EPS);
    }

    @Test
    void highresImuFillsTheImuPartInFlu() {
        receive(HighresImu.builder().timeUsec(BigInteger.ONE).xacc(0).yacc(0).zacc(-9.81f).xgyro(0.1f).ygyro(0.2f)
                .zgyro(0.3f).build(), 1, 9);
        assertTrue(assembler.read(out));
        assertArrayEquals(new double[]{0, 0, 9.81}, out.accelFluMps2, 1e-5);
        assertArrayEquals(new double[]{0.1, -0.2, -0.3}, out.gyroFluRadps, 1e-6);
        assertEquals(9, out.imuUpdatedNs);
    }

    @Test
    void messagesFromAnotherSystemAreIgnored() {
        receive(LocalPositionNed.builder().x(1).build(), 2, 10);
        assertTrue(assembler.read(out));
        assertEquals(AssembledState.NEVER, out.positionVelocityUpdatedNs);
        assertEquals(0, out.version);
    }

    @Test
    void nonFinitePositionDoesNotOverwriteTheLastGoodOne() {
        receive(LocalPositionNed.builder().x(1).build(), 1, 10);
        receive(LocalPositionNed.builder().x(Float.NaN).build(), 1, 20);
        assertTrue(assembler.read(out));
        assertEquals(1, out.state.positionNwuM[0], EPS);
        assertEquals(10, out.positionVelocityUpdatedNs);
    }

    @Test
    void aQuaternionFarFromUnitIsRejected() {
        receive(AttitudeQuaternion.builder().q1(0.5f).q2(0).q3(0).q4(0).build(), 1, 10);
        assertTrue(assembler.read(out));
        assertEquals(AssembledState.NEVER, out.attitudeUpdatedNs);
    }

    @Test
    void writingAndReadingAllocateNothing() {
        byte[] a = WireOf.dronefleet(1, 1, LocalPositionNed.builder().x(1).build());
        byte[] b = WireOf.dronefleet(1, 1, AttitudeQuaternion.builder().q1(1).q2(0).q3(0).q4(0).build());
        long[] now = {0};
        long allocated = AllocationMeter.bytesAllocatedBy(() -> {
            now[0] += 1000;
            reader.accept(a, 0, a.length, now[0]);
            reader.accept(b, 0, b.length, now[0]);
            assembler.read(out);
        }, 200_000, 10_000);
        assertEquals(0, allocated);
    }

    @Test
    void aConcurrentReaderNeverSeesAHalfWrittenState() throws Exception {
        // The writer publishes states whose every position and velocity component equals the same counter value.
        int updates = 200_000;
        Thread writer = new Thread(() -> {
            for (int k = 1; k <= updates; k++) {
                byte[] f = WireOf.cached(k);
                reader.accept(f, 0, f.length, k);
            }
        });
        WireOf.prepareCache(updates);
        writer.start();
        AssembledState seen = new AssembledState();
        long torn = 0;
        while (writer.isAlive()) {
            if (assembler.read(seen)) {
                double x = seen.state.positionNwuM[0];
                if (seen.state.positionNwuM[1] != -x || seen.state.velocityNwuMps[0] != x
                        || (seen.positionVelocityUpdatedNs != AssembledState.NEVER
                        && seen.positionVelocityUpdatedNs != (long) x)) {
                    torn++;
                }
            }
        }
        writer.join();
        assertEquals(0, torn);
        assertTrue(assembler.read(seen));
        assertEquals(updates, seen.state.positionNwuM[0], EPS);
    }
}
