package io.spikepilot.bridge.peer;

import io.spikepilot.bridge.session.SetpointSender;
import io.spikepilot.controller.state.AttitudeSetpoint;

/** Stands in for the control loop in peer tests: sends one setpoint every period on its own thread. */
final class SetpointStreamer implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;

    SetpointStreamer(SetpointSender sender, AttitudeSetpoint setpoint, long periodMs) {
        thread = new Thread(() -> {
            long next = System.nanoTime();
            while (running) {
                sender.send(setpoint, System.nanoTime());
                next += periodMs * 1_000_000L;
                long sleepNs = next - System.nanoTime();
                if (sleepNs > 0) {
                    try {
                        Thread.sleep(sleepNs / 1_000_000L, (int) (sleepNs % 1_000_000L));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "test-setpoint-streamer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(2_000);
    }
}
