package io.spikepilot.bridge.replay;

import io.spikepilot.bridge.codec.MavlinkFrame;
import io.spikepilot.bridge.codec.SetAttitudeTargetMessage;
import io.spikepilot.bridge.session.SetAttitudeTargetEncoder;
import io.spikepilot.controller.state.AttitudeSetpoint;

/**
 * Compares the SET_ATTITUDE_TARGET we logged at a tick with the one the replayed tick would have sent, field by
 * field on their bits, through the same encoder the live link uses. time_boot_ms is not compared: it counts from an
 * instant the log does not record, and it is an input (the tick's time), not something the controller decides.
 * The target system and component are the session's, not the controller's, and are taken from the logged frame.
 */
final class SetpointBitCheck {
    private static final String[] FIELDS = {"q[0]", "q[1]", "q[2]", "q[3]", "body_roll_rate", "body_pitch_rate",
            "body_yaw_rate", "thrust"};

    private final SetAttitudeTargetEncoder encoder = new SetAttitudeTargetEncoder();
    private final byte[] payload = new byte[SetAttitudeTargetMessage.LENGTH];
    private long compared;
    private long differing;
    private long notSendable;
    private String firstDivergence;

    SetpointBitCheck(boolean ardupilot, boolean thrustBody) {
        encoder.setAllOrNoRates(ardupilot);
        encoder.setThrustBody(thrustBody);
    }

    /** Compares tick {@code tick}'s replayed setpoint with the frame logged for it. */
    void compare(long tick, AttitudeSetpoint setpoint, MavlinkFrame logged) {
        compared++;
        if (!encoder.write(setpoint, SetAttitudeTargetMessage.timeBootMs(logged),
                SetAttitudeTargetMessage.targetSystem(logged), SetAttitudeTargetMessage.targetComponent(logged),
                payload)) {
            notSendable++;
            differing++;
            note(tick, "(whole message)", "a SET_ATTITUDE_TARGET", "a setpoint the link would not send");
            return;
        }
        String field = null;
        String expected = null;
        String found = null;
        int expectedMask = SetAttitudeTargetMessage.typeMask(logged);
        int foundMask = payload[38] & 0xFF;
        if (expectedMask != foundMask) {
            field = "type_mask";
            expected = Integer.toString(expectedMask);
            found = Integer.toString(foundMask);
        }
        for (int i = 0; i < FIELDS.length && field == null; i++) {
            int offset = 4 + 4 * i;
            float e = logged.f32(offset);
            float f = io.spikepilot.bridge.codec.LittleEndian.f32(payload, offset);
            if (Float.floatToRawIntBits(e) != Float.floatToRawIntBits(f)) {
                field = FIELDS[i];
                expected = Float.toString(e);
                found = Float.toString(f);
            }
        }
        for (int axis = 0; axis < 3 && field == null; axis++) {
            float e = SetAttitudeTargetMessage.thrustBody(logged, axis);
            float f = io.spikepilot.bridge.codec.LittleEndian.f32(payload, 39 + 4 * axis);
            if (Float.floatToRawIntBits(e) != Float.floatToRawIntBits(f)) {
                field = "thrust_body[" + axis + "]";
                expected = Float.toString(e);
                found = Float.toString(f);
            }
        }
        if (field != null) {
            differing++;
            note(tick, field, expected, found);
        }
    }

    private void note(long tick, String field, String expected, String found) {
        if (firstDivergence == null) {
            firstDivergence = "first divergence at tick " + tick + ", SET_ATTITUDE_TARGET." + field + ": logged "
                    + expected + ", replayed " + found;
        }
    }

    long compared() {
        return compared;
    }

    long differing() {
        return differing;
    }

    String firstDivergence() {
        return firstDivergence;
    }

    String verdict() {
        if (compared == 0) {
            return "no logged SET_ATTITUDE_TARGET matched a replayed tick";
        }
        if (differing == 0) {
            return compared + " logged SET_ATTITUDE_TARGET compared, bit-identical";
        }
        return compared + " logged SET_ATTITUDE_TARGET compared, " + differing + " differ"
                + (notSendable > 0 ? " (" + notSendable + " replayed setpoints would not have been sent)" : "")
                + "; " + firstDivergence;
    }
}
