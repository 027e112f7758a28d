package io.spikepilot.tools.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

/**
 * The computer's side of a flight: the JVM, the clock source behind {@code System.nanoTime}, the CPU frequency
 * governor and the free disk for the flight logs. Reads sysfs below a root given in, so another tree can stand in.
 */
public final class HostChecks {
    /** Clock sources read from user space without a system call (vDSO): a nanoTime costs tens of ns. */
    private static final Set<String> FAST_CLOCKS = Set.of("tsc", "arch_sys_counter", "kvm-clock",
            "hyperv_clocksource_tsc_page");
    private static final String PERFORMANCE_FIX = "set the governor to performance: echo performance | sudo tee "
            + "/sys/devices/system/cpu/cpu*/cpufreq/scaling_governor (at boot: cpufrequtils' GOVERNOR=performance, "
            + "or on a Raspberry Pi 'force_turbo=1' in config.txt)";

    private final Path sysRoot;

    /** @param sysRoot where sysfs is mounted: {@code /sys} on a real computer */
    public HostChecks(Path sysRoot) {
        this.sysRoot = sysRoot;
    }

    /** The running JVM: Java 17 or later, HotSpot's compilers (not the Zero interpreter), 64-bit. */
    public static Check java() {
        Runtime.Version version = Runtime.version();
        String vm = System.getProperty("java.vm.name", "?");
        String arch = System.getProperty("os.arch", "?");
        String finding = String.format(Locale.ROOT, "Java %s, %s, %s (%s), %s", version, vm,
                System.getProperty("java.vendor", "?"), System.getProperty("java.vm.vendor", "?"), arch);
        String install = "install OpenJDK 17 from the distribution: sudo apt-get install openjdk-17-jre-headless";
        if (version.feature() < 17) {
            return Check.fail("java", finding, "spikepilot needs Java 17 or later; " + install);
        }
        if (vm.contains("Zero")) {
            return Check.fail("java", finding, "the Zero JVM interprets every tick (no JIT compiler): the loop cannot "
                    + "keep its period; " + install + " for your CPU, which brings HotSpot's C2 compiler");
        }
        if (!System.getProperty("sun.arch.data.model", "64").equals("64")) {
            return Check.warn("java", finding, "a 32-bit JVM: install the 64-bit OS and JVM (arm64 on a Raspberry "
                    + "Pi 3 or later) so the tick's 64-bit fixed-point arithmetic runs natively");
        }
        return Check.pass("java", finding);
    }

    /** The kernel's clock source: one the vDSO reads without a system call. */
    public Check clockSource() {
        Path dir = sysRoot.resolve("devices/system/clocksource/clocksource0");
        String current = readFirstLine(dir.resolve("current_clocksource"));
        if (current == null) {
            return Check.warn("clock source", "cannot read " + dir.resolve("current_clocksource"),
                    "mount sysfs (/sys), or check by hand that the clock source is tsc (x86) or arch_sys_counter "
                            + "(ARM)");
        }
        String available = readFirstLine(dir.resolve("available_clocksource"));
        String finding = current + (available == null ? "" : " (available: " + available.trim() + ")");
        if (FAST_CLOCKS.contains(current)) {
            return Check.pass("clock source", finding);
        }
        return Check.warn("clock source", finding + ": every System.nanoTime is a system call or a slow bus read",
                "if 'available' lists tsc or arch_sys_counter, switch to it: echo tsc | sudo tee " + dir
                        + "/current_clocksource (kernel parameter clocksource=tsc to keep it); an unstable TSC that "
                        + "the kernel rejected needs a BIOS/firmware fix");
    }

    /** The CPU frequency governor of every CPU: performance, so a tick never runs at a low clock. */
    public Check governor() {
        Path cpus = sysRoot.resolve("devices/system/cpu");
        TreeMap<String, List<String>> byGovernor = new TreeMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(cpus, "cpu[0-9]*")) {
            for (Path cpu : dirs) {
                String governor = readFirstLine(cpu.resolve("cpufreq/scaling_governor"));
                if (governor != null) {
                    byGovernor.computeIfAbsent(governor, g -> new ArrayList<>()).add(cpu.getFileName().toString());
                }
            }
        } catch (IOException e) {
            return Check.warn("cpu governor", "cannot list " + cpus + ": " + e.getMessage(),
                    "mount sysfs (/sys), or check the governor by hand: cat "
                            + "/sys/devices/system/cpu/cpu*/cpufreq/scaling_governor");
        }
        if (byGovernor.isEmpty()) {
            return Check.pass("cpu governor", "no cpufreq on this computer (a fixed clock, e.g. a virtual machine)");
        }
        StringBuilder finding = new StringBuilder();
        byGovernor.forEach((governor, list) -> finding.append(finding.length() == 0 ? "" : ", ").append(governor)
                .append(" on ").append(list.size()).append(list.size() == 1 ? " cpu" : " cpus"));
        if (byGovernor.size() == 1 && byGovernor.containsKey("performance")) {
            return Check.pass("cpu governor", finding.toString());
        }
        return Check.warn("cpu governor", finding + ": the clock drops between ticks and a tick starts slow",
                PERFORMANCE_FIX);
    }

    /**
     * Free space where the flight logs go, against the recording rate.
     *
     * @param logDir          the log directory (it need not exist yet: its nearest existing parent is measured)
     * @param bytesPerSecond  what a flight writes per second (trace and {@code .tlog})
     * @param minFreeBytes    the recording's floor (record.min_free_mb): recording stops below it
     */
    public static Check disk(Path logDir, double bytesPerSecond, long minFreeBytes) {
        Path existing = logDir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Check.fail("disk for logs", "no part of " + logDir + " exists", "pass --log-dir a directory on "
                    + "a writable disk");
        }
        long free;
        String store;
        try {
            FileStore fs = Files.getFileStore(existing);
            free = fs.getUsableSpace();
            store = fs.name() + " (" + fs.type() + ")";
        } catch (IOException e) {
            return Check.fail("disk for logs", "cannot measure the free space of " + existing + ": " + e.getMessage(),
                    "pass --log-dir a directory on a local disk");
        }
        double minutes = Math.max(0, free - minFreeBytes) / bytesPerSecond / 60.0;
        String finding = String.format(Locale.ROOT, "%s free on %s at %s: %s of recording at %.0f kB/s before "
                        + "the %s floor (record.min_free_mb) stops it", bytes(free), store, existing, duration(minutes),
                bytesPerSecond / 1e3, bytes(minFreeBytes));
        String fix = "free space on " + store + " (old flights: ls -lt " + logDir + ") or pass --log-dir a directory "
                + "on a larger disk";
        if (!Files.isWritable(existing)) {
            return Check.fail("disk for logs", finding + ", but " + existing + " is not writable by "
                    + System.getProperty("user.name"), "give the user that flies write access to " + existing
                    + ", or pass --log-dir a directory it owns");
        }
        if (minutes < 10) {
            return Check.fail("disk for logs", finding, fix + "; a flight stops recording when the disk fills, and "
                    + "less than 10 minutes does not cover one flight with its pre-flight checks");
        }
        if (minutes < 60) {
            return Check.warn("disk for logs", finding, fix);
        }
        return Check.pass("disk for logs", finding);
    }

    private static String bytes(long n) {
        return n >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", n / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.0f MiB", n / (double) (1L << 20));
    }

    private static String duration(double minutes) {
        return minutes >= 120 ? String.format(Locale.ROOT, "%.0f h", minutes / 60)
                : String.format(Locale.ROOT, "%.0f min", minutes);
    }

    /** The first line of a small sysfs file, trimmed, or null when it cannot be read. */
    private static String readFirstLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            return lines.isEmpty() ? null : lines.get(0).trim();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
