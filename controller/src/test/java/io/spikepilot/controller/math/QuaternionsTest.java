package io.spikepilot.controller.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class QuaternionsTest {
    private static final double EPS = 1e-9;

    @Provide
    Arbitrary<double[]> unitQuaternions() {
        return QuaternionArbitraries.unit();
    }

    @Test
    void rotatingXByNinetyDegreesYawGivesY() {
        double[] q = new double[4];
        Quaternions.fromEulerZyx(0, 0, Math.PI / 2, q);
        double[] v = {1, 0, 0};
        Quaternions.rotate(q, v, v);
        assertArrayEquals(new double[] {0, 1, 0}, v, EPS);
    }

    @Test
    void rotationMatrixOfIdentityIsIdentity() {
        double[] r = new double[9];
        Quaternions.toRotationMatrix(new double[] {1, 0, 0, 0}, r);
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, r, 0.0);
    }

    @Test
    void zeroQuaternionNormalizesToIdentityAndIsFlagged() {
        double[] q = {0, 0, 0, 0};
        assertFalse(Quaternions.normalize(q));
        assertArrayEquals(new double[] {1, 0, 0, 0}, q, 0.0);
        double[] nan = {Double.NaN, 0, 0, 0};
        assertFalse(Quaternions.normalize(nan));
        assertArrayEquals(new double[] {1, 0, 0, 0}, nan, 0.0);
    }

    @Test
    void tiltOfTwentyDegreeRollIsTwentyDegrees() {
        double[] q = new double[4];
        Quaternions.fromEulerZyx(Math.toRadians(20), 0, 1.0, q);
        assertEquals(Math.toRadians(20), Quaternions.tilt(q), 1e-12);
    }

    @Test
    void wrapPiMapsIntoHalfOpenInterval() {
        assertEquals(Math.PI, Quaternions.wrapPi(-Math.PI), 1e-15);
        assertEquals(-Math.PI / 2, Quaternions.wrapPi(3 * Math.PI / 2), 1e-12);
        assertEquals(0.5, Quaternions.wrapPi(0.5 + 4 * Math.PI), 1e-12);
    }

    @Property
    void multiplyByConjugateIsIdentity(@ForAll("unitQuaternions") double[] q) {
        double[] c = new double[4];
        Quaternions.conjugate(q, c);
        double[] out = new double[4];
        Quaternions.multiply(q, c, out);
        assertArrayEquals(new double[] {1, 0, 0, 0}, out, EPS);
    }

    @Property
    void rotateAgreesWithRotationMatrix(@ForAll("unitQuaternions") double[] q,
                                        @ForAll @DoubleRange(min = -10, max = 10) double x,
                                        @ForAll @DoubleRange(min = -10, max = 10) double y,
                                        @ForAll @DoubleRange(min = -10, max = 10) double z) {
        double[] r = new double[9];
        Quaternions.toRotationMatrix(q, r);
        double[] byMatrix = {
            r[0] * x + r[1] * y + r[2] * z,
            r[3] * x + r[4] * y + r[5] * z,
            r[6] * x + r[7] * y + r[8] * z};
        double[] byQuat = {x, y, z};
        Quaternions.rotate(q, byQuat, byQuat);
        assertArrayEquals(byMatrix, byQuat, 1e-9);
    }

    @Property
    void rotationMatrixIsOrthonormal(@ForAll("unitQuaternions") double[] q) {
        double[] r = new double[9];
        Quaternions.toRotationMatrix(q, r);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot = r[3 * i] * r[3 * j] + r[3 * i + 1] * r[3 * j + 1] + r[3 * i + 2] * r[3 * j + 2];
                assertEquals(i == j ? 1.0 : 0.0, dot, 1e-12);
            }
        }
    }

    @Property
    void matrixRoundTripGivesSameRotation(@ForAll("unitQuaternions") double[] q) {
        double[] r = new double[9];
        Quaternions.toRotationMatrix(q, r);
        double[] back = new double[4];
        Quaternions.fromRotationMatrix(r, back);
        // q and −q are the same rotation: compare |q·back| with 1
        double dot = q[0] * back[0] + q[1] * back[1] + q[2] * back[2] + q[3] * back[3];
        assertEquals(1.0, Math.abs(dot), 1e-9);
        assertTrue(back[0] >= 0);
    }

    @Property
    void eulerRoundTrip(@ForAll @DoubleRange(min = -3.1, max = 3.1) double roll,
                        @ForAll @DoubleRange(min = -1.5, max = 1.5) double pitch,
                        @ForAll @DoubleRange(min = -3.1, max = 3.1) double yaw) {
        double[] q = new double[4];
        Quaternions.fromEulerZyx(roll, pitch, yaw, q);
        assertTrue(Quaternions.isUnit(q, 1e-12));
        assertEquals(roll, Quaternions.roll(q), 1e-9);
        assertEquals(pitch, Quaternions.pitch(q), 1e-9);
        assertEquals(yaw, Quaternions.yaw(q), 1e-9);
    }
}
