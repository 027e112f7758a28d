package io.spikepilot.tools.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The serial device of a {@code serial://} link: it exists, it is a character device (a typo'd path may name a plain
 * file), and this process may read and write it, checked with the kernel's own access test, so what passes here is what
 * {@code fly} will be allowed. When it may not, says which group owns the device and whether this user is in it.
 */
public final class SerialDeviceCheck {
    private static final String NAME = "serial device";
    /** File-type bits of {@code st_mode}: a character device. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;

    private SerialDeviceCheck() {
    }

    public static Check of(String device) {
        Path path = Path.of(device);
        if (!Files.exists(path)) {
            return Check.fail(NAME, device + " does not exist", "check the device path: a Raspberry Pi's GPIO UART "
                    + "is /dev/serial0 or /dev/ttyAMA0 (enable it with raspi-config, serial console off), a Jetson's "
                    + "is /dev/ttyTHS1, USB adapters and flight controllers on USB are /dev/ttyUSB0 or /dev/ttyACM0 "
                    + "(ls -l /dev/serial/by-id)");
        }
        int mode;
        PosixFileAttributes attributes;
        try {
            mode = (Integer) Files.getAttribute(path, "unix:mode");
            attributes = Files.readAttributes(path, PosixFileAttributes.class);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Check.fail(NAME, "cannot read the attributes of " + device + ": " + e.getMessage(),
                    "check the path with ls -l " + device);
        }
        String resolved = Files.isSymbolicLink(path) ? " -> " + resolve(path) : "";
        String ownership = "owner " + attributes.owner().getName() + ", group " + attributes.group().getName()
                + ", mode " + PosixFilePermissions.toString(attributes.permissions());
        if ((mode & S_IFMT) != S_IFCHR) {
            return Check.fail(NAME, device + resolved + " is not a character device (" + ownership + ")",
                    "name the UART's device node, not a file or directory: ls -l /dev/serial/by-id /dev/ttyAMA0 "
                            + "/dev/ttyTHS1 /dev/ttyUSB0 /dev/ttyACM0");
        }
        String user = System.getProperty("user.name");
        String group = attributes.group().getName();
        if (!Files.isReadable(path) || !Files.isWritable(path)) {
            Boolean member = inGroup(path);
            String membership = member == null ? "" : member ? "; " + user + " is in group " + group
                    : "; " + user + " is not in group " + group;
            Set<PosixFilePermission> p = attributes.permissions();
            boolean groupMayUse = p.contains(PosixFilePermission.GROUP_READ)
                    && p.contains(PosixFilePermission.GROUP_WRITE);
            String fix = groupMayUse
                    ? "add the user to the device's group: sudo usermod -aG " + group + " " + user + ", then log "
                    + "out and in (the systemd unit has SupplementaryGroups=dialout)"
                    : "the device's group may not read and write it: give it group dialout and mode 0660 with a "
                    + "udev rule (src/deploy/udev/99-spikepilot-autopilot.rules), then add the user to dialout: "
                    + "sudo usermod -aG dialout " + user;
            return Check.fail(NAME, "permission denied on " + device + resolved + " (" + ownership + ", running as "
                    + user + membership + ")", fix);
        }
        String asRoot = user.equals("root") ? "; running as root, who may open any device: the service user needs "
                + "group " + group : "";
        return Check.pass(NAME, device + resolved + " (" + ownership + "), readable and writable by " + user + asRoot);
    }

    private static String resolve(Path path) {
        try {
            return path.toRealPath().toString();
        } catch (IOException e) {
            return "?";
        }
    }

    /** Whether this process holds the device's group (from /proc/self/status), or null when that cannot be read. */
    private static Boolean inGroup(Path path) {
        try {
            int gid = (Integer) Files.getAttribute(path, "unix:gid");
            Set<Integer> groups = new HashSet<>();
            List<String> status = Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII);
            for (String line : status) {
                if (line.startsWith("Gid:") || line.startsWith("Groups:")) {
                    String[] fields = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
                    for (int i = 0; i < fields.length && !fields[i].isEmpty(); i++) {
                        // Gid: real, effective, saved, fs; Groups: the supplementary ones
                        if (line.startsWith("Groups:") || i == 1) {
                            groups.add(Integer.parseInt(fields[i]));
                        }
                    }
                }
            }
            return groups.contains(gid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }
}
