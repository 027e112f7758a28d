package io.spikepilot.training.rl;

import io.spikepilot.controller.action.ActionSpace;
import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.simulator.env.EnvConfig;
import java.util.Arrays;
import java.util.Locale;

/** The tasks TD3BC+JSRL trains on. */
public enum JsrlTask {
    /** The paper's task: Crazyflie, four motor commands, 100 Hz, 500 steps, §1.5 starts, ideal state. */
    CRAZYFLIE_MOTORS("crazyflie-motors"),
    /**
     * What flies through an autopilot: the X500, collective thrust + attitude + yaw rate, 100 Hz, companion-sized
     * starts (an X500 on a PX4-like inner loop cannot right itself from 90° inside ±0.6 m), and the autopilot-like
     * state delivery on (per-stream rates and latency), so the network sees in training what it sees in flight.
     */
    X500_ATTITUDE("x500-attitude");

    private final String id;

    JsrlTask(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static JsrlTask fromId(String id) {
        for (JsrlTask t : values()) {
            if (t.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("task: expected one of " + Arrays.stream(values()).map(JsrlTask::id)
                .toList() + ", found '" + id + "'");
    }

    /** The task that flies {@code space}: {@code motors} is the Crazyflie's, {@code attitude} the X500's. */
    public static JsrlTask forActionSpace(ActionSpace space) {
        return space == ActionSpace.MOTORS ? CRAZYFLIE_MOTORS : X500_ATTITUDE;
    }

    public String airframe() {
        return this == CRAZYFLIE_MOTORS ? Airframes.CRAZYFLIE : Airframes.X500;
    }

    public ActionSpace actionSpace() {
        return this == CRAZYFLIE_MOTORS ? ActionSpace.MOTORS : ActionSpace.ATTITUDE;
    }

    /** The training and evaluation environment. */
    public EnvConfig environment() {
        if (this == CRAZYFLIE_MOTORS) {
            return EnvConfig.paper(Airframes.crazyflie());
        }
        return EnvConfig.attitude(Airframes.x500())
                .withInitialState(EnvConfig.InitialStateConfig.companion())
                .withDelivery(EnvConfig.StateDeliveryConfig.px4Onboard());
    }
}
