package io.spikepilot.bridge.transport;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Parses the link URL and builds its transport:
 * <ul>
 *   <li>{@code udp://[bind-host]:port[?remote=host:port]}: listen; PX4 SITL is {@code udp://:14540} (PX4 sends from
 *       14580, the peer is learned from its first datagram) or {@code udp://:14540?remote=127.0.0.1:14580};</li>
 *   <li>{@code tcp://host:port}: connect; ArduPilot SITL is {@code tcp://127.0.0.1:5760};</li>
 *   <li>{@code serial:///dev/ttyAMA0?baud=921600}: a UART (baud defaults to 57600, the common telemetry rate).</li>
 * </ul>
 */
public final class TransportUrl {
    /** Baud rate when the URL does not give one. */
    public static final int DEFAULT_BAUD = 57_600;

    private TransportUrl() {
    }

    /**
     * A parsed link URL: the transport it names and its addresses, nothing opened yet.
     *
     * @param scheme {@code udp}, {@code tcp} or {@code serial}
     * @param local  udp: the address to listen on; otherwise null
     * @param remote udp: the fixed peer or null (learned from the first datagram); tcp: the address to connect to
     * @param device serial: the device path; otherwise null
     * @param baud   serial: the baud rate; otherwise 0
     */
    public record Link(String scheme, InetSocketAddress local, InetSocketAddress remote, String device, int baud) {
    }

    /** Builds the transport for {@code url}; {@code clockNs} stamps incoming bytes (monotonic ns). */
    public static Transport open(String url, LongSupplier clockNs) throws TransportException {
        Link link = parse(url);
        return switch (link.scheme()) {
            case "udp" -> new UdpTransport(link.local(), link.remote(), clockNs);
            case "tcp" -> new TcpTransport(link.remote(), clockNs);
            default -> new SerialTransport(link.device(), link.baud(), clockNs);
        };
    }

    /**
     * Checks {@code url} and says what it names, without opening anything: command lines check their link option
     * with it before they start, so a typo is bad input rather than a failure half-way through a start-up.
     */
    public static Link parse(String url) throws TransportException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new TransportException(invalid(url, e.getMessage()));
        }
        String scheme = uri.getScheme();
        if (scheme == null) {
            throw new TransportException(invalid(url, "no scheme"));
        }
        Map<String, String> query = query(url, uri.getRawQuery());
        switch (scheme) {
            case "udp": {
                requireOnly(url, query, "remote");
                InetSocketAddress local = authority(url, uri.getRawAuthority(), "0.0.0.0");
                InetSocketAddress remote = query.containsKey("remote") ? hostPort(url, query.get("remote")) : null;
                return new Link(scheme, local, remote, null, 0);
            }
            case "tcp": {
                requireOnly(url, query);
                InetSocketAddress remote = authority(url, uri.getRawAuthority(), null);
                if (remote == null) {
                    throw new TransportException(invalid(url, "tcp needs a host, e.g. tcp://127.0.0.1:5760"));
                }
                return new Link(scheme, null, remote, null, 0);
            }
            case "serial": {
                requireOnly(url, query, "baud");
                String device = uri.getPath();
                if (device == null || device.isEmpty() || (uri.getAuthority() != null)) {
                    throw new TransportException(invalid(url,
                            "serial needs an absolute device path after three slashes, e.g. serial:///dev/ttyAMA0"));
                }
                int baud = DEFAULT_BAUD;
                if (query.containsKey("baud")) {
                    try {
                        baud = Integer.parseInt(query.get("baud"));
                    } catch (NumberFormatException e) {
                        baud = -1;
                    }
                    if (baud <= 0) {
                        throw new TransportException(invalid(url, "baud must be a positive integer such as 57600 or "
                                + "921600, found '" + query.get("baud") + "'"));
                    }
                }
                return new Link(scheme, null, null, device, baud);
            }
            default:
                throw new TransportException(invalid(url, "unknown scheme '" + scheme + "'"));
        }
    }

    private static String invalid(String url, String why) {
        return "invalid link URL '" + url + "': " + why + ". Expected udp://[host]:port[?remote=host:port], "
                + "tcp://host:port or serial:///dev/ttyX?baud=N";
    }

    /** host:port from the authority; an empty host becomes {@code defaultHost} (null: refuse it). */
    private static InetSocketAddress authority(String url, String authority, String defaultHost)
            throws TransportException {
        int colon = authority == null ? -1 : authority.lastIndexOf(':');
        int port = -1;
        if (colon >= 0) {
            try {
                port = Integer.parseInt(authority.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        if (port < 0 || port > 65535) {
            throw new TransportException(invalid(url, "missing or invalid port in '" + authority + "'"));
        }
        String host = authority.substring(0, colon);
        if (host.isEmpty()) {
            if (defaultHost == null) {
                return null;
            }
            host = defaultHost;
        }
        return new InetSocketAddress(host, port);
    }

    private static InetSocketAddress hostPort(String url, String value) throws TransportException {
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw new TransportException(invalid(url, "remote must be host:port, found '" + value + "'"));
        }
        try {
            int port = Integer.parseInt(value.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(value.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new TransportException(invalid(url, "remote port must be 1..65535, found '" + value + "'"));
        }
    }

    private static Map<String, String> query(String url, String raw) throws TransportException {
        Map<String, String> map = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return map;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new TransportException(invalid(url, "query parameter '" + pair + "' is not key=value"));
            }
            map.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return map;
    }

    private static void requireOnly(String url, Map<String, String> query, String... allowed)
            throws TransportException {
        for (String key : query.keySet()) {
            boolean ok = false;
            for (String a : allowed) {
                ok |= a.equals(key);
            }
            if (!ok) {
                throw new TransportException(invalid(url, "unknown parameter '" + key + "'"
                        + (allowed.length > 0 ? " (allowed: " + String.join(", ", allowed) + ")" : "")));
            }
        }
    }
}
