package io.spikepilot.simulator.vfc;

import io.spikepilot.bridge.codec.FrameReader;
import io.spikepilot.bridge.codec.MessageCatalog;
import io.spikepilot.bridge.transport.ByteSink;
import io.spikepilot.bridge.transport.Transport;
import io.spikepilot.bridge.transport.TransportException;
import io.spikepilot.bridge.transport.TransportUrl;
import io.spikepilot.controller.action.AttitudeLimits;
import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.simulator.airframe.Airframe;
import io.spikepilot.simulator.vehicle.SimulatedVehicle;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SimulatedAutopilot} on a real MAVLink transport, stepped in wall-clock time on its own thread: a simulated PX4 or
 * ArduCopter that the flight controller cannot tell from a SITL instance. Bytes read by the transport are queued and parsed on the
 * physics thread, so the core stays single-threaded.
 */
public final class VirtualFlightController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualFlightController.class);

    private final VfcConfig config;
    private final SimulatedAutopilot core;
    private final Transport transport;
    private final ConcurrentLinkedQueue<byte[]> inbound = new ConcurrentLinkedQueue<>();
    private final FrameReader reader;
    private final Thread thread;
    private final Object lock = new Object();
    private volatile boolean running = true;
    private long startNs;

    /**
     * Opens the link and starts simulating.
     *
     * @throws TransportException when the link URL is wrong or its port cannot be opened (actionable message)
     */
    public VirtualFlightController(VfcConfig config, Airframe airframe, AttitudeLimits limits)
            throws TransportException {
        this.config = config;
        this.core = new SimulatedAutopilot(config, new SimulatedVehicle(airframe), limits, this::transmit);
        this.reader = new FrameReader(MessageCatalog.standard(), core::handleFrame);
        this.transport = TransportUrl.open(config.linkUrl(), System::nanoTime);
        transport.start(new ByteSink() {
            @Override
            public void onBytes(byte[] data, int offset, int length, long nowNs) {
                byte[] copy = new byte[length];
                System.arraycopy(data, offset, copy, 0, length);
                inbound.add(copy);
            }
        });
        this.thread = new Thread(this::run, "virtual-flight-controller");
        thread.setDaemon(true);
        startNs = System.nanoTime();
        thread.start();
        LOG.info("virtual flight controller: {} {} on {}", core.describe(), airframe.name(), transport.describe());
    }

    private void transmit(byte[] frame, int length) {
        transport.send(frame, 0, length);
    }

    private void run() {
        long period = core.physicsPeriodNs();
        long next = System.nanoTime();
        while (running) {
            long now = System.nanoTime();
            long simNow = now - startNs;
            synchronized (lock) {
                byte[] chunk;
                while ((chunk = inbound.poll()) != null) {
                    reader.accept(chunk, 0, chunk.length, simNow);
                }
                core.step(simNow);
            }
            next += period;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (wait < -100 * period) {
                next = System.nanoTime(); // fell far behind (debugger, suspended VM): do not replay the backlog
            }
        }
    }

    /** Time since the autopilot booted, ns (its time_boot_ms base). */
    public long bootTimeNs() {
        return System.nanoTime() - startNs;
    }

    /** The vehicle's true state now (a consistent copy). */
    public void readTruth(VehicleState out) {
        synchronized (lock) {
            core.readTruth(out);
        }
    }

    /** Fault injection: no state stream for {@code durationNs} from now. */
    public void dropStateStreams(long durationNs) {
        synchronized (lock) {
            core.suppressStreamsUntil(bootTimeNs() + durationNs);
        }
    }

    /**
     * Fault injection: the link is cut both ways for {@code durationNs} from now ({@link Long#MAX_VALUE}: for good);
     * see {@link SimulatedAutopilot#cutLinkUntil}.
     */
    public void cutLink(long durationNs) {
        synchronized (lock) {
            long now = bootTimeNs();
            core.cutLinkUntil(durationNs == Long.MAX_VALUE || now + durationNs < now ? Long.MAX_VALUE
                    : now + durationNs, now);
        }
    }

    /**
     * The pilot flips the RC mode switch: the autopilot enters {@code mode} (one of its own: a {@link Px4Mode} or a
     * {@link CopterMode}) at once.
     */
    public void pilotSelectsMode(VfcMode mode) {
        synchronized (lock) {
            core.pilotSelectsMode(mode, bootTimeNs());
        }
    }

    /** The pilot arms from the RC transmitter. */
    public void pilotArms() {
        synchronized (lock) {
            core.pilotArms(bootTimeNs());
        }
    }

    /** Fault injection: a steady external force, NWU, N. */
    public void setWindForce(double fxNwuN, double fyNwuN, double fzNwuN) {
        synchronized (lock) {
            core.setWindForce(fxNwuN, fyNwuN, fzNwuN);
        }
    }

    /** Fault injection: refuse every arming request while {@code reason} is not null (a failed pre-arm check). */
    public void refuseArming(String reason) {
        synchronized (lock) {
            core.refuseArming(reason);
        }
    }

    /** MAV_STATE names of the companion's HEARTBEATs so far, in order. */
    public List<String> companionStatuses() {
        synchronized (lock) {
            return core.companionStatuses();
        }
    }

    /** Whether the vehicle is armed. */
    public boolean isArmed() {
        synchronized (lock) {
            return core.isArmed();
        }
    }

    /** The autopilot's current mode. */
    public VfcMode mode() {
        synchronized (lock) {
            return core.mode();
        }
    }

    /** How the autopilot describes itself ("PX4-like", "ArduCopter-like"). */
    public String describe() {
        return core.describe();
    }

    /** The value of autopilot parameter {@code name} now, or NaN when the stack does not model it. */
    public double parameter(String name) {
        synchronized (lock) {
            return core.parameter(name);
        }
    }

    /** The STATUSTEXT messages sent so far, in order. */
    public List<String> statusTexts() {
        synchronized (lock) {
            return core.statusTexts();
        }
    }

    /** Whether the vehicle rests on the ground. */
    public boolean isOnGround() {
        synchronized (lock) {
            return core.isOnGround();
        }
    }

    /** The autopilot's event log (mode changes, arming, refusals). */
    public List<String> events() {
        synchronized (lock) {
            return core.events();
        }
    }

    /** SET_ATTITUDE_TARGET messages received. */
    public long setpointsReceived() {
        synchronized (lock) {
            return core.setpointsReceived();
        }
    }

    /** SET_ATTITUDE_TARGET messages not flown (another system, a mode that does not take them, ill-formed). */
    public long setpointsIgnored() {
        synchronized (lock) {
            return core.setpointsIgnored();
        }
    }

    /** Settings in use. */
    public VfcConfig config() {
        return config;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transport.close();
    }
}
