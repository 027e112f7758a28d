package io.spikepilot.simulator.vfc;

import java.util.Locale;

/** Which flight stack the virtual flight controller imitates. */
public enum VfcAutopilot {
    /** PX4 (OFFBOARD). */
    PX4,
    /** ArduPilot's ArduCopter (GUIDED_NOGPS). */
    ARDUCOPTER;

    /** px4 or ardupilot, as the command line and flight.yaml's link.autopilot spell it. */
    public String optionName() {
        return this == PX4 ? "px4" : "ardupilot";
    }

    /** The autopilot named {@code name} (px4, ardupilot); IllegalArgumentException naming what was found otherwise. */
    public static VfcAutopilot parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "px4" -> PX4;
            case "ardupilot", "arducopter" -> ARDUCOPTER;
            default -> throw new IllegalArgumentException("expected px4 or ardupilot, found '" + name + "'");
        };
    }

    /** A fresh set of the parameters this autopilot models, at their defaults (none for PX4). */
    VfcParameters newParameters() {
        return this == PX4 ? new VfcParameters() : ArduCopterDialect.defaultParameters();
    }

    AutopilotDialect dialect(VfcConfig config) {
        return this == PX4 ? new Px4Dialect(config) : new ArduCopterDialect();
    }
}
