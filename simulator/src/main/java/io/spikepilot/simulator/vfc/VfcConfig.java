package io.spikepilot.simulator.vfc;

/**
 * Settings of the virtual flight controller; defaults imitate PX4 SITL's onboard link.
 *
 * @param linkUrl                 where it listens and whom it talks to, in the bridge's URL syntax; PX4 SITL binds
 *                                14580 and sends to 14540
 * @param systemId                its MAVLink system id (1, like a vehicle)
 * @param componentId             its component id (1, MAV_COMP_ID_AUTOPILOT1)
 * @param attitudeRateHz          default ATTITUDE_QUATERNION rate (PX4 onboard: 50 Hz)
 * @param positionRateHz          default LOCAL_POSITION_NED rate (PX4 onboard: 30 Hz)
 * @param offboardLossTimeoutS    COM_OF_LOSS_T: setpoint silence that ends OFFBOARD (PX4 default 1.0 s)
 * @param offboardEntryWindowS    how recent a setpoint must be for OFFBOARD to be accepted (PX4 wants the stream
 *                                running before the switch)
 * @param landingSpeedMps         AUTO.LAND descent speed (PX4 MPC_LAND_SPEED default 0.7 m/s)
 */
public record VfcConfig(String linkUrl, int systemId, int componentId, double attitudeRateHz, double positionRateHz,
                        double offboardLossTimeoutS, double offboardEntryWindowS, double landingSpeedMps) {
    /** PX4 SITL-like defaults on loopback. */
    public static VfcConfig px4Defaults() {
        return new VfcConfig("udp://127.0.0.1:14580?remote=127.0.0.1:14540", 1, 1, 50, 30, 1.0, 0.5, 0.7);
    }

    /** Validates every field; messages name the field, what was expected and what was found. */
    public VfcConfig {
        if (linkUrl == null || linkUrl.isBlank()) {
            throw new IllegalArgumentException("virtual flight controller: field 'linkUrl' expected a link URL such as "
                    + "udp://127.0.0.1:14580?remote=127.0.0.1:14540, found '" + linkUrl + "'");
        }
        requireId("systemId", systemId);
        requireId("componentId", componentId);
        requireRange("attitudeRateHz", attitudeRateHz, 0.1, 1000);
        requireRange("positionRateHz", positionRateHz, 0.1, 1000);
        requireRange("offboardLossTimeoutS", offboardLossTimeoutS, 0.01, 60);
        requireRange("offboardEntryWindowS", offboardEntryWindowS, 0.01, 60);
        requireRange("landingSpeedMps", landingSpeedMps, 0.1, 5);
    }

    /** The same settings on another link. */
    public VfcConfig withLink(String url) {
        return new VfcConfig(url, systemId, componentId, attitudeRateHz, positionRateHz, offboardLossTimeoutS,
                offboardEntryWindowS, landingSpeedMps);
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
