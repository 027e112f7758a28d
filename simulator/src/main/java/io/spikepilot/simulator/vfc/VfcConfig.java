package io.spikepilot.simulator.vfc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of the virtual flight controller; defaults imitate PX4 SITL's onboard link.
 *
 * @param linkUrl                 where it listens and whom it talks to, in the bridge's URL syntax; PX4 SITL binds
 *                                14580 and sends to 14540
 * @param systemId                its MAVLink system id (1, like a vehicle)
 * @param componentId             its component id (1, MAV_COMP_ID_AUTOPILOT1)
 * @param attitudeRateHz          default ATTITUDE_QUATERNION rate (PX4 onboard: 50 Hz); 0: off until asked for
 * @param positionRateHz          default LOCAL_POSITION_NED rate (PX4 onboard: 30 Hz); 0: off until asked for
 * @param offboardLossTimeoutS    COM_OF_LOSS_T: setpoint silence that ends OFFBOARD (PX4 default 1.0 s)
 * @param offboardEntryWindowS    how recent a setpoint must be for OFFBOARD to be accepted (PX4 wants the stream
 *                                running before the switch)
 * @param landingSpeedMps         AUTO.LAND descent speed (PX4 MPC_LAND_SPEED default 0.7 m/s)
 * @param autopilot               the flight stack imitated; for ArduCopter the two rates are those of the SRx_EXTRA1
 *                                (ATTITUDE) and SRx_POSITION (LOCAL_POSITION_NED) stream groups (ArduCopter's
 *                                default: 0, nothing until asked for), and the three PX4 timings above are not used
 * @param parameters              autopilot parameters set at boot, over the autopilot's defaults (ArduCopter:
 *                                GUID_OPTIONS, GUID_TIMEOUT, WPNAV_SPEED_UP, WPNAV_SPEED_DN, LAND_SPEED)
 */
public record VfcConfig(String linkUrl, int systemId, int componentId, double attitudeRateHz, double positionRateHz,
                        double offboardLossTimeoutS, double offboardEntryWindowS, double landingSpeedMps,
                        VfcAutopilot autopilot, Map<String, Double> parameters) {
    /** PX4 SITL-like defaults on loopback. */
    public static VfcConfig px4Defaults() {
        return new VfcConfig("udp://127.0.0.1:14580?remote=127.0.0.1:14540", 1, 1, 50, 30, 1.0, 0.5, 0.7,
                VfcAutopilot.PX4, Map.of());
    }

    /**
     * An ArduCopter on the same loopback ports, set up for a companion that sends thrust: GUID_OPTIONS = 8 (bit 3,
     * thrust instead of climb rate; ArduCopter's own default is 0), everything else at ArduCopter's defaults: no
     * state stream until one is asked for (its SRx_ stream rates default to 0).
     */
    public static VfcConfig arduCopterDefaults() {
        return px4Defaults().withAutopilot(VfcAutopilot.ARDUCOPTER).withRates(0, 0)
                .withParameter("GUID_OPTIONS", ArduCopterDialect.GUID_OPTIONS_THRUST);
    }

    /** The defaults of {@code autopilot}: {@link #px4Defaults()} or {@link #arduCopterDefaults()}. */
    public static VfcConfig defaults(VfcAutopilot autopilot) {
        return autopilot == VfcAutopilot.PX4 ? px4Defaults() : arduCopterDefaults();
    }

    /** Validates every field; messages name the field, what was expected and what was found. */
    public VfcConfig {
        if (linkUrl == null || linkUrl.isBlank()) {
            throw new IllegalArgumentException("virtual flight controller: field 'linkUrl' expected a link URL such as "
                    + "udp://127.0.0.1:14580?remote=127.0.0.1:14540, found '" + linkUrl + "'");
        }
        requireId("systemId", systemId);
        requireId("componentId", componentId);
        requireRange("attitudeRateHz", attitudeRateHz, 0, 1000);
        requireRange("positionRateHz", positionRateHz, 0, 1000);
        requireRange("offboardLossTimeoutS", offboardLossTimeoutS, 0.01, 60);
        requireRange("offboardEntryWindowS", offboardEntryWindowS, 0.01, 60);
        requireRange("landingSpeedMps", landingSpeedMps, 0.1, 5);
        if (autopilot == null) {
            throw new IllegalArgumentException("virtual flight controller: field 'autopilot' expected PX4 or "
                    + "ARDUCOPTER, found null");
        }
        // in the order given: they are applied, printed and compared in that order
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        VfcParameters known = autopilot.newParameters();
        for (Map.Entry<String, Double> p : parameters.entrySet()) {
            String problem = known.set(p.getKey(), p.getValue());
            if (problem != null) {
                throw new IllegalArgumentException("virtual flight controller: field 'parameters': " + problem
                        + " (" + autopilot.optionName() + ")");
            }
        }
    }

    /** The same settings on another link. */
    public VfcConfig withLink(String url) {
        return new VfcConfig(url, systemId, componentId, attitudeRateHz, positionRateHz, offboardLossTimeoutS,
                offboardEntryWindowS, landingSpeedMps, autopilot, parameters);
    }

    /** The same settings for another flight stack; the parameters set so far are dropped (they are per stack). */
    public VfcConfig withAutopilot(VfcAutopilot other) {
        return new VfcConfig(linkUrl, systemId, componentId, attitudeRateHz, positionRateHz, offboardLossTimeoutS,
                offboardEntryWindowS, landingSpeedMps, other, Map.of());
    }

    /** The same settings with parameter {@code name} set to {@code value} at boot. */
    public VfcConfig withParameter(String name, double value) {
        Map<String, Double> next = new LinkedHashMap<>(parameters);
        next.put(name, value);
        return new VfcConfig(linkUrl, systemId, componentId, attitudeRateHz, positionRateHz, offboardLossTimeoutS,
                offboardEntryWindowS, landingSpeedMps, autopilot, next);
    }

    /** The same settings with other default stream rates, Hz. */
    public VfcConfig withRates(double attitudeHz, double positionHz) {
        return new VfcConfig(linkUrl, systemId, componentId, attitudeHz, positionHz, offboardLossTimeoutS,
                offboardEntryWindowS, landingSpeedMps, autopilot, parameters);
    }

    private static void requireId(String field, int id) {
        if (id < 1 || id > 255) {
            throw new IllegalArgumentException("virtual flight controller: field '" + field
                    + "' expected 1..255, found " + id);
        }
    }

    private static void requireRange(String field, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException("virtual flight controller: field '" + field + "' expected a value in ["
                    + lo + ", " + hi + "], found " + v);
        }
    }
}
