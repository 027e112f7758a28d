package io.spikepilot.controller.replay;

import io.spikepilot.controller.loop.OperatorInbox;
import io.spikepilot.controller.loop.TargetRequest;
import io.spikepilot.controller.supervisor.OperatorCommand;

/**
 * The operator of a what-if replay of a flight someone else flew: there is nobody to press take-off, so it asks for
 * it on the first tick with a usable state (the controller leaves IDLE, whose target only follows the vehicle), and
 * from the next tick on it posts the target the log's own controller was flying to, when the log has one, else the
 * position where the replay took over. The network then steps every tick against the same target the flight had:
 * its commands are comparable with the ones that were flown.
 */
public final class WhatIfPilot {
    private boolean tookOff;
    private boolean heldStart;
    private double lastX = Double.NaN;
    private double lastY = Double.NaN;
    private double lastZ = Double.NaN;
    private double lastYaw = Double.NaN;

    /**
     * Posts this tick's operator inputs.
     *
     * @param validState        whether the state the tick will read is usable
     * @param statePositionNwuM where the vehicle is, the target when the log has none
     * @param stateYawRad       its heading (NWU), likewise
     * @param logTargetNwuM     the position the log's controller flew to, or null when the log has none
     * @param logTargetYawRad   its heading (NWU), NaN when the log gives none (the vehicle's own is used)
     */
    public void before(OperatorInbox inbox, boolean validState, double[] statePositionNwuM, double stateYawRad,
                       double[] logTargetNwuM, double logTargetYawRad) {
        if (!tookOff) {
            if (validState) {
                inbox.submit(OperatorCommand.TAKEOFF);
                tookOff = true;
            }
            return;
        }
        if (logTargetNwuM != null && Double.isFinite(logTargetNwuM[0]) && Double.isFinite(logTargetNwuM[1])
                && Double.isFinite(logTargetNwuM[2])) {
            double yaw = Double.isFinite(logTargetYawRad) ? logTargetYawRad : stateYawRad;
            post(inbox, logTargetNwuM[0], logTargetNwuM[1], logTargetNwuM[2], yaw);
        } else if (!heldStart && validState) {
            heldStart = true;
            post(inbox, statePositionNwuM[0], statePositionNwuM[1], statePositionNwuM[2], stateYawRad);
        }
    }

    private void post(OperatorInbox inbox, double x, double y, double z, double yaw) {
        if (x == lastX && y == lastY && z == lastZ && yaw == lastYaw) {
            return;
        }
        lastX = x;
        lastY = y;
        lastZ = z;
        lastYaw = yaw;
        inbox.submitTarget(new TargetRequest(x, y, z, yaw));
    }

    /** Whether the take-off has been asked for. */
    public boolean tookOff() {
        return tookOff;
    }
}
