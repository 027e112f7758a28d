package io.spikepilot.simulator.airframe;

import io.spikepilot.controller.io.LimitedFiles;
import io.spikepilot.simulator.config.YamlFields;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an airframe YAML file (see {@code /airframes/x500.yaml} for the format) into a validated {@link Airframe}.
 *
 * <p>Every failure — unreadable or truncated YAML, a missing field, a value of the wrong type, a negative or
 * non-finite number, an unknown or duplicated field — throws an {@link IllegalArgumentException} whose message
 * starts with {@code airframe file '<file>'} and names the field, what was expected and what was found.
 */
public final class AirframeLoader {
    private static final Set<String> TOP_FIELDS = Set.of("name", "source", "massKg", "gravityMps2", "inertiaKgM2",
            "thrustCurveN", "torqueConstantM", "motorTimeConstantS", "hoverThrottle", "rotors", "innerLoop");
    private static final Set<String> ROTOR_FIELDS = Set.of("positionFluM", "torqueDirection");
    private static final Set<String> INNER_FIELDS = Set.of("rateHz", "attitudeP", "rateP", "rateI", "rateD",
            "rateIntegratorLimit", "maxRateRadps");

    private AirframeLoader() {
    }

    /** Loads an airframe from a file on disk. */
    public static Airframe load(Path file) {
        String text;
        try {
            text = LimitedFiles.readString(file, LimitedFiles.CONFIG_BYTES, "airframe file");
        } catch (IOException e) {
            throw new IllegalArgumentException("airframe file '" + file + "': cannot be read: " + e.getMessage(), e);
        }
        return parse(file.toString(), new StringReader(text));
    }

    /** Loads an airframe from a stream; {@code fileName} is used in error messages. */
    public static Airframe load(String fileName, InputStream in) {
        try {
            return parse(fileName, new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalArgumentException("airframe file '" + fileName + "': cannot be read: " + e.getMessage(),
                    e);
        }
    }

    /** Parses YAML text; {@code fileName} is used in error messages. */
    public static Airframe parse(String fileName, Reader yamlText) {
        YamlFields f = new YamlFields("airframe file '" + fileName + "'");
        Map<?, ?> top = f.parse(yamlText);
        f.onlyKnown("", top, TOP_FIELDS);
        String name = f.string("name", top.get("name"));
        String source = f.string("source", top.get("source"));
        List<?> rotorList = f.list("rotors", top.get("rotors"));
        List<Rotor> rotors = new ArrayList<>();
        for (int i = 0; i < rotorList.size(); i++) {
            String path = "rotors[" + i + "]";
            Map<?, ?> r = f.map(path, rotorList.get(i));
            f.onlyKnown(path + ".", r, ROTOR_FIELDS);
            double[] pos = f.numbers(path + ".positionFluM", r.get("positionFluM"), 3);
            double dir = f.number(path + ".torqueDirection", r.get("torqueDirection"));
            if (dir != 1.0 && dir != -1.0) {
                throw f.error(path + ".torqueDirection", "+1 or -1", String.valueOf(r.get("torqueDirection")));
            }
            rotors.add(new Rotor(pos[0], pos[1], pos[2], (int) dir));
        }
        Map<?, ?> inner = f.map("innerLoop", top.get("innerLoop"));
        f.onlyKnown("innerLoop.", inner, INNER_FIELDS);
        InnerLoopGains gains = new InnerLoopGains(
                f.number("innerLoop.rateHz", inner.get("rateHz")),
                f.numbers("innerLoop.attitudeP", inner.get("attitudeP"), 3),
                f.numbers("innerLoop.rateP", inner.get("rateP"), 3),
                f.numbers("innerLoop.rateI", inner.get("rateI"), 3),
                f.numbers("innerLoop.rateD", inner.get("rateD"), 3),
                f.numbers("innerLoop.rateIntegratorLimit", inner.get("rateIntegratorLimit"), 3),
                f.numbers("innerLoop.maxRateRadps", inner.get("maxRateRadps"), 3));
        double massKg = f.number("massKg", top.get("massKg"));
        double gravity = f.number("gravityMps2", top.get("gravityMps2"));
        double[] inertia = f.numbers("inertiaKgM2", top.get("inertiaKgM2"), 3);
        double[] thrust = f.numbers("thrustCurveN", top.get("thrustCurveN"), 3);
        double km = f.number("torqueConstantM", top.get("torqueConstantM"));
        double tau = f.number("motorTimeConstantS", top.get("motorTimeConstantS"));
        double hover = f.number("hoverThrottle", top.get("hoverThrottle"));
        try {
            return new Airframe(name, source, massKg, gravity, inertia, thrust, km, tau, hover, rotors, gains);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(f.context() + ": " + e.getMessage(), e);
        }
    }
}
