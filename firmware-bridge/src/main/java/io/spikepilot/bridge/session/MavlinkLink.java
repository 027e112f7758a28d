package io.spikepilot.bridge.session;

import io.spikepilot.bridge.codec.FrameListener;
import io.spikepilot.bridge.codec.FrameReader;
import io.spikepilot.bridge.codec.MavlinkFrame;
import io.spikepilot.bridge.codec.MessageCatalog;
import io.spikepilot.bridge.state.LinkHealth;
import io.spikepilot.bridge.signing.SignatureVerifier;
import io.spikepilot.bridge.signing.SigningKey;
import io.spikepilot.bridge.state.StateAssembler;
import io.spikepilot.bridge.tlog.TlogFormat;
import io.spikepilot.bridge.tlog.TlogWriter;
import io.spikepilot.bridge.transport.ByteSink;
import io.spikepilot.bridge.transport.Transport;
import io.spikepilot.bridge.transport.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One MAVLink link: bytes from the transport go through the frame reader on the transport's reader thread into the
 * link health, the flight log, the state assembler and the session's listeners; frames to send go to the transport
 * and the log.
 *
 * <p>Log timestamps are Unix µs derived from the monotonic time the callers pass in plus an offset fixed when the
 * link is made, so neither the reader thread nor the loop reads a wall clock per frame.
 */
public final class MavlinkLink implements ByteSink, FrameListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MavlinkLink.class);

    private final Transport transport;
    private final FrameReader reader;
    private final LinkHealth health = new LinkHealth();
    private final StateAssembler assembler;
    private final TlogWriter tlog;
    private final long unixOffsetUs;
    private final CopyOnWriteArrayList<FrameListener> listeners = new CopyOnWriteArrayList<>();
    /** Where verified frames go: the assembler and the listeners. */
    private final FrameListener consumers = this::deliverToConsumers;
    private volatile SignatureVerifier verifier;
    private volatile long listenerFailures;
    private volatile boolean discardPending;

    /**
     * @param transport   the byte link, not started yet
     * @param assembler   where hot messages go
     * @param tlog        where every frame is logged, or null
     * @param unixUsAtT0  Unix time in µs at monotonic time {@code monoNsAtT0}
     * @param monoNsAtT0  the monotonic clock reading taken together with {@code unixUsAtT0}
     */
    public MavlinkLink(Transport transport, StateAssembler assembler, TlogWriter tlog, long unixUsAtT0,
                       long monoNsAtT0) {
        this.transport = transport;
        this.assembler = assembler;
        this.tlog = tlog;
        this.unixOffsetUs = unixUsAtT0 - monoNsAtT0 / 1000;
        this.reader = new FrameReader(MessageCatalog.standard(), this);
    }

    /**
     * Requires MAVLink 2 signatures on incoming frames before they reach the state or the session (the log still gets
     * every frame). Call before {@link #start()}.
     */
    public void requireSignatures(SigningKey key, boolean acceptUnsigned) {
        verifier = new SignatureVerifier(key, acceptUnsigned, consumers);
    }

    /** The verifier in use, or null when signatures are not checked. */
    public SignatureVerifier signatureVerifier() {
        return verifier;
    }

    /** Opens the transport; from now on frames flow. */
    public void start() throws TransportException {
        transport.start(this);
    }

    /** Adds a listener called on the reader thread for every frame (after the assembler). */
    public void addListener(FrameListener listener) {
        listeners.add(listener);
    }

    public void removeListener(FrameListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void onBytes(byte[] data, int offset, int length, long nowNs) {
        if (discardPending) {
            discardPending = false;
            reader.discardPartial();
        }
        reader.accept(data, offset, length, nowNs);
        health.update(reader, nowNs);
    }

    @Override
    public void onLinkUp(String description, long nowNs) {
        LOG.info("link up: {}", description);
    }

    @Override
    public void onLinkDown(String reason, long nowNs) {
        // May come from the writer thread: leave the reader to its own thread, which drops the partial frame
        // (bytes from before the break) when the next bytes arrive.
        discardPending = true;
        LOG.warn("link down: {}", reason);
    }

    @Override
    public void onFrame(MavlinkFrame frame, long receivedNs) {
        health.onFrame(frame, receivedNs);
        if (tlog != null) {
            tlog.offer(TlogFormat.encodeTimestamp(unixUs(receivedNs), 0), frame.rawBytes(), 0, frame.frameLength());
        }
        SignatureVerifier v = verifier;
        if (v != null) {
            v.onFrame(frame, receivedNs);
        } else {
            deliverToConsumers(frame, receivedNs);
        }
    }

    private void deliverToConsumers(MavlinkFrame frame, long receivedNs) {
        assembler.onFrame(frame, receivedNs);
        for (int i = 0, n = listeners.size(); i < n; i++) {
            try {
                listeners.get(i).onFrame(frame, receivedNs);
            } catch (RuntimeException e) {
                // A listener's bug must not kill the reader thread: the state would silently stop updating.
                listenerFailures++;
                LOG.error("frame listener failed on message {} from {}/{}: {}", frame.messageId(), frame.systemId(),
                        frame.componentId(), e.toString());
            }
        }
    }

    /** Exceptions thrown by listeners (each one logged). */
    public long listenerFailures() {
        return listenerFailures;
    }

    /** Sends one encoded frame and logs it; never blocks. {@code nowNs} is the caller's monotonic time. */
    public boolean transmit(byte[] frame, int length, long nowNs) {
        boolean sent = transport.send(frame, 0, length);
        if (sent && tlog != null) {
            tlog.offer(TlogFormat.encodeTimestamp(unixUs(nowNs), 0), frame, 0, length);
        }
        return sent;
    }

    /** Unix µs for a monotonic time on this link's clock. */
    public long unixUs(long monoNs) {
        return unixOffsetUs + monoNs / 1000;
    }

    public LinkHealth health() {
        return health;
    }

    public StateAssembler assembler() {
        return assembler;
    }

    public Transport transport() {
        return transport;
    }

    @Override
    public void close() {
        transport.close();
    }
}
