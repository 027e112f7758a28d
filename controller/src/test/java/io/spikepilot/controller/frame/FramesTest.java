package io.spikepilot.controller.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spikepilot.controller.math.QuaternionArbitraries;
import io.spikepilot.controller.math.Quaternions;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class FramesTest {
    @Provide
    Arbitrary<double[]> vectors() {
        Arbitrary<Double> c = Arbitraries.doubles().between(-1e4, 1e4);
        return Combinators.combine(c, c, c).as((x, y, z) -> new double[] {x, y, z});
    }

    @Provide
    Arbitrary<double[]> unitQuaternions() {
        return QuaternionArbitraries.unit();
    }

    @Test
    void oneMetreDownInNedIsOneMetreBelowInNwu() {
        double[] nwu = new double[3];
        Frames.nedToNwu(new double[] {2, 3, 1}, nwu);
        assertArrayEquals(new double[] {2, -3, -1}, nwu, 0.0);
    }

    @Test
    void rollRightInFrdIsRollRightInFlu() {
        // 10° right-wing-down roll in NED/FRD is +10° roll about the shared forward axis in NWU/FLU too.
        double[] qNedFrd = new double[4];
        Quaternions.fromEulerZyx(Math.toRadians(10), 0, 0, qNedFrd);
        double[] qNwuFlu = new double[4];
        Frames.quaternionNedFrdToNwuFlu(qNedFrd, qNwuFlu);
        assertEquals(Math.toRadians(10), Quaternions.roll(qNwuFlu), 1e-12);
    }

    @Test
    void noseUpPitchAndEastYawChangeSign() {
        double[] qNedFrd = new double[4];
        Quaternions.fromEulerZyx(0, Math.toRadians(15), Math.toRadians(90), qNedFrd);
        double[] qNwuFlu = new double[4];
        Frames.quaternionNedFrdToNwuFlu(qNedFrd, qNwuFlu);
        assertEquals(Frames.pitchFrdToFlu(Math.toRadians(15)), Quaternions.pitch(qNwuFlu), 1e-12);
        assertEquals(Frames.yawNedToNwu(Math.toRadians(90)), Quaternions.yaw(qNwuFlu), 1e-12);
    }

    @Property
    void worldVectorRoundTripIsExact(@ForAll("vectors") double[] v) {
        double[] nwu = new double[3];
        double[] back = new double[3];
        Frames.nedToNwu(v, nwu);
        Frames.nwuToNed(nwu, back);
        assertArrayEquals(v, back, 0.0);
    }

    @Property
    void bodyVectorRoundTripIsExact(@ForAll("vectors") double[] v) {
        double[] flu = new double[3];
        double[] back = new double[3];
        Frames.frdToFlu(v, flu);
        Frames.fluToFrd(flu, back);
        assertArrayEquals(v, back, 0.0);
    }

    @Property
    void attitudeRoundTripIsExact(@ForAll("unitQuaternions") double[] q) {
        double[] converted = new double[4];
        double[] back = new double[4];
        Frames.quaternionNedFrdToNwuFlu(q, converted);
        Frames.quaternionNwuFluToNedFrd(converted, back);
        assertArrayEquals(q, back, 0.0);
    }

    /** The converted attitude must rotate converted body vectors onto converted world vectors. */
    @Property
    void attitudeConversionCommutesWithVectorConversion(@ForAll("unitQuaternions") double[] qNedFrd,
                                                        @ForAll @DoubleRange(min = -5, max = 5) double x,
                                                        @ForAll @DoubleRange(min = -5, max = 5) double y,
                                                        @ForAll @DoubleRange(min = -5, max = 5) double z) {
        double[] vFrd = {x, y, z};
        double[] vNed = new double[3];
        Quaternions.rotate(qNedFrd, vFrd, vNed);
        double[] expectedNwu = new double[3];
        Frames.nedToNwu(vNed, expectedNwu);

        double[] qNwuFlu = new double[4];
        Frames.quaternionNedFrdToNwuFlu(qNedFrd, qNwuFlu);
        double[] vFlu = new double[3];
        Frames.frdToFlu(vFrd, vFlu);
        double[] actualNwu = new double[3];
        Quaternions.rotate(qNwuFlu, vFlu, actualNwu);
        assertArrayEquals(expectedNwu, actualNwu, 1e-9);
    }
}
