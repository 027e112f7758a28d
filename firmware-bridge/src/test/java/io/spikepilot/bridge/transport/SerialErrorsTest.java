package io.spikepilot.bridge.transport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The messages for failures this machine cannot produce for real (tests run as root, so permissions never bite). */
class SerialErrorsTest {
    @Test
    void permissionDeniedNamesTheGroupFix() {
        String m = SerialErrors.openFailed("/dev/ttyAMA0", SerialErrors.EACCES, 100,
                "owner root, group dialout, mode rw-rw----, running as pilot");
        assertTrue(m.startsWith("permission denied on serial port /dev/ttyAMA0 (owner root, group dialout"), m);
        assertTrue(m.contains("sudo usermod -aG dialout $USER"), m);
    }

    @Test
    void busyNamesFuserAndTheJetsonConsole() {
        String m = SerialErrors.openFailed("/dev/ttyTHS1", SerialErrors.EBUSY, 100, "");
        assertTrue(m.startsWith("serial port /dev/ttyTHS1 is in use by another process"), m);
        assertTrue(m.contains("fuser -v /dev/ttyTHS1"), m);
        assertTrue(m.contains("nvgetty"), m);
    }
}
