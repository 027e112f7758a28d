package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimServeCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = SpikepilotCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void servesForTheGivenDurationAndSaysWhatItSimulated() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0)) {
            port = probe.getLocalPort();
        }
        assertEquals(0, run("sim", "serve", "--link", "udp://127.0.0.1:" + port + "?remote=127.0.0.1:9",
                "--duration", "0.3", "--status-every", "0.1"));
        String text = out.toString();
        assertTrue(text.contains("PX4-like x500 on udp://127.0.0.1:" + port), text);
        assertTrue(text.contains("POSITION, disarmed, altitude 0.00 m"), text);
        assertTrue(text.contains("0 setpoints received, disarmed, on the ground"), text);
    }

    @Test
    void servesAnArduCopterWithItsParameters() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0)) {
            port = probe.getLocalPort();
        }
        assertEquals(0, run("sim", "serve", "--autopilot", "ardupilot", "--param", "GUID_TIMEOUT=2",
                "--link", "udp://127.0.0.1:" + port + "?remote=127.0.0.1:9", "--duration", "0.3",
                "--status-every", "0.1"), err.toString());
        String text = out.toString();
        assertTrue(text.contains("ArduCopter-like x500 on udp://127.0.0.1:" + port), text);
        assertTrue(text.contains("parameters GUID_OPTIONS=8 GUID_TIMEOUT=2"), text);
        assertTrue(text.contains("STABILIZE, disarmed, altitude 0.00 m"), text);
    }

    @Test
    void aParameterOutOfRangeOrUnknownIsReportedWithStatus2() {
        assertEquals(2, run("sim", "serve", "--autopilot", "ardupilot", "--param", "GUID_TIMEOUT=9"));
        assertTrue(err.toString().contains("--param: virtual flight controller: field 'parameters': parameter "
                + "GUID_TIMEOUT expected a value in [0.1, 5], found 9"), err.toString());
        assertEquals(2, run("sim", "serve", "--param", "GUID_OPTIONS=8"));
        assertTrue(err.toString().contains("no parameter GUID_OPTIONS (this autopilot models none)"),
                err.toString());
        assertEquals(2, run("sim", "serve", "--autopilot", "ardupilot", "--param", "GUID_OPTIONS"));
        assertTrue(err.toString().contains("--param: expected NAME=VALUE with a finite number, found "
                + "'GUID_OPTIONS'"), err.toString());
        assertEquals(2, run("sim", "serve", "--autopilot", "inav"));
        assertTrue(err.toString().contains("--autopilot: expected px4 or ardupilot, found 'inav'"), err.toString());
    }

    @Test
    void unknownAirframeIsReportedWithStatus2() {
        assertEquals(2, run("sim", "serve", "--airframe", "x400"));
        assertTrue(err.toString().contains("expected one of [crazyflie, x500]"), err.toString());
    }

    @Test
    void aPortThatCannotBeOpenedIsReportedWithStatus2() {
        assertEquals(2, run("sim", "serve", "--link", "serial:///dev/no-such-tty?baud=921600"));
        assertTrue(err.toString().contains("/dev/no-such-tty does not exist"), err.toString());
    }

    @Test
    void aRateOutOfRangeNamesTheField() {
        assertEquals(2, run("sim", "serve", "--attitude-rate-hz", "0"));
        assertTrue(err.toString().contains("--attitude-rate-hz expected a number in [0.1, 1000], found 0"),
                err.toString());
    }
}
