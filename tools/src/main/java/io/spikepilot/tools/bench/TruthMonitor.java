package io.spikepilot.tools.bench;

import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.simulator.vfc.VirtualFlightController;

/**
 * Watches the simulated vehicle's true state at 100 Hz on a thread of its own: the fault table's excursion, tilt and
 * speed come from the truth, not from the estimate the faults corrupt. Between {@link #beginWindow()} and
 * {@link #endWindow()} it keeps the largest distance from where the window began, tilt and speed; all the time it keeps
 * the descent speed of the last touchdown.
 */
public final class TruthMonitor implements AutoCloseable {
    private static final long PERIOD_MS = 10;
    /** Touchdown speed is the fastest descent in this many samples before the ground contact. */
    private static final int TOUCHDOWN_SAMPLES = 5;

    private final VirtualFlightController vfc;
    private final Thread thread;
    private final VehicleState truth = new VehicleState();
    private final double[] recentDescentMps = new double[TOUCHDOWN_SAMPLES];
    private final double[] windowStartNwuM = new double[3];
    private volatile boolean running = true;
    private boolean inWindow;
    private boolean startPending;
    private double maxExcursionM;
    private double maxTiltRad;
    private double maxSpeedMps;
    private double touchdownSpeedMps = Double.NaN;
    private boolean wasOnGround = true;
    private int sample;

    /** Starts watching {@code vfc}. */
    public TruthMonitor(VirtualFlightController vfc) {
        this.vfc = vfc;
        this.thread = new Thread(this::run, "truth-monitor");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            vfc.readTruth(truth);
            boolean onGround = vfc.isOnGround();
            synchronized (this) {
                observe(onGround);
            }
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void observe(boolean onGround) {
        double[] p = truth.positionNwuM;
        double[] v = truth.velocityNwuMps;
        if (startPending) {
            System.arraycopy(p, 0, windowStartNwuM, 0, 3);
            startPending = false;
            inWindow = true;
        }
        if (inWindow) {
            double dx = p[0] - windowStartNwuM[0];
            double dy = p[1] - windowStartNwuM[1];
            double dz = p[2] - windowStartNwuM[2];
            maxExcursionM = Math.max(maxExcursionM, Math.sqrt(dx * dx + dy * dy + dz * dz));
            maxTiltRad = Math.max(maxTiltRad, Quaternions.tilt(truth.attitudeNwuFlu));
            maxSpeedMps = Math.max(maxSpeedMps, Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]));
        }
        recentDescentMps[sample++ % TOUCHDOWN_SAMPLES] = -v[2];
        if (onGround && !wasOnGround) {
            double fastest = 0;
            for (double d : recentDescentMps) {
                fastest = Math.max(fastest, d);
            }
            touchdownSpeedMps = fastest;
        }
        wasOnGround = onGround;
    }

    /** Starts the excursion window at the next sample, from the position there. */
    public synchronized void beginWindow() {
        startPending = true;
        maxExcursionM = 0;
        maxTiltRad = 0;
        maxSpeedMps = 0;
    }

    /** Ends the excursion window. */
    public synchronized void endWindow() {
        inWindow = false;
        startPending = false;
    }

    /** Largest distance from the window's start, m. */
    public synchronized double maxExcursionM() {
        return maxExcursionM;
    }

    /** Largest tilt in the window, rad. */
    public synchronized double maxTiltRad() {
        return maxTiltRad;
    }

    /** Largest speed in the window, m/s. */
    public synchronized double maxSpeedMps() {
        return maxSpeedMps;
    }

    /** Fastest descent just before the latest touchdown, m/s (NaN: no touchdown seen). */
    public synchronized double touchdownSpeedMps() {
        return touchdownSpeedMps;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
