package io.spikepilot.flight.record;

import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.HandOverBlock;
import io.spikepilot.controller.supervisor.HandOverStatus;
import io.spikepilot.controller.supervisor.OperatorCommand;
import io.spikepilot.controller.supervisor.SupervisorConfig;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the operator why a request for the SNN has not turned into a hand-over, from the supervisor's
 * {@link HandOverStatus} in each tick record: at the tick that takes the request, then about once a second of tick
 * time while it is pending, and once more when it ends (engaged, or dropped by a fault, a release or a landing).
 * Without it, {@code fly --engage-snn-after 8} said "asked for the SNN after 8.0 s" and then nothing until landing.
 *
 * <p>Fed by the logger thread ({@link TraceFileWriter}); {@link #outlookForEngage()} and {@link #summaryLine()} are
 * read by the telemetry thread (a ground command's ack) and the flight procedure (the summary), hence the lock. Off
 * the tick thread, so it may format and allocate.
 */
public final class HandOverNarrator {
    private static final Logger LOG = LoggerFactory.getLogger("spikepilot.flight");
    /** Tick time between two reminders of a pending request, ns. */
    static final long REPEAT_NS = 1_000_000_000L;

    /** Where a line goes besides the log. */
    @FunctionalInterface
    public interface Listener {
        /** {@code line} was said at the tick of time {@code tickNowNs}. */
        void told(long tickNowNs, String line);
    }

    private final SupervisorConfig config;
    private final Listener listener;

    // logger thread only
    private boolean pending;
    private long requestNs;
    private long lastToldNs;

    // shared, under this
    private final HandOverStatus latest = new HandOverStatus();
    private final HandOverStatus lastBlock = new HandOverStatus();
    private boolean sawTick;
    private boolean blockSeen;
    private long requests;
    private long engagements;

    public HandOverNarrator(SupervisorConfig config) {
        this(config, (t, line) -> { });
    }

    /** @param listener also gets every line (the demo's console, a test) */
    public HandOverNarrator(SupervisorConfig config, Listener listener) {
        this.config = config;
        this.listener = listener;
    }

    private void tell(long tickNowNs, String line) {
        LOG.info(line);
        listener.told(tickNowNs, line);
    }

    /** One tick record, in tick order (logger thread). */
    public void accept(TickRecord r) {
        HandOverStatus s = r.handOver;
        boolean asked = r.command == OperatorCommand.ENGAGE_SNN.ordinal();
        boolean engagedNow = r.transitioned && r.mode == FlightMode.SNN.ordinal();
        synchronized (this) {
            latest.copyFrom(s);
            sawTick = true;
            if (asked) {
                requests++;
            }
            if (engagedNow) {
                engagements++;
            }
            if ((asked || s.requested) && s.blocked()) {
                lastBlock.copyFrom(s);
                blockSeen = true;
            }
        }
        if (asked) {
            if (engagedNow) {
                tell(r.nowNs, "SNN asked for at tick " + r.tick + ": nothing blocks, it takes over at once");
            } else if (!s.requested) {
                tell(r.nowNs, "SNN asked for at tick " + r.tick + ": not taken (" + s.describe(config) + ")");
            } else {
                tell(r.nowNs, "SNN asked for at tick " + r.tick + ": the hand-over waits for " + s.block + ": "
                        + s.describe(config));
                pending = true;
                requestNs = r.nowNs;
                lastToldNs = r.nowNs;
            }
            return;
        }
        if (!pending && s.requested && r.mode == FlightMode.PID.ordinal()) {
            // the record with the request was lost from the ring: pick the request up from the supervisor's latch
            pending = true;
            requestNs = r.nowNs;
            lastToldNs = r.nowNs - REPEAT_NS;
        }
        if (!pending) {
            return;
        }
        double waitedS = (r.nowNs - requestNs) * 1e-9;
        if (r.mode == FlightMode.SNN.ordinal()) {
            pending = false;
            tell(r.nowNs, String.format(Locale.ROOT, "SNN engaged %.1f s after the request", waitedS));
        } else if (!s.requested) {
            pending = false;
            String why = s.block == HandOverBlock.NOT_IN_PID ? "mode " + s.mode
                    : "mode " + s.mode + ", " + s.describe(config);
            tell(r.nowNs, String.format(Locale.ROOT, "SNN request dropped after %.1f s without a hand-over (%s); it "
                    + "needs a new request", waitedS, why));
        } else if (r.nowNs - lastToldNs >= REPEAT_NS) {
            lastToldNs = r.nowNs;
            tell(r.nowNs, String.format(Locale.ROOT, "SNN hand-over pending for %.1f s, waits for %s: %s", waitedS,
                    s.block, s.describe(config)));
        }
    }

    /**
     * What a just-accepted {@code engage_snn} will meet, for its ack: null when the SNN flies already (nothing to
     * say), else whether it takes over at the next tick or what it waits for, with the numbers.
     */
    public synchronized String outlookForEngage() {
        if (!sawTick) {
            return "the loop has not ticked yet";
        }
        if (latest.block == HandOverBlock.ENGAGED) {
            return null;
        }
        if (latest.block == HandOverBlock.READY) {
            return "nothing blocks: the SNN takes over at the next tick";
        }
        return "the hand-over waits for " + latest.block + ": " + latest.describe(config);
    }

    /** The flight summary's line on the SNN: how often it engaged, or that it never did and what blocked it last. */
    public synchronized String summaryLine() {
        if (engagements > 0) {
            return "SNN engaged " + engagements + (engagements == 1 ? " time" : " times") + " (asked for " + requests
                    + ")";
        }
        if (requests == 0) {
            return "SNN never engaged: it was never asked for";
        }
        if (!blockSeen) {
            return "SNN never engaged: asked for " + requests + (requests == 1 ? " time" : " times");
        }
        return "SNN never engaged: asked for " + requests + (requests == 1 ? " time" : " times")
                + "; last blocked by " + lastBlock.block + ": " + lastBlock.describe(config);
    }
}
