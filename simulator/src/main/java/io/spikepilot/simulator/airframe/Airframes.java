package io.spikepilot.simulator.airframe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The airframes shipped in the simulator jar, and resolution of a name or a path given on the command line. */
public final class Airframes {
    /** The paper's Crazyflie 2.1 (paper-spec §4.1). */
    public static final String CRAZYFLIE = "crazyflie";
    /** The X500-class X quad (paper-spec §7, "x500 real"). */
    public static final String X500 = "x500";
    /** Names of the bundled airframes. */
    public static final List<String> BUNDLED = List.of(CRAZYFLIE, X500);

    private Airframes() {
    }

    /** The Crazyflie of the paper. */
    public static Airframe crazyflie() {
        return bundled(CRAZYFLIE);
    }

    /** The X500-class quad. */
    public static Airframe x500() {
        return bundled(X500);
    }

    /** Loads a bundled airframe by name; throws naming the bundled ones if there is no such airframe. */
    public static Airframe bundled(String name) {
        String resource = "/airframes/" + name + ".yaml";
        try (InputStream in = Airframes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("airframe: expected one of " + BUNDLED
                        + " or a path to a .yaml file, found '" + name + "'");
            }
            return AirframeLoader.load(resource, in);
        } catch (IOException e) {
            throw new IllegalArgumentException("airframe file '" + resource + "': cannot be read: " + e.getMessage(),
                    e);
        }
    }

    /** A bundled name ({@code crazyflie}, {@code x500}) or the path of an airframe YAML file. */
    public static Airframe resolve(String nameOrPath) {
        if (BUNDLED.contains(nameOrPath)) {
            return bundled(nameOrPath);
        }
        Path p = Path.of(nameOrPath);
        if (Files.isRegularFile(p)) {
            return AirframeLoader.load(p);
        }
        return bundled(nameOrPath);
    }
}
