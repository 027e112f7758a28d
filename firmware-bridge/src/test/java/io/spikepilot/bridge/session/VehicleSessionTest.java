package io.spikepilot.bridge.session;

import io.dronefleet.mavlink.common.CommandAck;
import io.dronefleet.mavlink.common.CommandLong;
import io.dronefleet.mavlink.common.ParamRequestRead;
import io.dronefleet.mavlink.common.ParamValue;
import io.dronefleet.mavlink.minimal.Heartbeat;
import io.dronefleet.mavlink.minimal.MavAutopilot;
import io.dronefleet.mavlink.minimal.MavState;
import io.dronefleet.mavlink.minimal.MavType;
import io.dronefleet.mavlink.util.EnumValue;
import io.spikepilot.bridge.codec.ColdCodec;
import io.spikepilot.bridge.codec.DronefleetWire;
import io.spikepilot.bridge.codec.FrameListener;
import io.spikepilot.bridge.codec.MavlinkFrame;
import io.spikepilot.bridge.codec.MessageCatalog;
import io.spikepilot.bridge.state.StateAssembler;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Session logic against a scripted autopilot: every COMMAND_LONG we send gets the reply the test chooses. */
class VehicleSessionTest {
    /** Hears what the session sends and lets the test answer through the link's receive path. */
    private static final class ScriptedAutopilot implements FrameListener {
        final List<CommandLong> commands = new CopyOnWriteArrayList<>();
        final Map<String, Float> parameters = new ConcurrentHashMap<>();
        Consumer<CommandLong> reply = c -> { };
        MavlinkLink link;
        private final ColdCodec codec = new ColdCodec(MessageCatalog.standard());

        @Override
        public void onFrame(MavlinkFrame frame, long receivedNs) {
            CommandLong command = codec.decode(frame, CommandLong.class);
            if (command != null) {
                commands.add(command);
                reply.accept(command);
            }
            ParamRequestRead request = codec.decode(frame, ParamRequestRead.class);
            if (request != null && parameters.containsKey(request.paramId())) {
                deliver(ParamValue.builder().paramId(request.paramId())
                        .paramValue(parameters.get(request.paramId())).paramType(EnumValue.create(6)).paramCount(1)
                        .paramIndex(0).build());
            }
        }

        void deliver(Object payload) {
            byte[] bytes = DronefleetWire.send2(1, 1, payload);
            link.onBytes(bytes, 0, bytes.length, System.nanoTime());
        }
    }

    private final ScriptedAutopilot autopilot = new ScriptedAutopilot();
    private final MavlinkLink link = new MavlinkLink(new DecodingTransport(autopilot, "scripted"), new StateAssembler(1, 1), null, 0, 0);
    private final VehicleSession session;

    VehicleSessionTest() {
        autopilot.link = link;
        SessionConfig config = new SessionConfig();
        config.ackTimeoutMs = 150;
        config.commandAttempts = 2;
        config.confirmTimeoutMs = 300;
        session = new VehicleSession(link, config, System::nanoTime);
        link.addListener(session);
    }

    private static Heartbeat heartbeat(MavAutopilot kind, long customMode, int baseMode) {
        return Heartbeat.builder().type(MavType.MAV_TYPE_QUADROTOR).autopilot(kind)
                .baseMode(EnumValue.create(baseMode)).customMode(customMode).systemStatus(MavState.MAV_STATE_STANDBY)
                .mavlinkVersion(3).build();
    }

    private static CommandAck ack(CommandLong command, int result, int targetComponent) {
        return CommandAck.builder().command(command.command()).result(EnumValue.create(result)).progress(0)
                .resultParam2(0).targetSystem(1).targetComponent(targetComponent).build();
    }

    @Test
    void aGroundStationsAcknowledgementIsNotMistakenForOurs() throws Exception {
        autopilot.deliver(heartbeat(MavAutopilot.MAV_AUTOPILOT_PX4, 3 << 16, 1));
        autopilot.reply = c -> autopilot.deliver(ack(c, CommandResult.ACCEPTED, 190));
        CommandResult result = session.command(VehicleSession.MAV_CMD_COMPONENT_ARM_DISARM, 1, 0, 0, 0, 0, 0, 0);
        assertEquals(CommandResult.NO_ACK, result.result);
        assertEquals(2, autopilot.commands.size());
        assertEquals(1, autopilot.commands.get(1).confirmation());
    }

    @Test
    void inProgressKeepsWaitingForTheFinalResult() throws Exception {
        autopilot.deliver(heartbeat(MavAutopilot.MAV_AUTOPILOT_PX4, 3 << 16, 1));
        autopilot.reply = c -> {
            autopilot.deliver(ack(c, CommandResult.IN_PROGRESS, 191));
            autopilot.deliver(ack(c, CommandResult.ACCEPTED, 191));
        };
        CommandResult result = session.command(VehicleSession.MAV_CMD_COMPONENT_ARM_DISARM, 1, 0, 0, 0, 0, 0, 0);
        assertTrue(result.accepted());
        assertEquals(1, result.attempts);
    }

    @Test
    void aDeniedArmingSaysSo() {
        autopilot.deliver(heartbeat(MavAutopilot.MAV_AUTOPILOT_PX4, 3 << 16, 1));
        autopilot.reply = c -> autopilot.deliver(ack(c, CommandResult.DENIED, 191));
        SessionException e = assertThrows(SessionException.class, () -> session.arm(false));
        assertEquals("the autopilot did not accept arming: command 400: DENIED after 1 attempt(s)", e.getMessage());
    }

    @Test
    void anAcceptedModeTheHeartbeatNeverShowsIsAnError() {
        autopilot.deliver(heartbeat(MavAutopilot.MAV_AUTOPILOT_ARDUPILOTMEGA, 0, 1));
        autopilot.reply = c -> autopilot.deliver(ack(c, CommandResult.ACCEPTED, 191));
        // GUID_OPTIONS has bit 3 set; the mode is accepted but the heartbeat keeps reporting STABILIZE (0).
        autopilot.parameters.put("GUID_OPTIONS", 8f);
        SessionException e = assertThrows(SessionException.class, () -> session.enterArduPilotGuidedNoGps(false));
        assertTrue(e.getMessage().startsWith("ArduPilot accepted GUIDED_NOGPS but its heartbeat still shows mode 0"),
                e.getMessage());
    }

    @Test
    void anUnreadableGuidOptionsSaysWhichParameterAndValueToSet() {
        autopilot.deliver(heartbeat(MavAutopilot.MAV_AUTOPILOT_ARDUPILOTMEGA, 0, 1));
        // no GUID_OPTIONS: the scripted autopilot never answers the PARAM_REQUEST_READ
        SessionException e = assertThrows(SessionException.class, () -> session.enterArduPilotGuidedNoGps(false));
        assertTrue(e.getMessage().contains("cannot read ArduPilot's GUID_OPTIONS")
                && e.getMessage().contains("bit 3 (value 8)"), e.getMessage());
        assertTrue(autopilot.commands.isEmpty(), "no mode change without GUID_OPTIONS: " + autopilot.commands);
    }

    @Test
    void aClearGuidOptionsBitAdvisesTheValueNotAFlagThatDoesNotExist() {
        autopilot.deliver(heartbeat(MavAutopilot.MAV_AUTOPILOT_ARDUPILOTMEGA, 0, 1));
        autopilot.parameters.put("GUID_OPTIONS", 1f);
        SessionException e = assertThrows(SessionException.class, () -> session.enterArduPilotGuidedNoGps(false));
        assertTrue(e.getMessage().contains("Set the parameter GUID_OPTIONS to 9"), e.getMessage());
        // no flag or config field lets spikepilot write it, so the advice must not suggest one
        assertTrue(!e.getMessage().contains("let spikepilot set it"), e.getMessage());
    }

    @Test
    void forcedArmingSendsTheMagicNumber() throws Exception {
        autopilot.deliver(heartbeat(MavAutopilot.MAV_AUTOPILOT_PX4, 3 << 16, 1));
        autopilot.reply = c -> {
            autopilot.deliver(ack(c, CommandResult.ACCEPTED, 191));
            autopilot.deliver(heartbeat(MavAutopilot.MAV_AUTOPILOT_PX4, 3 << 16, 1 | 128));
        };
        session.arm(true);
        assertEquals(21196f, autopilot.commands.get(0).param2());
        assertTrue(session.isArmed());
    }

    @Test
    void commandsBeforeAnyHeartbeatAreRefused() {
        SessionException e = assertThrows(SessionException.class, () -> session.arm(false));
        assertEquals("no autopilot detected yet: wait for its HEARTBEAT first", e.getMessage());
    }

    @Test
    void groundStationAndCompanionHeartbeatsAreNotTheAutopilot() {
        autopilot.deliver(Heartbeat.builder().type(MavType.MAV_TYPE_GCS).autopilot(MavAutopilot.MAV_AUTOPILOT_INVALID)
                .baseMode(EnumValue.create(0)).customMode(0).systemStatus(MavState.MAV_STATE_ACTIVE)
                .mavlinkVersion(3).build());
        assertEquals(null, session.autopilot());
        autopilot.deliver(heartbeat(MavAutopilot.MAV_AUTOPILOT_ARDUPILOTMEGA, 0, 1));
        assertEquals(Autopilot.ARDUPILOT, session.autopilot());
    }
}
