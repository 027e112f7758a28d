package io.spikepilot.bridge.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/** Messages for serial ports that cannot be opened, written so a person on the field knows what to type next. */
final class SerialErrors {
    /** errno values jSerialComm reports from open(2)/flock(2). */
    static final int EACCES = 13;
    static final int EBUSY = 16;
    static final int EAGAIN = 11;

    private SerialErrors() {
    }

    static String missing(String device) {
        return "serial port " + device + " does not exist. Check the device path: a Raspberry Pi's GPIO UART is "
                + "/dev/serial0 (enable it with raspi-config, serial console off), a Jetson's is /dev/ttyTHS1, USB "
                + "adapters and flight controllers on USB appear as /dev/ttyUSB0 or /dev/ttyACM0 (ls /dev/serial/by-id)";
    }

    static String permissionDenied(String device, String ownership) {
        return "permission denied on serial port " + device + " (" + ownership + "). Add this user to the "
                + "device's group, usually dialout: sudo usermod -aG dialout $USER, then log out and in again";
    }

    static String busy(String device) {
        return "serial port " + device + " is in use by another process. Find it with: fuser -v " + device
                + " (on a Jetson the serial console holds /dev/ttyTHS1 until: sudo systemctl disable --now nvgetty; "
                + "on a Raspberry Pi disable the serial login shell in raspi-config)";
    }

    /** The open call failed: explain by errno where it says something, otherwise name the likely cause. */
    static String openFailed(String device, int errno, int location, String ownership) {
        if (errno == EACCES) {
            return permissionDenied(device, ownership);
        }
        if (errno == EBUSY || errno == EAGAIN) {
            return busy(device);
        }
        // The device exists and its permissions allow us in, so the usual cause left is another process holding
        // the exclusive lock jSerialComm takes.
        return busy(device) + " [jSerialComm error " + errno + " at native line " + location + "]";
    }

    static String describeOwnership(Path path) {
        try {
            PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class);
            return "owner " + a.owner().getName() + ", group " + a.group().getName() + ", mode "
                    + PosixFilePermissions.toString(a.permissions()) + ", running as " + System.getProperty("user.name");
        } catch (IOException | UnsupportedOperationException e) {
            return "ownership unknown: " + e.getMessage();
        }
    }
}
