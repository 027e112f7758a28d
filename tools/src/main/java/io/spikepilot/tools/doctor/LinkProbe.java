package io.spikepilot.tools.doctor;

import io.spikepilot.bridge.codec.AttitudeQuaternionMessage;
import io.spikepilot.bridge.codec.LocalPositionNedMessage;
import io.spikepilot.bridge.session.Autopilot;
import io.spikepilot.bridge.session.MavlinkLink;
import io.spikepilot.bridge.session.SessionConfig;
import io.spikepilot.bridge.session.SessionException;
import io.spikepilot.bridge.session.VehicleSession;
import io.spikepilot.bridge.state.LinkHealth;
import io.spikepilot.bridge.state.StateAssembler;
import io.spikepilot.bridge.transport.Transport;
import io.spikepilot.bridge.transport.TransportException;
import io.spikepilot.bridge.transport.TransportUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Listens on the autopilot link the way {@code fly} connects to it (the same transport, frame reader, link health and
 * vehicle session), and says what it heard: whether bytes arrive and parse as MAVLink (on a UART, garbage means the
 * wrong baud), which autopilot sends heartbeats and with which ids, and the rates of the two state streams {@code fly}
 * requests, measured after asking for them as {@code fly} does. Commands nothing but the stream rates.
 */
public final class LinkProbe {
    private static final String LINK = "mavlink on the link";
    private static final String AUTOPILOT = "autopilot";
    private static final String STREAMS = "state streams";
    /** Below this share of bad bytes a line counts as clean (a boot banner or a dropped byte now and then). */
    private static final double NOISY_SHARE = 0.01;
    /** Above this share of bad bytes the line carries something else, or MAVLink at another baud rate. */
    private static final double GARBAGE_SHARE = 0.5;

    /**
     * What the flight configuration expects of the link.
     *
     * @param autopilot    px4 or ardupilot (link.autopilot)
     * @param systemId     the vehicle's system id (link.system_id)
     * @param componentId  the autopilot's component id (link.component_id)
     * @param streamRateHz the rate requested for each state stream (link.stream_rate_hz)
     * @param minStreamHz  the slowest stream {@code fly} arms with (link.min_stream_hz)
     * @param source       where these came from, for the messages (a file name)
     */
    public record Expectation(String autopilot, int systemId, int componentId, double streamRateHz,
                              double minStreamHz, String source) {
    }

    private final String url;
    private final Expectation expected;
    private final long heartbeatWaitMs;
    private final long measureMs;

    /**
     * @param url             the link URL, as {@code fly --link} takes it (already checked with {@link
     *                        TransportUrl#parse})
     * @param heartbeatWaitMs how long to wait for the autopilot's first heartbeat
     * @param measureMs       how long to measure the streams once requested (at least two rate windows of 1 s)
     */
    public LinkProbe(String url, Expectation expected, long heartbeatWaitMs, long measureMs) {
        this.url = url;
        this.expected = expected;
        this.heartbeatWaitMs = heartbeatWaitMs;
        this.measureMs = Math.max(measureMs, 2 * LinkHealth.WINDOW_NS / 1_000_000L + 200);
    }

    /** The rows: the serial device (serial links only), then the link, the autopilot and its streams. */
    public List<Check> run() throws InterruptedException {
        List<Check> rows = new ArrayList<>();
        TransportUrl.Link link;
        try {
            link = TransportUrl.parse(url);
        } catch (TransportException e) {
            rows.add(Check.fail(LINK, e.getMessage(), "pass --link a URL such as serial:///dev/ttyAMA0?baud=921600 "
                    + "or udp://:14540"));
            return rows;
        }
        boolean serial = link.scheme().equals("serial");
        if (serial) {
            Check device = SerialDeviceCheck.of(link.device());
            rows.add(device);
            if (device.verdict() == Verdict.FAIL) {
                notTried(rows, "the serial device check failed");
                return rows;
            }
        }
        Transport transport;
        try {
            transport = TransportUrl.open(url, System::nanoTime);
        } catch (TransportException e) {
            rows.add(Check.fail(LINK, e.getMessage(), "check the link URL"));
            return rows;
        }
        long mono0 = System.nanoTime();
        StateAssembler assembler = new StateAssembler(expected.systemId(), expected.componentId());
        try (MavlinkLink mavlink = new MavlinkLink(transport, assembler, null, System.currentTimeMillis() * 1000L,
                mono0)) {
            try {
                mavlink.start();
            } catch (TransportException e) {
                rows.add(Check.fail(LINK, "cannot open " + url + ": " + e.getMessage(), serial
                        ? "free the port, or fix what the message names" : "free the port or pick another one"));
                return rows;
            }
            SessionConfig config = new SessionConfig();
            config.systemId = expected.systemId();
            // doctor's requests are two stream rates: answer quickly rather than retry like a flight does
            config.ackTimeoutMs = 700;
            config.commandAttempts = 2;
            VehicleSession session = new VehicleSession(mavlink, config, System::nanoTime);
            session.start();
            try {
                probe(rows, mavlink, session, link, serial);
            } finally {
                session.close();
            }
        }
        return rows;
    }

    private void probe(List<Check> rows, MavlinkLink mavlink, VehicleSession session, TransportUrl.Link link,
                       boolean serial) throws InterruptedException {
        long startNs = System.nanoTime();
        Autopilot autopilot = null;
        try {
            autopilot = session.awaitAutopilot(heartbeatWaitMs);
        } catch (SessionException e) {
            // told below from the link's counters
        }
        int linkRow = rows.size();
        if (autopilot == null) {
            rows.add(linkCheck(mavlink.health(), System.nanoTime() - startNs, link, serial));
            rows.add(Check.fail(AUTOPILOT, "no autopilot HEARTBEAT within " + heartbeatWaitMs + " ms",
                    rows.get(linkRow).verdict() == Verdict.FAIL ? "fix the link first (above)"
                            : "the frames on the link are not an autopilot's: check that the flight controller, not "
                            + "a ground station or a camera, is on the other end"));
            rows.add(Check.skip(STREAMS, "not requested: no autopilot"));
            return;
        }
        rows.add(autopilotCheck(autopilot, session));
        List<String> refused = new ArrayList<>();
        request(session, LocalPositionNedMessage.ID, "LOCAL_POSITION_NED", refused);
        request(session, AttitudeQuaternionMessage.ID, "ATTITUDE_QUATERNION", refused);
        Thread.sleep(measureMs);
        long now = System.nanoTime();
        float positionHz = mavlink.health().rateHz(LocalPositionNedMessage.ID, now);
        float attitudeHz = mavlink.health().rateHz(AttitudeQuaternionMessage.ID, now);
        rows.add(linkRow, linkCheck(mavlink.health(), now - startNs, link, serial));
        rows.add(streamsCheck(positionHz, attitudeHz, refused, autopilot));
    }

    private void request(VehicleSession session, int id, String name, List<String> refused) {
        try {
            session.requestMessageInterval(id, expected.streamRateHz());
        } catch (SessionException e) {
            refused.add(name);
        }
    }

    private Check linkCheck(LinkHealth health, long elapsedNs, TransportUrl.Link link, boolean serial) {
        long bytes = health.bytesIn();
        long frames = health.framesAccepted();
        long bad = health.badBytes();
        String where = serial ? link.device() + " at " + link.baud() + " baud" : url;
        String counts = String.format(Locale.ROOT, "%d bytes, %d MAVLink frames, %d bad bytes, %d CRC failures in "
                + "%.1f s on %s", bytes, frames, bad, health.crcFailures(), elapsedNs * 1e-9, where);
        if (bytes == 0) {
            return Check.fail(LINK, "nothing received: " + counts, serial
                    ? "check the wiring (the autopilot's TX to the companion's RX, and RX to TX, common ground) and "
                    + "that the autopilot runs MAVLink on that port (PX4: MAV_1_CONFIG = TELEM 2, MAV_1_MODE = "
                    + "Onboard; ArduPilot: SERIAL2_PROTOCOL = 2)"
                    : "check that the autopilot (or SITL) sends to this address and port, and no firewall drops it");
        }
        double badShare = (double) bad / bytes;
        if (frames == 0 || badShare > GARBAGE_SHARE) {
            // random bytes frame now and then (MAVLink 1's checksum is 16 bits): a few frames do not make a link
            return Check.fail(LINK, String.format(Locale.ROOT, "bytes arrive but %.1f%% of them do not parse as "
                    + "MAVLink: %s", 100 * badShare, counts), serial
                    ? "the baud rate is likely wrong: make baud=" + link.baud() + " in the URL match the autopilot's "
                    + "(PX4: SER_TEL2_BAUD, ArduPilot: SERIAL2_BAUD; 921600 is usual), and check that no serial "
                    + "console or other protocol (GPS, RC) runs on this port"
                    : "something other than MAVLink sends to this port: check the port number");
        }
        if (badShare > NOISY_SHARE) {
            return Check.warn(LINK, String.format(Locale.ROOT, "%s: %.1f%% of the bytes are not MAVLink", counts,
                    100 * badShare), serial ? "a noisy line: shorten or shield the cable, check the common ground, "
                    + "or lower both ends' baud rate together" : "another sender shares this port: give it its own");
        }
        return Check.pass(LINK, counts);
    }

    private Check autopilotCheck(Autopilot autopilot, VehicleSession session) {
        String finding = String.format(Locale.ROOT, "%s, system %d, component %d", autopilot,
                session.autopilotSystemId(), session.autopilotComponentId());
        Autopilot wanted = expected.autopilot().equals("px4") ? Autopilot.PX4 : Autopilot.ARDUPILOT;
        if (autopilot != wanted) {
            return Check.fail(AUTOPILOT, finding + ", but " + expected.source() + " says link.autopilot: "
                    + expected.autopilot(), autopilot == Autopilot.OTHER
                    ? "spikepilot flies PX4 and ArduPilot only" : "set link.autopilot: "
                    + autopilot.name().toLowerCase(Locale.ROOT) + " in " + expected.source());
        }
        if (session.autopilotSystemId() != expected.systemId()
                || session.autopilotComponentId() != expected.componentId()) {
            return Check.fail(AUTOPILOT, finding + ", but " + expected.source() + " says link.system_id "
                    + expected.systemId() + ", link.component_id " + expected.componentId() + ": fly would ignore "
                    + "its state", "set link.system_id: " + session.autopilotSystemId() + " and link.component_id: "
                    + session.autopilotComponentId() + " in " + expected.source() + " (or the autopilot's MAV_SYS_ID "
                    + "/ SYSID_THISMAV to " + expected.systemId() + ")");
        }
        return Check.pass(AUTOPILOT, finding);
    }

    private Check streamsCheck(float positionHz, float attitudeHz, List<String> refused, Autopilot autopilot) {
        String finding = String.format(Locale.ROOT, "LOCAL_POSITION_NED %.1f Hz, ATTITUDE_QUATERNION %.1f Hz after "
                + "asking for %.0f Hz (link.stream_rate_hz; fly arms from %.0f Hz, link.min_stream_hz)%s", positionHz,
                attitudeHz, expected.streamRateHz(), expected.minStreamHz(),
                refused.isEmpty() ? "" : "; no acceptance of the request for " + String.join(" and ", refused));
        float slowest = Math.min(positionHz, attitudeHz);
        String configure = autopilot == Autopilot.PX4
                ? "let PX4 stream them: it answers SET_MESSAGE_INTERVAL on an Onboard-mode MAVLink instance "
                + "(MAV_1_MODE = Onboard), or add 'mavlink stream -d /dev/ttyS2 -s ATTITUDE_QUATERNION -r "
                + Math.round(expected.streamRateHz()) + "' (and LOCAL_POSITION_NED) to the SD card's etc/extras.txt; "
                + "a position estimate needs a position source (flow, vision, GPS) for LOCAL_POSITION_NED"
                : "let ArduPilot stream them: SR2_POSITION and SR2_EXTRA1 (for the second serial port) at "
                + Math.round(expected.streamRateHz()) + " Hz, and a position source for LOCAL_POSITION_NED";
        if (slowest < expected.minStreamHz()) {
            return Check.fail(STREAMS, finding, configure + "; a slow UART cannot carry them: 921600 baud carries "
                    + "both at 100 Hz, 57600 does not");
        }
        if (slowest < 0.9 * expected.streamRateHz()) {
            return Check.warn(STREAMS, finding, configure + ", or lower link.stream_rate_hz to what arrives");
        }
        return Check.pass(STREAMS, finding);
    }

    private static void notTried(List<Check> rows, String why) {
        rows.add(Check.skip(LINK, "not opened: " + why));
        rows.add(Check.skip(AUTOPILOT, "not looked for: " + why));
        rows.add(Check.skip(STREAMS, "not requested: " + why));
    }
}
