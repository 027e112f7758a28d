package io.spikepilot.simulator.env;

import io.spikepilot.controller.action.ActionSpace;
import io.spikepilot.controller.action.AttitudeLimits;
import io.spikepilot.simulator.airframe.Airframe;
import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.simulator.config.YamlFields;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an environment YAML file into an {@link EnvConfig} (format: {@code /environments/paper-motors.yaml}). Every
 * field is required, so a file says everything about the task it defines. The airframe is a bundled name or a path,
 * relative paths being resolved against the environment file's folder.
 *
 * <p>Every failure names the file, the field, what was expected and what was found.
 */
public final class EnvConfigLoader {
    /** The bundled environment files. */
    public static final List<String> BUNDLED = List.of("paper-motors", "x500-attitude");

    private static final Set<String> TOP = Set.of("actionSpace", "airframe", "controlRateHz", "episodeSteps",
            "positionLimitM", "initialState", "attitudeLimits", "noise", "disturbances", "randomization",
            "delivery");
    private static final Set<String> INIT = Set.of("guidanceProbability", "positionRangeM", "maxAngleRad",
            "velocityRangeMps", "rateRangeRadps");
    private static final Set<String> LIMITS = Set.of("minThrust", "maxThrust", "maxTiltRad", "maxYawRateRadps");
    private static final Set<String> NOISE = Set.of("enabled", "positionM", "rotationMatrix", "velocityMps",
            "rateRadps");
    private static final Set<String> DISTURBANCES = Set.of("enabled", "forceStdPerWeight", "torqueStdMPerWeight");
    private static final Set<String> RANDOMIZATION = Set.of("enabled", "massStd", "thrustStd", "inertiaStd",
            "torqueStd");
    private static final Set<String> DELIVERY = Set.of("enabled", "attitudeRateHz", "attitudeLatencyS",
            "positionRateHz", "positionLatencyS");

    private EnvConfigLoader() {
    }

    /** Loads an environment file from disk. */
    public static EnvConfig load(Path file) {
        YamlFields f = new YamlFields("environment file '" + file + "'");
        Path folder = file.toAbsolutePath().getParent();
        return parse(f, new StringReader(f.read(file)), folder);
    }

    /** Loads a bundled environment ({@link #BUNDLED}) or, failing that, a file path. */
    public static EnvConfig resolve(String nameOrPath) {
        if (BUNDLED.contains(nameOrPath)) {
            String resource = "/environments/" + nameOrPath + ".yaml";
            try (InputStream in = EnvConfigLoader.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalArgumentException("environment file '" + resource + "': missing from the jar");
                }
                return parse(resource, new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new IllegalArgumentException("environment file '" + resource + "': cannot be read: "
                        + e.getMessage(), e);
            }
        }
        Path p = Path.of(nameOrPath);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("environment: expected one of " + BUNDLED
                    + " or a path to a .yaml file, found '" + nameOrPath + "'");
        }
        return load(p);
    }

    /** Parses YAML text; {@code fileName} is used in messages, relative airframe paths resolve from the cwd. */
    public static EnvConfig parse(String fileName, Reader text) {
        return parse(new YamlFields("environment file '" + fileName + "'"), text, null);
    }

    private static EnvConfig parse(YamlFields f, Reader text, Path folder) {
        Map<?, ?> top = f.parse(text);
        f.onlyKnown("", top, TOP);
        String spaceId = f.string("actionSpace", top.get("actionSpace"));
        ActionSpace space;
        try {
            space = ActionSpace.fromId(spaceId);
        } catch (IllegalArgumentException e) {
            throw f.error("actionSpace", "motors or attitude", "the string '" + spaceId + "'");
        }
        Airframe airframe = airframe(f, f.string("airframe", top.get("airframe")), folder);
        double rate = f.number("controlRateHz", top.get("controlRateHz"));
        int steps = f.integer("episodeSteps", top.get("episodeSteps"), 1, Integer.MAX_VALUE);
        double limit = f.number("positionLimitM", top.get("positionLimitM"));

        Map<?, ?> init = section(f, top, "initialState", INIT);
        Map<?, ?> lim = section(f, top, "attitudeLimits", LIMITS);
        Map<?, ?> noise = section(f, top, "noise", NOISE);
        Map<?, ?> dist = section(f, top, "disturbances", DISTURBANCES);
        Map<?, ?> rnd = section(f, top, "randomization", RANDOMIZATION);
        Map<?, ?> del = section(f, top, "delivery", DELIVERY);
        try {
            return new EnvConfig(space, airframe, rate, steps, limit,
                    new EnvConfig.InitialStateConfig(
                            f.number("initialState.guidanceProbability", init.get("guidanceProbability")),
                            f.number("initialState.positionRangeM", init.get("positionRangeM")),
                            f.number("initialState.maxAngleRad", init.get("maxAngleRad")),
                            f.number("initialState.velocityRangeMps", init.get("velocityRangeMps")),
                            f.number("initialState.rateRangeRadps", init.get("rateRangeRadps"))),
                    new AttitudeLimits(airframe.hoverThrustNormalized(),
                            f.number("attitudeLimits.minThrust", lim.get("minThrust")),
                            f.number("attitudeLimits.maxThrust", lim.get("maxThrust")),
                            f.number("attitudeLimits.maxTiltRad", lim.get("maxTiltRad")),
                            f.number("attitudeLimits.maxYawRateRadps", lim.get("maxYawRateRadps"))),
                    new EnvConfig.ObservationNoise(f.bool("noise.enabled", noise.get("enabled")),
                            f.number("noise.positionM", noise.get("positionM")),
                            f.number("noise.rotationMatrix", noise.get("rotationMatrix")),
                            f.number("noise.velocityMps", noise.get("velocityMps")),
                            f.number("noise.rateRadps", noise.get("rateRadps"))),
                    new EnvConfig.Disturbances(f.bool("disturbances.enabled", dist.get("enabled")),
                            f.number("disturbances.forceStdPerWeight", dist.get("forceStdPerWeight")),
                            f.number("disturbances.torqueStdMPerWeight", dist.get("torqueStdMPerWeight"))),
                    new EnvConfig.Randomization(f.bool("randomization.enabled", rnd.get("enabled")),
                            f.number("randomization.massStd", rnd.get("massStd")),
                            f.number("randomization.thrustStd", rnd.get("thrustStd")),
                            f.number("randomization.inertiaStd", rnd.get("inertiaStd")),
                            f.number("randomization.torqueStd", rnd.get("torqueStd"))),
                    new EnvConfig.StateDeliveryConfig(f.bool("delivery.enabled", del.get("enabled")),
                            f.number("delivery.attitudeRateHz", del.get("attitudeRateHz")),
                            f.number("delivery.attitudeLatencyS", del.get("attitudeLatencyS")),
                            f.number("delivery.positionRateHz", del.get("positionRateHz")),
                            f.number("delivery.positionLatencyS", del.get("positionLatencyS"))));
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith(f.context())) {
                throw e;
            }
            throw new IllegalArgumentException(f.context() + ": " + e.getMessage(), e);
        }
    }

    private static Map<?, ?> section(YamlFields f, Map<?, ?> top, String name, Set<String> known) {
        Map<?, ?> m = f.map(name, top.get(name));
        f.onlyKnown(name + ".", m, known);
        return m;
    }

    private static Airframe airframe(YamlFields f, String value, Path folder) {
        try {
            if (Airframes.BUNDLED.contains(value)) {
                return Airframes.bundled(value);
            }
            Path p = Path.of(value);
            if (!p.isAbsolute() && folder != null) {
                p = folder.resolve(p);
            }
            if (!Files.isRegularFile(p)) {
                throw f.error("airframe", "one of " + Airframes.BUNDLED + " or an airframe file",
                        "'" + value + "' (no such file: " + p + ")");
            }
            return Airframes.resolve(p.toString());
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith(f.context())) {
                throw e;
            }
            throw new IllegalArgumentException(f.context() + ": field 'airframe': " + e.getMessage(), e);
        }
    }
}
