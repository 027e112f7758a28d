package io.spikepilot.tools;

import io.spikepilot.controller.time.ControlRate;
import io.spikepilot.controller.io.FileTooLargeException;
import io.spikepilot.controller.io.LimitedFiles;
import io.spikepilot.controller.action.AttitudeLimits;
import io.spikepilot.controller.loop.FlightConfig;
import io.spikepilot.flight.loop.IdleStrategy;
import io.spikepilot.controller.pid.PositionPidGains;
import io.spikepilot.controller.supervisor.SupervisorConfig;
import io.spikepilot.simulator.config.YamlFields;
import io.spikepilot.telemetry.CommandLimits;
import java.io.StringReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import io.spikepilot.flight.FlightSettings;

/**
 * Reads {@code flight.yaml} (documented example: {@code src/config/flight.yaml}) into {@link FlightSettings}.
 *
 * <p>Strict: every section and field must be present, unknown or duplicated fields are errors, numbers must be
 * numbers. Every failure throws an {@link IllegalArgumentException} that starts with {@code flight config '<file>'}
 * and names the field, what was expected and what was found.
 */
public final class FlightConfigFile {
    /** The format version this reader understands. */
    public static final int VERSION = 1;

    private static final Map<String, Set<String>> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("control", Set.of("rate_hz", "idle_strategy", "spin_window_us"));
        SECTIONS.put("vehicle", Set.of("hover_thrust", "min_thrust", "max_thrust", "max_tilt_deg",
                "max_yaw_rate_dps"));
        SECTIONS.put("pid", Set.of("position_gain_xy", "position_gain_z", "velocity_gain_xy", "velocity_gain_z",
                "velocity_integral_xy", "velocity_integral_z", "velocity_derivative_xy", "velocity_derivative_z",
                "max_speed_xy_mps", "max_climb_mps", "max_descent_mps", "max_integral_xy_mps2",
                "max_integral_z_mps2", "yaw_gain"));
        SECTIONS.put("supervisor", Set.of("stale_state_periods", "state_loss_ms", "link_timeout_ms",
                "saturated_ticks", "output_saturation_level", "frozen_output_ticks", "max_saturation_events_per_tick",
                "max_tilt_deg", "max_speed_mps", "max_position_error_m", "max_missed_ticks", "warmup_ticks",
                "agreement_ticks", "agreement_thrust", "agreement_tilt_deg"));
        SECTIONS.put("mission", Set.of("takeoff_height_m", "land_speed_mps", "landed_height_m", "landed_speed_mps",
                "open_loop_land_thrust_ratio"));
        SECTIONS.put("link", Set.of("autopilot", "system_id", "component_id", "stream_rate_hz", "min_stream_hz",
                "heartbeat_timeout_ms", "lost_link_listen_ms"));
        SECTIONS.put("record", Set.of("ring_capacity", "trace", "min_free_mb", "keep_mb"));
        SECTIONS.put("telemetry", Set.of("ground_commands", "command_max_age_ms", "commands_per_s", "command_burst",
                "geofence_radius_m", "min_altitude_m", "max_altitude_m"));
    }

    private final String context;

    private FlightConfigFile(String fileName) {
        this.context = "flight config '" + fileName + "'";
    }

    /** Loads and validates a file. */
    public static FlightSettings load(Path file) {
        String text;
        try {
            text = LimitedFiles.readString(file, LimitedFiles.CONFIG_BYTES, "flight config");
        } catch (FileTooLargeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("flight config '" + file + "': cannot be read: " + e, e);
        }
        return parse(file.toString(), text);
    }

    /** Parses YAML text; {@code fileName} names it in errors. */
    public static FlightSettings parse(String fileName, String yaml) {
        return new FlightConfigFile(fileName).read(yaml);
    }

    private FlightSettings read(String yaml) {
        Object document = new YamlFields(context).load(new StringReader(yaml));
        if (!(document instanceof Map<?, ?> top)) {
            throw fail("expected a mapping of sections at the top, found "
                    + (document == null ? "an empty document" : describe(document)));
        }
        Set<String> topKeys = new TreeSet<>(SECTIONS.keySet());
        topKeys.add("version");
        onlyKnown("", top, topKeys);
        long version = integer("version", top.get("version"));
        if (version != VERSION) {
            throw fail("field 'version' expected " + VERSION + ", found " + version);
        }
        Section control = section(top, "control");
        Section vehicle = section(top, "vehicle");
        Section pid = section(top, "pid");
        Section sup = section(top, "supervisor");
        Section mission = section(top, "mission");
        Section link = section(top, "link");
        Section record = section(top, "record");
        Section telemetry = section(top, "telemetry");
        try {
            double rateHz = control.number("rate_hz");
            String idle = control.string("idle_strategy");
            long spinWindowNs = Math.round(control.number("spin_window_us") * 1e3);
            IdleStrategy.byName(idle, spinWindowNs);
            if (!ControlRate.acceptsHz(rateHz)) {
                throw fail("field 'control.rate_hz' expected a value in " + ControlRate.RANGE_HZ + ", found " + rateHz);
            }
            long periodNs = ControlRate.periodNsOf(rateHz);
            AttitudeLimits limits = new AttitudeLimits(
                    vehicle.number("hover_thrust"),
                    vehicle.number("min_thrust"),
                    vehicle.number("max_thrust"),
                    Math.toRadians(vehicle.number("max_tilt_deg")),
                    Math.toRadians(vehicle.number("max_yaw_rate_dps")));
            PositionPidGains gains = new PositionPidGains(
                    pid.number("position_gain_xy"),
                    pid.number("position_gain_z"),
                    pid.number("velocity_gain_xy"),
                    pid.number("velocity_gain_z"),
                    pid.number("velocity_integral_xy"),
                    pid.number("velocity_integral_z"),
                    pid.number("velocity_derivative_xy"),
                    pid.number("velocity_derivative_z"),
                    pid.number("max_speed_xy_mps"),
                    pid.number("max_climb_mps"),
                    pid.number("max_descent_mps"),
                    pid.number("max_integral_xy_mps2"),
                    pid.number("max_integral_z_mps2"),
                    pid.number("yaw_gain"));
            SupervisorConfig supervisor = new SupervisorConfig(periodNs,
                    (int) sup.integer("stale_state_periods"),
                    sup.integer("state_loss_ms") * 1_000_000L,
                    sup.integer("link_timeout_ms") * 1_000_000L,
                    (int) sup.integer("saturated_ticks"),
                    sup.number("output_saturation_level"),
                    (int) sup.integer("frozen_output_ticks"),
                    sup.integer("max_saturation_events_per_tick"),
                    Math.toRadians(sup.number("max_tilt_deg")),
                    sup.number("max_speed_mps"),
                    sup.number("max_position_error_m"),
                    sup.integer("max_missed_ticks"),
                    (int) sup.integer("warmup_ticks"),
                    (int) sup.integer("agreement_ticks"),
                    sup.number("agreement_thrust"),
                    Math.toRadians(sup.number("agreement_tilt_deg")));
            double landRatio = mission.number("open_loop_land_thrust_ratio");
            if (!(landRatio > 0 && landRatio < 1)) {
                throw fail("field 'mission.open_loop_land_thrust_ratio' expected a value in (0, 1), found "
                        + landRatio);
            }
            FlightConfig flight = new FlightConfig(rateHz, limits, gains, supervisor,
                    mission.number("takeoff_height_m"),
                    mission.number("land_speed_mps"),
                    mission.number("landed_height_m"),
                    mission.number("landed_speed_mps"),
                    landRatio * limits.hoverThrust(),
                    (int) record.integer("ring_capacity"));
            String autopilot = link.string("autopilot");
            if (!autopilot.equals("px4") && !autopilot.equals("ardupilot")) {
                throw fail("field 'link.autopilot' expected px4 or ardupilot, found '" + autopilot + "'");
            }
            long systemId = link.integer("system_id");
            long componentId = link.integer("component_id");
            if (systemId < 1 || systemId > 255 || componentId < 1 || componentId > 255) {
                throw fail("fields 'link.system_id' and 'link.component_id' expected integers in [1, 255], found "
                        + systemId + " and " + componentId);
            }
            double streamHz = link.number("stream_rate_hz");
            double minStreamHz = link.number("min_stream_hz");
            if (!(streamHz >= 1 && streamHz <= 1000) || !(minStreamHz > 0 && minStreamHz <= streamHz)) {
                throw fail("fields 'link.stream_rate_hz' and 'link.min_stream_hz' expected 1 <= stream <= 1000 and "
                        + "0 < min <= stream, found " + streamHz + " and " + minStreamHz);
            }
            boolean groundCommands = telemetry.bool("ground_commands");
            long commandMaxAgeMs = telemetry.integer("command_max_age_ms");
            if (commandMaxAgeMs < 100 || commandMaxAgeMs > 600_000) {
                throw fail("field 'telemetry.command_max_age_ms' expected an integer in [100, 600000], found "
                        + commandMaxAgeMs);
            }
            CommandLimits commandLimits = new CommandLimits(
                    telemetry.number("commands_per_s"),
                    (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE,
                            telemetry.integer("command_burst"))),
                    telemetry.number("geofence_radius_m"),
                    telemetry.number("min_altitude_m"),
                    telemetry.number("max_altitude_m"));
            long heartbeatTimeoutMs = link.integer("heartbeat_timeout_ms");
            // The autopilot's heartbeat comes once a second: below two periods, one lost frame would end a flight.
            if (heartbeatTimeoutMs < 2_000 || heartbeatTimeoutMs > 60_000) {
                throw fail("field 'link.heartbeat_timeout_ms' expected an integer in [2000, 60000] (at least two "
                        + "of the autopilot's 1 Hz heartbeats), found " + heartbeatTimeoutMs);
            }
            long listenMs = link.integer("lost_link_listen_ms");
            if (listenMs < 0 || listenMs > 600_000) {
                throw fail("field 'link.lost_link_listen_ms' expected an integer in [0, 600000], found " + listenMs);
            }
            long minFreeMb = record.integer("min_free_mb");
            long keepMb = record.integer("keep_mb");
            if (minFreeMb < 1 || minFreeMb > 1_000_000) {
                throw fail("field 'record.min_free_mb' expected an integer in [1, 1000000], found " + minFreeMb);
            }
            if (keepMb < 0 || keepMb > 100_000_000) {
                throw fail("field 'record.keep_mb' expected an integer in [0, 100000000] (0: keep every flight), "
                        + "found " + keepMb);
            }
            return new FlightSettings(flight, idle, spinWindowNs, autopilot, (int) systemId, (int) componentId,
                    streamHz, minStreamHz, heartbeatTimeoutMs * 1_000_000L, listenMs * 1_000_000L,
                    record.bool("trace"), minFreeMb << 20, keepMb << 20, groundCommands,
                    commandMaxAgeMs, commandLimits);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(context)) {
                throw e;
            }
            throw fail(ConfigFieldNames.inYamlTerms(String.valueOf(e.getMessage()), SECTIONS));
        }
    }

    private Section section(Map<?, ?> top, String name) {
        Object value = top.get(name);
        if (!(value instanceof Map<?, ?> map)) {
            throw fail("section '" + name + "' expected a mapping, found " + describe(value));
        }
        onlyKnown(name + ".", map, SECTIONS.get(name));
        for (String field : new TreeSet<>(SECTIONS.get(name))) {
            if (!map.containsKey(field)) {
                throw fail("field '" + name + "." + field + "' is required, found nothing");
            }
        }
        return new Section(name, map);
    }

    /** One checked section: each key is named once, where it is read; messages name it as {@code section.key}. */
    private final class Section {
        private final String name;
        private final Map<?, ?> map;

        Section(String name, Map<?, ?> map) {
            this.name = name;
            this.map = map;
        }

        private String field(String key) {
            if (!SECTIONS.get(name).contains(key)) {
                // the reader asked for a key its own table lacks: a programming error, not the user's
                throw new IllegalStateException("flight config reader: '" + name + "." + key + "' is not in SECTIONS");
            }
            return name + "." + key;
        }

        double number(String key) {
            return FlightConfigFile.this.number(field(key), map.get(key));
        }

        long integer(String key) {
            return FlightConfigFile.this.integer(field(key), map.get(key));
        }

        String string(String key) {
            return FlightConfigFile.this.string(field(key), map.get(key));
        }

        boolean bool(String key) {
            return FlightConfigFile.this.bool(field(key), map.get(key));
        }
    }

    private void onlyKnown(String prefix, Map<?, ?> map, Set<String> known) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String) || !known.contains(key)) {
                throw fail("unknown field '" + prefix + key + "', expected one of " + new TreeSet<>(known));
            }
        }
    }

    private double number(String field, Object value) {
        if (value instanceof Number n && !(value instanceof Long l && Math.abs(l) > (1L << 53))) {
            double d = n.doubleValue();
            if (Double.isFinite(d)) {
                return d;
            }
        }
        throw fail("field '" + field + "' expected a finite number, found " + describe(value));
    }

    private long integer(String field, Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw fail("field '" + field + "' expected an integer, found " + describe(value));
    }

    private String string(String field, Object value) {
        if (value instanceof String s && !s.isBlank()) {
            return s.trim();
        }
        throw fail("field '" + field + "' expected a non-empty string, found " + describe(value));
    }

    private boolean bool(String field, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw fail("field '" + field + "' expected true or false, found " + describe(value));
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        // in the YAML's own terms, not Java's: a user wrote "1.5", not a Double
        if (value instanceof Integer || value instanceof Long) {
            return "the integer " + value;
        }
        if (value instanceof Number) {
            return "the number " + value;
        }
        if (value instanceof Boolean) {
            return "the boolean " + value;
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof Map<?, ?>) {
            return "a mapping";
        }
        return "'" + value + "'";
    }

    private IllegalArgumentException fail(String message) {
        return new IllegalArgumentException(context + ": " + message);
    }
}
