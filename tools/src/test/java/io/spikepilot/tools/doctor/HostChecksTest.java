package io.spikepilot.tools.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host checks over a sysfs tree laid out as the kernel's, and the disk check against the real free space. */
class HostChecksTest {
    @TempDir
    Path sys;

    private void write(String path, String text) throws IOException {
        Path file = sys.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text + "\n");
    }

    @Test
    void aSlowClockSourceWarnsAndNamesTheFastOneItCouldUse() throws IOException {
        write("devices/system/clocksource/clocksource0/current_clocksource", "hpet");
        write("devices/system/clocksource/clocksource0/available_clocksource", "tsc hpet acpi_pm ");
        Check c = new HostChecks(sys).clockSource();
        assertEquals(Verdict.WARN, c.verdict());
        assertEquals("hpet (available: tsc hpet acpi_pm): every System.nanoTime is a system call or a slow bus read",
                c.finding());
        assertTrue(c.fix().startsWith("if 'available' lists tsc or arch_sys_counter, switch to it"), c.fix());
    }

    @Test
    void armsGenericTimerPasses() throws IOException {
        write("devices/system/clocksource/clocksource0/current_clocksource", "arch_sys_counter");
        assertEquals(Verdict.PASS, new HostChecks(sys).clockSource().verdict());
    }

    @Test
    void aMixOfGovernorsWarnsWithTheCountsAndPerformancePasses() throws IOException {
        write("devices/system/cpu/cpu0/cpufreq/scaling_governor", "performance");
        write("devices/system/cpu/cpu1/cpufreq/scaling_governor", "ondemand");
        write("devices/system/cpu/cpu2/cpufreq/scaling_governor", "ondemand");
        Check mixed = new HostChecks(sys).governor();
        assertEquals(Verdict.WARN, mixed.verdict());
        assertTrue(mixed.finding().startsWith("ondemand on 2 cpus, performance on 1 cpu"), mixed.finding());
        write("devices/system/cpu/cpu1/cpufreq/scaling_governor", "performance");
        write("devices/system/cpu/cpu2/cpufreq/scaling_governor", "performance");
        assertEquals(Check.pass("cpu governor", "performance on 3 cpus"), new HostChecks(sys).governor());
    }

    @Test
    void noCpufreqIsAFixedClock() throws IOException {
        Files.createDirectories(sys.resolve("devices/system/cpu/cpu0"));
        assertEquals(Verdict.PASS, new HostChecks(sys).governor().verdict());
    }

    @Test
    void aDiskThatHoldsMinutesFailsAndOneThatHoldsHoursPasses() throws IOException {
        long free = Files.getFileStore(sys).getUsableSpace();
        // the same free space, against a recording rate that fills it in 5 minutes, 30 minutes, 5 hours
        assertEquals(Verdict.FAIL, HostChecks.disk(sys, free / 300.0, 0).verdict());
        assertEquals(Verdict.WARN, HostChecks.disk(sys, free / 1800.0, 0).verdict());
        assertEquals(Verdict.PASS, HostChecks.disk(sys.resolve("not/yet/made"), free / 18000.0, 0).verdict());
        // a floor above the free space: recording would stop at once
        Check floor = HostChecks.disk(sys, 1000, free + 1);
        assertEquals(Verdict.FAIL, floor.verdict());
        assertTrue(floor.finding().contains(": 0 min of recording"), floor.finding());
    }
}
