package io.spikepilot.simulator.vfc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dronefleet.mavlink.common.MavSeverity;
import io.dronefleet.mavlink.common.ParamRequestList;
import io.dronefleet.mavlink.common.ParamRequestRead;
import io.dronefleet.mavlink.common.ParamSet;
import io.dronefleet.mavlink.common.ParamValue;
import io.dronefleet.mavlink.common.RequestDataStream;
import io.dronefleet.mavlink.common.SetMode;
import io.dronefleet.mavlink.common.Statustext;
import io.dronefleet.mavlink.util.EnumValue;
import io.spikepilot.bridge.codec.HeartbeatMessage;
import io.spikepilot.bridge.codec.LocalPositionNedMessage;
import io.spikepilot.bridge.codec.MavlinkFrame;
import io.spikepilot.controller.math.Quaternions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ArduCopter-like autopilot in simulated time, on the bench {@link SimulatedAutopilotTest} uses: its heartbeat and modes,
 * GUIDED_NOGPS with both GUID_OPTIONS readings of thrust, GUID_TIMEOUT, arming refusals, parameters and the legacy
 * stream and mode messages. Expected figures are ArduCopter's defaults (GUID_TIMEOUT 3 s, WPNAV_SPEED_UP 2.5 m/s,
 * LAND_SPEED 0.5 m/s) and the X500's hover thrust.
 */
class ArduCopterSimulatedAutopilotTest extends VfcBench {
    private static final int ATTITUDE_ID = 30;
    private static final int STATUSTEXT_ID = 253;
    private static final int PARAM_VALUE_ID = 22;
    private static final int SET_MODE_ID = 11;

    ArduCopterSimulatedAutopilotTest() {
        super(VfcConfig.arduCopterDefaults());
    }

    private MavlinkFrame lastHeartbeat() {
        return sent.stream().filter(f -> f.messageId() == HeartbeatMessage.ID).reduce((a, b) -> b).orElseThrow();
    }

    private void armInGuidedNoGps() {
        run(200, Float.NaN);
        assertEquals(MAV_RESULT_ACCEPTED, command(176, 1, 20, 0));
        assertEquals(MAV_RESULT_ACCEPTED, command(400, 1, 0, 0));
    }

    /** Climbs for 1 s at thrust 0.65, then hovers on a companion-side damper of the vertical speed for 2 s. */
    private void takeOffInGuidedNoGps() {
        armInGuidedNoGps();
        run(1000, 0.65f);
        long end = nowNs + 2000 * MS;
        while (nowNs < end) {
            if ((nowNs / MS) % 10 == 0) {
                double climbMps = truth().velocityNwuMps[2];
                sendSetpoint((float) (x500.hoverThrustNormalized() * (1 - 0.5 * climbMps)));
            }
            nowNs += core.physicsPeriodNs();
            core.step(nowNs);
        }
        assertEquals(0, truth().velocityNwuMps[2], 0.1, "hovering after the take-off");
    }

    private List<String> statusTexts(MavSeverity severity) {
        return decoded(STATUSTEXT_ID, Statustext.class).stream()
                .filter(t -> t.severity().entry() == severity).map(Statustext::text).toList();
    }

    private List<ParamValue> paramValues() {
        return decoded(PARAM_VALUE_ID, ParamValue.class);
    }

    private void setParam(String name, float value) {
        sendCold(ParamSet.builder().targetSystem(1).targetComponent(1).paramId(name).paramValue(value)
                .paramType(EnumValue.create(io.dronefleet.mavlink.common.MavParamType.class, 9)).build());
    }

    @Test
    void itBootsDisarmedInStabilizeAsAnArduCopterQuadAndStreamsNothingUntilAsked() {
        run(1000, Float.NaN);
        MavlinkFrame hb = lastHeartbeat();
        assertEquals(HeartbeatMessage.MAV_AUTOPILOT_ARDUPILOTMEGA, HeartbeatMessage.autopilot(hb));
        assertEquals(2, HeartbeatMessage.type(hb)); // MAV_TYPE_QUADROTOR
        assertEquals(0, HeartbeatMessage.customMode(hb)); // STABILIZE
        assertEquals(1 | 16 | 64, HeartbeatMessage.baseMode(hb)); // custom mode, stabilize, manual input; disarmed
        assertEquals(0, count(ATTITUDE_ID), "SRx_EXTRA1 defaults to 0 on ArduCopter");
        assertEquals(0, count(LocalPositionNedMessage.ID), "SRx_POSITION defaults to 0 on ArduCopter");
        assertEquals(0, count(31), "ATTITUDE_QUATERNION is in no ArduPilot stream group");
    }

    @Test
    void guidedNoGpsIsEnteredWithoutASetpointStreamAndShowsInTheHeartbeatArmed() {
        armInGuidedNoGps();
        sent.clear();
        run(1100, Float.NaN);
        MavlinkFrame hb = lastHeartbeat();
        assertEquals(20, HeartbeatMessage.customMode(hb));
        assertEquals(128, HeartbeatMessage.baseMode(hb) & 128);
        assertEquals(CopterMode.GUIDED_NOGPS, core.mode());
        assertEquals(0.0, heightM(), 0.0, "no positive thrust, no take-off");
    }

    @Test
    void attitudeTargetsOutsideTheGuidedModesAreIgnored() {
        run(500, 0.7f);
        assertEquals(0, core.setpointsReceived());
        assertTrue(core.setpointsIgnored() >= 49, "ignored: " + core.setpointsIgnored());
    }

    @Test
    void withGuidOptionsBit3ThrustIsCollectiveThrust() {
        takeOffInGuidedNoGps();
        double h = heightM();
        assertTrue(h > 0.5, "height after a 1 s climb at thrust 0.65: " + h);
        run(1000, 0.2f);
        assertTrue(heightM() < h - 0.5, "thrust 0.2 is far below hover and falls: " + heightM());
    }

    @Test
    void withGuidOptionsZeroThrustIsAClimbRateAndHalfHoldsAltitude() {
        setParam("GUID_OPTIONS", 0);
        assertEquals(0f, paramValues().get(paramValues().size() - 1).paramValue());
        armInGuidedNoGps();
        run(1000, 0.5f);
        assertEquals(0.0, heightM(), 0.0, "0.5 is a zero climb rate: no take-off");
        run(2000, 0.7f); // climb at (0.7 - 0.5) * 2 * 2.5 m/s = 1 m/s
        double h = heightM();
        assertEquals(2.0, h, 0.6, "2 s at 1 m/s after spool-up");
        run(3000, 0.5f);
        assertEquals(h, heightM(), 0.25, "0.5 holds the altitude");
        run(1000, 0.3f); // descend at (0.5 - 0.3) * 2 * 1.5 m/s = 0.6 m/s
        assertTrue(heightM() < h - 0.3, "descending: " + heightM() + " from " + h);
    }

    @Test
    void guidTimeoutLevelsTheVehicleAndHoldsAltitudeInTheSameMode() {
        takeOffInGuidedNoGps();
        double rollRad = Math.toRadians(8);
        float thrust = (float) (x500.hoverThrustNormalized() / Math.cos(rollRad));
        long end = nowNs + 1000 * MS;
        while (nowNs < end) {
            if ((nowNs / MS) % 10 == 0) {
                sendSetpoint(7, (float) Math.cos(rollRad / 2), (float) Math.sin(rollRad / 2), 0, 0, thrust);
            }
            nowNs += core.physicsPeriodNs();
            core.step(nowNs);
        }
        assertEquals(8, Math.toDegrees(Quaternions.roll(truth().attitudeNwuFlu)), 1.5, "flying the 8 deg target");
        run(2800, Float.NaN);
        assertEquals(8, Math.toDegrees(Quaternions.roll(truth().attitudeNwuFlu)), 1.5, "inside GUID_TIMEOUT = 3 s");
        double held = heightM();
        run(400, Float.NaN);
        assertTrue(core.events().stream().anyMatch(e -> e.contains("GUID_TIMEOUT")), core.events().toString());
        run(3000, Float.NaN);
        assertEquals(0, Math.toDegrees(Quaternions.roll(truth().attitudeNwuFlu)), 1.0, "levelled out");
        assertEquals(held, heightM(), 0.3, "holds altitude");
        assertEquals(CopterMode.GUIDED_NOGPS, core.mode(), "ArduCopter stays in its guided mode");
        assertTrue(core.isArmed());
    }

    @Test
    void guidTimeoutIsAParameter() {
        setParam("GUID_TIMEOUT", 1.0f);
        takeOffInGuidedNoGps();
        run(1200, Float.NaN);
        assertTrue(core.events().stream().anyMatch(e -> e.contains("no attitude target for 1.0 s (GUID_TIMEOUT)")),
                core.events().toString());
    }

    @Test
    void anIllFormedTargetStopsTheVehicle() {
        takeOffInGuidedNoGps();
        long ignored = core.setpointsIgnored();
        sendSetpoint(7, 0.9f, 0, 0, 0, 0.9f); // |q| = 0.9: not a unit quaternion
        sendSetpoint(7 & ~1, 1, 0, 0, 0, 0.9f); // a roll rate without the others
        sendSetpoint(7 | 64, 1, 0, 0, 0, 0.9f); // thrust ignored
        assertEquals(ignored + 3, core.setpointsIgnored());
        assertTrue(core.events().stream().anyMatch(e -> e.contains("ill-formed SET_ATTITUDE_TARGET")),
                core.events().toString());
        double h = heightM();
        run(2000, Float.NaN);
        assertEquals(h, heightM(), 0.3, "stopped: level, holding altitude");
    }

    @Test
    void aFailedPreArmCheckRefusesWithStatustextAndFailedUnlessForced() {
        core.refuseArming("Accels inconsistent");
        run(200, Float.NaN);
        assertEquals(MAV_RESULT_FAILED, command(400, 1, 0, 0));
        assertEquals(List.of("PreArm: Accels inconsistent"), statusTexts(MavSeverity.MAV_SEVERITY_CRITICAL));
        assertFalse(core.isArmed());
        assertEquals(MAV_RESULT_ACCEPTED, command(400, 1, 21196, 0), "21196 skips the pre-arm checks");
        assertTrue(core.isArmed());
    }

    @Test
    void landIsNotArmable() {
        assertEquals(MAV_RESULT_ACCEPTED, command(176, 1, 9, 0));
        assertEquals(MAV_RESULT_FAILED, command(400, 1, 0, 0));
        assertEquals(List.of("PreArm: Mode not armable"), statusTexts(MavSeverity.MAV_SEVERITY_CRITICAL));
    }

    @Test
    void thePilotArmsInGuidedOnlyWithGuidOptionsBit0() {
        core.pilotSelectsMode(CopterMode.GUIDED_NOGPS, nowNs);
        core.pilotArms(nowNs);
        assertFalse(core.isArmed());
        assertEquals(List.of("PreArm: Mode not armable"), core.statusTexts());
        setParam("GUID_OPTIONS", 9);
        core.pilotArms(nowNs);
        assertTrue(core.isArmed());
    }

    @Test
    void parametersAreReadByNameByIndexAndAsAListAndChecked() {
        sendCold(ParamRequestRead.builder().targetSystem(1).targetComponent(1).paramId("GUID_OPTIONS")
                .paramIndex(-1).build());
        ParamValue options = paramValues().get(0);
        assertEquals("GUID_OPTIONS", options.paramId().trim());
        assertEquals(8f, options.paramValue());
        assertEquals(6, options.paramType().value()); // MAV_PARAM_TYPE_INT32
        assertEquals(5, options.paramCount());
        sent.clear();
        sendCold(ParamRequestRead.builder().targetSystem(1).targetComponent(1).paramId("").paramIndex(1).build());
        assertEquals("GUID_TIMEOUT", paramValues().get(0).paramId().trim());
        assertEquals(3.0f, paramValues().get(0).paramValue());
        assertEquals(9, paramValues().get(0).paramType().value()); // MAV_PARAM_TYPE_REAL32
        sent.clear();
        sendCold(ParamRequestRead.builder().targetSystem(1).targetComponent(1).paramId("NO_SUCH_PARAM")
                .paramIndex(-1).build());
        assertEquals(0, paramValues().size(), "an unknown name gets no answer");
        sendCold(ParamRequestList.builder().targetSystem(1).targetComponent(1).build());
        assertEquals(List.of("GUID_OPTIONS", "GUID_TIMEOUT", "WPNAV_SPEED_UP", "WPNAV_SPEED_DN", "LAND_SPEED"),
                paramValues().stream().map(p -> p.paramId().trim()).toList());
        sent.clear();
        setParam("GUID_TIMEOUT", 9f);
        assertEquals(3.0f, paramValues().get(0).paramValue(), "out of [0.1, 5]: the echo keeps the old value");
        assertTrue(core.events().stream().anyMatch(e -> e.contains("GUID_TIMEOUT expected a value in [0.1, 5]")),
                core.events().toString());
    }

    @Test
    void requestDataStreamSetsTheStreamGroupsAndMessageIntervalTheQuaternion() {
        sendCold(RequestDataStream.builder().targetSystem(1).targetComponent(1).reqStreamId(0).reqMessageRate(4)
                .startStop(1).build());
        sent.clear();
        run(1000, Float.NaN);
        assertEquals(4, count(ATTITUDE_ID), 1, "MAV_DATA_STREAM_ALL sets EXTRA1");
        assertEquals(4, count(LocalPositionNedMessage.ID), 1, "and POSITION");
        sendCold(RequestDataStream.builder().targetSystem(1).targetComponent(1).reqStreamId(6).reqMessageRate(10)
                .startStop(1).build());
        sendCold(RequestDataStream.builder().targetSystem(1).targetComponent(1).reqStreamId(10).reqMessageRate(0)
                .startStop(0).build());
        assertEquals(MAV_RESULT_ACCEPTED, command(511, 31, 10_000, 0));
        sent.clear();
        run(1000, Float.NaN);
        assertEquals(10, count(LocalPositionNedMessage.ID), 1);
        assertEquals(0, count(ATTITUDE_ID));
        assertEquals(100, count(31), 1);
    }

    @Test
    void theSetModeMessageIsAcknowledgedAndAnUnknownModeNamed() {
        sent.clear();
        sendCold(SetMode.builder().targetSystem(1).baseMode(EnumValue.create(
                io.dronefleet.mavlink.common.MavMode.class, 1)).customMode(20).build());
        assertEquals(MAV_RESULT_ACCEPTED, ackResult(SET_MODE_ID));
        assertEquals(CopterMode.GUIDED_NOGPS, core.mode());
        assertEquals(MAV_RESULT_FAILED, command(176, 1, 8, 0));
        assertEquals(List.of("No such mode 8"), statusTexts(MavSeverity.MAV_SEVERITY_WARNING));
    }

    @Test
    void landDescendsAtLandSpeedDisarmsAndStaysInLand() {
        takeOffInGuidedNoGps();
        double h = heightM();
        assertEquals(MAV_RESULT_ACCEPTED, command(176, 1, 9, 0));
        run(1000, Float.NaN);
        double settled = heightM();
        run(1000, Float.NaN);
        assertEquals(settled - 0.5, heightM(), 0.1, "1 s at LAND_SPEED 0.5 m/s");
        run((long) (h / 0.5 * 1000) + 2000, Float.NaN);
        assertFalse(core.isArmed());
        assertEquals(CopterMode.LAND, core.mode());
    }

    @Test
    void disarmInTheAirFailsWithoutTheForceMagic() {
        takeOffInGuidedNoGps();
        assertEquals(MAV_RESULT_FAILED, command(400, 0, 0, 0));
        assertTrue(core.isArmed());
        assertEquals(MAV_RESULT_ACCEPTED, command(400, 0, 21196, 0));
        assertFalse(core.isArmed());
    }
}
