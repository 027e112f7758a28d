package io.spikepilot.tools;

import io.spikepilot.bridge.transport.TransportException;
import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.simulator.airframe.Airframe;
import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.simulator.vfc.VfcAutopilot;
import io.spikepilot.simulator.vfc.VfcConfig;
import io.spikepilot.simulator.vfc.VirtualFlightController;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import io.spikepilot.tools.cli.CheckedOptions;
import io.spikepilot.tools.cli.OptionChecks;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spikepilot sim serve}: the virtual flight controller of the demo (PX4 or ArduCopter) as a process of its
 * own, so that {@code spikepilot fly}, QGroundControl or any MAVLink tool can be tested against a simulated vehicle
 * over UDP, TCP or a serial line.
 */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Serves a simulated PX4-like (or ArduCopter-like) vehicle over MAVLink for bench tests.",
            "",
            "The vehicle sits on the ground, disarmed, in POSITION mode, and streams HEARTBEAT, "
                    + "ATTITUDE_QUATERNION and LOCAL_POSITION_NED like PX4's onboard link. It answers "
                    + "SET_MESSAGE_INTERVAL, mode changes (OFFBOARD once setpoints stream, AUTO.LOITER, "
                    + "AUTO.LAND, POSCTL) and arming, and flies SET_ATTITUDE_TARGET through a PX4-like attitude "
                    + "and rate loop. Fly it from another terminal, e.g.:",
            "",
            "  spikepilot sim serve",
            "  spikepilot fly --link udp://:14540 --policy pid \\",
            "      --config src/config/flight.yaml --duration 20",
            "",
            "Over a serial line through a pty pair (socat pty,link=/tmp/ttyFC,raw,echo=0 "
                    + "pty,link=/tmp/ttyCC,raw,echo=0):",
            "  spikepilot sim serve --link serial:///tmp/ttyFC?baud=921600",
            "",
            "With --autopilot ardupilot it is an ArduCopter instead: it boots disarmed in STABILIZE, heartbeats "
                    + "as MAV_AUTOPILOT_ARDUPILOTMEGA with ArduCopter's mode numbers, streams ATTITUDE and "
                    + "LOCAL_POSITION_NED (SRx_EXTRA1 and SRx_POSITION; REQUEST_DATA_STREAM and "
                    + "SET_MESSAGE_INTERVAL change them), takes SET_ATTITUDE_TARGET in GUIDED and GUIDED_NOGPS with "
                    + "GUID_OPTIONS' reading of thrust, levels out and holds altitude after GUID_TIMEOUT, answers "
                    + "parameter requests, and refuses arming with PreArm STATUSTEXT. Fly it with a flight config "
                    + "whose link.autopilot is ardupilot.",
            "",
            "Prints the autopilot's events as they happen and a status line every --status-every seconds. Runs "
                    + "until Ctrl-C, --duration, or (with --exit-after-flight) 3 s after the first disarm that "
                    + "follows an arming."})
public final class SimServeCommand implements Callable<Integer>, CheckedOptions {
    private static final long NOT_YET = Long.MIN_VALUE;
    /** Three heartbeat periods. */
    private static final long LINGER_AFTER_FLIGHT_NS = 3_000_000_000L;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--link", paramLabel = "URL", defaultValue = "udp://127.0.0.1:14580?remote=127.0.0.1:14540",
            description = "Where the vehicle listens and whom it talks to (PX4 SITL's ports by default). "
                    + "Default: ${DEFAULT-VALUE}")
    String link;

    @Option(names = "--autopilot", paramLabel = "px4|ardupilot", defaultValue = "px4",
            description = "The flight stack imitated. Default: ${DEFAULT-VALUE}")
    String autopilot;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "An autopilot parameter at boot, repeatable (ardupilot: GUID_OPTIONS, GUID_TIMEOUT, "
                    + "WPNAV_SPEED_UP, WPNAV_SPEED_DN, LAND_SPEED). The ArduCopter starts with GUID_OPTIONS=8 "
                    + "(thrust, as spikepilot sends it); --param GUID_OPTIONS=0 gives ArduCopter's own default.")
    List<String> params;

    @Option(names = "--airframe", paramLabel = "NAME|FILE", defaultValue = Airframes.X500,
            description = "Bundled airframe (crazyflie, x500) or an airframe YAML file. Default: ${DEFAULT-VALUE}")
    String airframe;

    @Option(names = "--attitude-rate-hz",
            description = "ATTITUDE_QUATERNION rate (ardupilot: ATTITUDE, the SRx_EXTRA1 group) until asked for "
                    + "another, Hz. Default: 50 for px4 (its onboard link); none for ardupilot (ArduCopter's SRx_ "
                    + "rates default to 0).")
    Double attitudeRateHz;

    @Option(names = "--position-rate-hz",
            description = "LOCAL_POSITION_NED rate (ardupilot: the SRx_POSITION group) until asked for another, Hz. "
                    + "Default: 30 for px4; none for ardupilot.")
    Double positionRateHz;

    @Option(names = "--wind-n", arity = "3", paramLabel = "N",
            description = "A steady external force on the vehicle, north west up, newtons (three numbers).")
    double[] windNwuN;

    @Option(names = "--duration", defaultValue = "0",
            description = "Stop after this many seconds (0: run until Ctrl-C). Default: ${DEFAULT-VALUE}")
    double durationS;

    @Option(names = "--exit-after-flight",
            description = "Stop 3 s after the first disarm that follows an arming (e.g. after a landing).")
    boolean exitAfterFlight;

    @Option(names = "--status-every", defaultValue = "5",
            description = "Seconds between status lines (0: none). Default: ${DEFAULT-VALUE}")
    double statusEveryS;

    @Override
    public void checkOptions() {
        OptionChecks check = OptionChecks.of(spec)
                .parses("--autopilot", autopilot, VfcAutopilot::parse)
                .parses("--link", link, FlyCommand::parseLink)
                .parses("--airframe", airframe, Airframes::resolve)
                .atLeast("--duration", durationS, 0)
                .atLeast("--status-every", statusEveryS, 0);
        if (attitudeRateHz != null) {
            check.inRange("--attitude-rate-hz", attitudeRateHz, 0.1, 1000);
        }
        if (positionRateHz != null) {
            check.inRange("--position-rate-hz", positionRateHz, 0.1, 1000);
        }
        if (windNwuN != null) {
            for (double w : windNwuN) {
                check.finite("--wind-n", w);
            }
        }
        check.parses("--param", params, p -> vfcConfig(p)); // last: it builds the settings from the others
    }

    /** The autopilot's settings from the options; IllegalArgumentException naming the bad --param. */
    private VfcConfig vfcConfig(List<String> parameters) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String p : parameters == null ? List.<String>of() : parameters) {
            int eq = p.indexOf('=');
            double value;
            try {
                value = eq > 0 ? Double.parseDouble(p.substring(eq + 1).trim()) : Double.NaN;
            } catch (NumberFormatException e) {
                value = Double.NaN;
            }
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("expected NAME=VALUE with a finite number, found '" + p + "'");
            }
            values.put(p.substring(0, eq).trim(), value);
        }
        VfcConfig config = VfcConfig.defaults(VfcAutopilot.parse(autopilot)).withLink(link);
        config = config.withRates(attitudeRateHz != null ? attitudeRateHz : config.attitudeRateHz(),
                positionRateHz != null ? positionRateHz : config.positionRateHz());
        for (Map.Entry<String, Double> v : values.entrySet()) {
            config = config.withParameter(v.getKey(), v.getValue());
        }
        return config;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Airframe vehicle;
        VfcConfig config;
        try {
            vehicle = Airframes.resolve(airframe);
            config = vfcConfig(params);
            if (durationS < 0 || statusEveryS < 0) {
                throw new IllegalArgumentException("--duration and --status-every expected >= 0 s, found "
                        + durationS + " and " + statusEveryS);
            }
        } catch (IllegalArgumentException e) {
            err.println("spikepilot sim serve: " + e.getMessage());
            return 2;
        }
        VirtualFlightController vfc;
        try {
            vfc = new VirtualFlightController(config, vehicle, EnvConfig.defaultAttitudeLimits(vehicle));
        } catch (TransportException e) {
            err.println("spikepilot sim serve: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        // Ctrl-C: stop serving, then give the main thread a moment to print the summary and close the port.
        Thread hook = new Thread(() -> {
            stopped.countDown();
            try {
                closed.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sim-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (vfc) {
            if (windNwuN != null) {
                vfc.setWindForce(windNwuN[0], windNwuN[1], windNwuN[2]);
            }
            out.printf(Locale.ROOT, "spikepilot sim serve: %s %s on %s (system %d, component %d)%s%n",
                    vfc.describe(), vehicle.name(), link, config.systemId(), config.componentId(),
                    config.parameters().isEmpty() ? "" : ", parameters " + describe(config.parameters()));
            out.flush();
            serve(vfc, out, stopped);
            out.printf(Locale.ROOT, "stopped after %.1f s: %d setpoints received, %s, %s%n", vfc.bootTimeNs() * 1e-9,
                    vfc.setpointsReceived(), vfc.isArmed() ? "armed" : "disarmed",
                    vfc.isOnGround() ? "on the ground" : "in the air");
            out.flush();
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the JVM is already running the hook; nothing to remove.
            }
        }
        return 0;
    }

    /** Prints events and status until the duration ends, the flight ends (if asked) or the process is stopped. */
    private void serve(VirtualFlightController vfc, PrintWriter out, CountDownLatch stopped)
            throws InterruptedException {
        long startNs = System.nanoTime();
        long nextStatusNs = startNs + seconds(statusEveryS);
        int eventsShown = 0;
        boolean wasArmed = false;
        long flightOverNs = NOT_YET;
        VehicleState truth = new VehicleState();
        while (!stopped.await(50, TimeUnit.MILLISECONDS)) {
            List<String> events = vfc.events();
            for (; eventsShown < events.size(); eventsShown++) {
                out.println("  " + events.get(eventsShown));
            }
            long now = System.nanoTime();
            if (statusEveryS > 0 && now >= nextStatusNs) {
                vfc.readTruth(truth);
                out.printf(Locale.ROOT, "  t=%.1f s: %s, %s, altitude %.2f m, position N %.2f W %.2f m, "
                                + "%d setpoints%n", vfc.bootTimeNs() * 1e-9, vfc.mode(),
                        vfc.isArmed() ? "armed" : "disarmed", truth.positionNwuM[2], truth.positionNwuM[0],
                        truth.positionNwuM[1], vfc.setpointsReceived());
                nextStatusNs += seconds(statusEveryS);
            }
            out.flush();
            boolean armed = vfc.isArmed();
            if (exitAfterFlight && wasArmed && !armed && flightOverNs == NOT_YET) {
                flightOverNs = now;
            }
            // Serve on for a while after the disarm, so the companion sees it in a heartbeat before the link goes.
            if (flightOverNs != NOT_YET && now - flightOverNs >= LINGER_AFTER_FLIGHT_NS) {
                return;
            }
            wasArmed |= armed;
            if (durationS > 0 && now - startNs >= seconds(durationS)) {
                return;
            }
        }
    }

    private static String describe(Map<String, Double> parameters) {
        StringBuilder b = new StringBuilder();
        parameters.forEach((name, value) -> b.append(b.length() == 0 ? "" : " ").append(name).append('=')
                .append(value == Math.rint(value) ? Long.toString(value.longValue()) : value.toString()));
        return b.toString();
    }

    private static long seconds(double s) {
        return (long) (s * 1e9);
    }
}
