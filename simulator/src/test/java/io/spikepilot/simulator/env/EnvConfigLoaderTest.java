package io.spikepilot.simulator.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.action.ActionSpace;
import io.spikepilot.simulator.airframe.Airframes;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvConfigLoaderTest {
    private static String paperText() throws IOException {
        try (InputStream in = EnvConfigLoaderTest.class.getResourceAsStream("/environments/paper-motors.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static IllegalArgumentException failure(String text) {
        return assertThrows(IllegalArgumentException.class,
                () -> EnvConfigLoader.parse("env.yaml", new StringReader(text)));
    }

    private static void assertMessage(IllegalArgumentException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "message lacks '" + p + "': " + e.getMessage());
        }
    }

    @Test
    void bundledPaperFileIsThePaperConfig() {
        EnvConfig file = EnvConfigLoader.resolve("paper-motors");
        EnvConfig code = EnvConfig.paper(Airframes.crazyflie());
        assertEquals(code.actionSpace(), file.actionSpace());
        assertEquals("crazyflie", file.airframe().name());
        assertEquals(code.controlRateHz(), file.controlRateHz());
        assertEquals(code.episodeSteps(), file.episodeSteps());
        assertEquals(code.positionLimitM(), file.positionLimitM());
        assertEquals(code.initialState(), file.initialState());
        assertEquals(code.attitudeLimits(), file.attitudeLimits());
        assertEquals(code.noise(), file.noise());
        assertEquals(code.disturbances(), file.disturbances());
        assertEquals(code.randomization(), file.randomization());
        assertEquals(code.delivery(), file.delivery());
    }

    @Test
    void bundledX500FileFliesThroughTheAutopilotWithTheSwitchesOn() {
        EnvConfig c = EnvConfigLoader.resolve("x500-attitude");
        assertEquals(ActionSpace.ATTITUDE, c.actionSpace());
        assertEquals(0.55496, c.attitudeLimits().hoverThrust());
        assertTrue(c.noise().enabled() && c.delivery().enabled() && c.randomization().enabled()
                && c.disturbances().enabled());
    }

    @Test
    void airframePathIsResolvedAgainstTheEnvironmentFile(@TempDir Path dir) throws IOException {
        try (InputStream in = EnvConfigLoaderTest.class.getResourceAsStream("/airframes/x500.yaml")) {
            Files.write(dir.resolve("mine.yaml"), in.readAllBytes());
        }
        Path env = dir.resolve("env.yaml");
        Files.writeString(env, paperText().replace("airframe: crazyflie", "airframe: mine.yaml"));
        assertEquals("x500", EnvConfigLoader.load(env).airframe().name());
    }

    @Test
    void missingAirframeFileIsNamed() throws IOException {
        IllegalArgumentException e = failure(paperText().replace("airframe: crazyflie", "airframe: gone.yaml"));
        assertMessage(e, "environment file 'env.yaml'", "field 'airframe'", "found 'gone.yaml'");
    }

    @Test
    void missingFieldIsNamed() throws IOException {
        IllegalArgumentException e = failure(paperText().replace("episodeSteps: 500\n", ""));
        assertMessage(e, "env.yaml", "field 'episodeSteps'", "a whole number", "found nothing");
    }

    @Test
    void fractionalStepCountIsRejected() throws IOException {
        IllegalArgumentException e = failure(paperText().replace("episodeSteps: 500", "episodeSteps: 500.5"));
        assertMessage(e, "field 'episodeSteps'", "found a double 500.5");
    }

    @Test
    void negativeSigmaIsRejected() throws IOException {
        IllegalArgumentException e = failure(paperText().replace("positionM: 0.05", "positionM: -0.05"));
        assertMessage(e, "env.yaml", "field 'noise.positionM'", "non-negative finite", "found -0.05");
    }

    @Test
    void nonFiniteRateIsRejected() throws IOException {
        IllegalArgumentException e = failure(paperText().replace("attitudeRateHz: 50", "attitudeRateHz: .nan"));
        assertMessage(e, "env.yaml", "field 'delivery.attitudeRateHz'", "found NaN");
    }

    @Test
    void nonBooleanSwitchIsRejected() throws IOException {
        IllegalArgumentException e = failure(paperText().replace("noise: {enabled: false",
                "noise: {enabled: maybe"));
        assertMessage(e, "field 'noise.enabled'", "true or false", "found the string 'maybe'");
    }

    @Test
    void unknownActionSpaceIsRejected() throws IOException {
        IllegalArgumentException e = failure(paperText().replace("actionSpace: motors", "actionSpace: rates"));
        assertMessage(e, "field 'actionSpace'", "motors or attitude", "found the string 'rates'");
    }

    @Test
    void thrustLimitsAroundHoverAreChecked() throws IOException {
        IllegalArgumentException e = failure(paperText().replace("maxThrust: 0.9", "maxThrust: 0.6"));
        assertMessage(e, "env.yaml", "minThrust < hoverThrust < maxThrust", "0.667 < 0.6");
    }

    @Test
    void unknownFieldIsRejected() throws IOException {
        IllegalArgumentException e = failure(paperText().replace("episodeSteps: 500",
                "episodeSteps: 500\nepisodeStep: 500"));
        assertMessage(e, "field 'episodeStep'", "found an unknown field");
    }

    @Test
    void truncatedFileIsRejected() throws IOException {
        String text = paperText();
        IllegalArgumentException e = failure(text.substring(0, text.indexOf("noise:")));
        assertMessage(e, "env.yaml", "field 'noise'", "expected a mapping", "found nothing");
    }

    @Test
    void unknownNameListsTheBundledOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EnvConfigLoader.resolve("hover"));
        assertMessage(e, "expected one of [paper-motors, x500-attitude]", "found 'hover'");
        assertFalse(e.getMessage().isBlank());
    }
}
