package io.spikepilot.simulator.airframe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AirframeLoaderTest {
    private static String x500Text() throws IOException {
        try (InputStream in = AirframeLoaderTest.class.getResourceAsStream("/airframes/x500.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static IllegalArgumentException failure(String text) {
        return assertThrows(IllegalArgumentException.class,
                () -> AirframeLoader.parse("bad.yaml", new StringReader(text)));
    }

    private static void assertMessage(IllegalArgumentException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "message lacks '" + p + "': " + e.getMessage());
        }
    }

    @Test
    void crazyflieHasThePaperConstants() {
        Airframe a = Airframes.crazyflie();
        assertEquals(0.027, a.massKg());
        assertEquals(0.072, a.motorTimeConstantS());
        assertEquals(0.667, a.hoverThrottle());
        assertEquals(4.665e-3, a.torqueConstantM());
        assertEquals(1.029e-5, a.inertiaKgM2()[0]);
        assertEquals(0.1201, a.thrustCurveN()[2]);
        assertEquals(-0.028, a.rotor(1).xFluM());
        assertEquals(-1, a.rotor(0).torqueDirection());
    }

    @Test
    void x500HoversAtItsHoverThrottle() {
        Airframe a = Airframes.x500();
        assertEquals(2.0, a.massKg());
        assertEquals(0.021705, a.inertiaKgM2()[0]);
        assertEquals(19.62, 4 * a.thrustN(a.hoverThrottle()), 0.005);
        assertEquals(0.55496, a.hoverThrustNormalized());
    }

    @Test
    void loadsFromAFileOnDisk(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("mine.yaml");
        Files.writeString(f, x500Text().replace("name: x500", "name: mine"));
        assertEquals("mine", Airframes.resolve(f.toString()).name());
    }

    @Test
    void missingFieldIsNamed() throws IOException {
        IllegalArgumentException e = failure(x500Text().replace("massKg: 2.0\n", ""));
        assertMessage(e, "airframe file 'bad.yaml'", "field 'massKg'", "expected a number", "found nothing");
    }

    @Test
    void negativeMassIsRejected() throws IOException {
        IllegalArgumentException e = failure(x500Text().replace("massKg: 2.0", "massKg: -2.0"));
        assertMessage(e, "bad.yaml", "field 'massKg'", "expected a positive finite number", "found -2.0");
    }

    @Test
    void nonFiniteInertiaIsRejected() throws IOException {
        IllegalArgumentException e = failure(x500Text().replace("[0.021705, 0.021304, 0.039396]",
                "[0.021705, .nan, 0.039396]"));
        assertMessage(e, "bad.yaml", "field 'inertiaKgM2[1]'", "positive finite", "found NaN");
    }

    @Test
    void infiniteTimeConstantIsRejected() throws IOException {
        IllegalArgumentException e = failure(x500Text().replace("motorTimeConstantS: 0.054",
                "motorTimeConstantS: .inf"));
        assertMessage(e, "field 'motorTimeConstantS'", "found Infinity");
    }

    @Test
    void wrongTypeIsNamed() throws IOException {
        IllegalArgumentException e = failure(x500Text().replace("massKg: 2.0", "massKg: heavy"));
        assertMessage(e, "field 'massKg'", "expected a number", "found the string 'heavy'");
    }

    @Test
    void wrongListLengthIsNamed() throws IOException {
        IllegalArgumentException e = failure(x500Text().replace("thrustCurveN: [0.0, 0.0, 15.926]",
                "thrustCurveN: [0.0, 15.926]"));
        assertMessage(e, "field 'thrustCurveN'", "a list of 3 numbers", "found a list of 2");
    }

    @Test
    void badTorqueDirectionIsNamed() throws IOException {
        IllegalArgumentException e = failure(x500Text().replace(
                "{positionFluM: [0.17678, -0.17678, 0.0], torqueDirection: -1}",
                "{positionFluM: [0.17678, -0.17678, 0.0], torqueDirection: 2}"));
        assertMessage(e, "field 'rotors[0].torqueDirection'", "+1 or -1", "found 2");
    }

    @Test
    void threeRotorsAreRejected() throws IOException {
        IllegalArgumentException e = failure(x500Text().replace(
                "  - {positionFluM: [-0.17678, -0.17678, 0.0], torqueDirection: 1}\n", ""));
        assertMessage(e, "field 'rotors'", "a list of 4 rotors", "found 3 rotors");
    }

    @Test
    void unbalancedHoverThrottleIsRejected() throws IOException {
        IllegalArgumentException e = failure(x500Text().replace("hoverThrottle: 0.55496", "hoverThrottle: 0.7"));
        assertMessage(e, "field 'hoverThrottle'", "within 5% of m*g = 19.62", "4*T(0.7) = 31.2");
    }

    @Test
    void innerLoopBelow250HzIsRejected() throws IOException {
        IllegalArgumentException e = failure(x500Text().replace("rateHz: 500", "rateHz: 100"));
        assertMessage(e, "field 'innerLoop.rateHz'", "(250.0, 100000.0)", "found 100.0");
    }

    @Test
    void unknownFieldIsRejected() throws IOException {
        IllegalArgumentException e = failure(x500Text().replace("massKg: 2.0", "massKg: 2.0\nmasKg: 2.0"));
        assertMessage(e, "field 'masKg'", "found an unknown field");
    }

    @Test
    void duplicateFieldIsRejected() throws IOException {
        IllegalArgumentException e = failure(x500Text().replace("massKg: 2.0", "massKg: 2.0\nmassKg: 3.0"));
        assertMessage(e, "bad.yaml", "not valid YAML", "massKg");
    }

    @Test
    void truncatedFileIsRejected() throws IOException {
        String text = x500Text();
        IllegalArgumentException e = failure(text.substring(0, text.indexOf("rotors:") + 30));
        assertMessage(e, "bad.yaml");
    }

    @Test
    void emptyFileIsRejected() {
        IllegalArgumentException e = failure("");
        assertMessage(e, "bad.yaml", "field '(document)'", "expected a mapping", "found nothing");
    }

    @Test
    void corruptYamlIsRejected() {
        IllegalArgumentException e = failure("massKg: [1, 2\nname: {");
        assertMessage(e, "bad.yaml", "not valid YAML");
    }

    @Test
    void topLevelListIsRejected() {
        IllegalArgumentException e = failure("- massKg: 2.0\n- name: x\n");
        assertMessage(e, "field '(document)'", "expected a mapping", "found a list");
    }

    @Test
    void quotedNumberIsAWrongType() throws IOException {
        IllegalArgumentException e = failure(x500Text().replace("massKg: 2.0", "massKg: \"2.0\""));
        assertMessage(e, "field 'massKg'", "expected a number", "found the string '2.0'");
    }

    @Test
    void aliasesAreRefused() throws IOException {
        IllegalArgumentException e = failure(x500Text().replace("inertiaKgM2: [0.021705, 0.021304, 0.039396]",
                "inertiaKgM2: &j [0.021705, 0.021304, 0.039396]\nthrustAlias: *j"));
        assertMessage(e, "bad.yaml", "not valid YAML");
    }

    @Test
    void directoryInsteadOfAFileIsReported(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AirframeLoader.load(dir));
        assertMessage(e, "airframe file '" + dir + "'", "cannot be read");
    }

    @Test
    void binaryGarbageIsRejected() {
        IllegalArgumentException e = failure("\u0000\u0001\u00ff\u00fe massKg");
        assertMessage(e, "bad.yaml");
    }

    @Test
    void unknownBundledNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Airframes.resolve("x400"));
        assertMessage(e, "expected one of [crazyflie, x500]", "found 'x400'");
    }
}
