package io.spikepilot.tools.cli;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import io.spikepilot.flight.ExitCode;

/**
 * The checks commands run on their options in {@link CheckedOptions#checkOptions()}. Each failure is a picocli
 * {@link ParameterException} (exit {@link ExitCode#BAD_INPUT}) whose message names the option as typed, what it
 * expects and what it got, e.g. {@code --epochs expected an integer ≥ 1, found 0}: the user's terms, never a Java
 * field or type name.
 */
public final class OptionChecks {
    private final CommandLine commandLine;

    private OptionChecks(CommandLine commandLine) {
        this.commandLine = commandLine;
    }

    /** Checks for the options of the command {@code spec} describes. */
    public static OptionChecks of(CommandSpec spec) {
        return new OptionChecks(spec.commandLine());
    }

    /** An integer option at least {@code min}. */
    public OptionChecks atLeast(String option, long value, long min) {
        if (value < min) {
            throw bad(option + " expected an integer ≥ " + min + ", found " + value);
        }
        return this;
    }

    /** An integer option in {@code [min, max]}. */
    public OptionChecks inRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw bad(option + " expected an integer in [" + min + ", " + max + "], found " + value);
        }
        return this;
    }

    /** A finite number at least {@code min}. */
    public OptionChecks atLeast(String option, double value, double min) {
        if (!(Double.isFinite(value) && value >= min)) {
            throw bad(option + " expected a number ≥ " + number(min) + ", found " + number(value));
        }
        return this;
    }

    /** A finite number above zero. */
    public OptionChecks positive(String option, double value) {
        if (!(Double.isFinite(value) && value > 0)) {
            throw bad(option + " expected a number > 0, found " + number(value));
        }
        return this;
    }

    /** A finite number in {@code [min, max]}. */
    public OptionChecks inRange(String option, double value, double min, double max) {
        if (!(Double.isFinite(value) && value >= min && value <= max)) {
            throw bad(option + " expected a number in [" + number(min) + ", " + number(max) + "], found "
                    + number(value));
        }
        return this;
    }

    /** A finite number, any sign (negative values mean something, e.g. "never"). */
    public OptionChecks finite(String option, double value) {
        if (!Double.isFinite(value)) {
            throw bad(option + " expected a finite number, found " + number(value));
        }
        return this;
    }

    /** One of a fixed set of words. */
    public OptionChecks oneOf(String option, String value, Collection<String> allowed) {
        if (!allowed.contains(value)) {
            throw bad(option + " expected one of " + String.join(", ", allowed) + ", found '" + value + "'");
        }
        return this;
    }

    /** Text that must not be blank. */
    public OptionChecks notBlank(String option, String value) {
        if (value == null || value.isBlank()) {
            throw bad(option + " expected a non-empty value, found '" + (value == null ? "" : value) + "'");
        }
        return this;
    }

    /**
     * A value only a parser can judge (a link URL, a slope schedule, an airframe name): runs {@code parse} and turns
     * its {@link IllegalArgumentException} into a message that starts with the option.
     */
    public <T> OptionChecks parses(String option, T value, Consumer<T> parse) {
        try {
            parse.accept(value);
        } catch (IllegalArgumentException e) {
            // parsers name their subject ("airframe: expected ..."); the option says it already
            String message = String.valueOf(e.getMessage());
            String subject = option.replaceFirst("^-+", "") + ": ";
            throw bad(option + ": " + (message.startsWith(subject) ? message.substring(subject.length()) : message));
        }
        return this;
    }

    /** An MQTT broker address: {@code tcp://host:port} or {@code ssl://host:port}, port 1-65535. */
    public OptionChecks brokerUri(String option, String value) {
        String expected = option + " expected a broker as tcp://host:port or ssl://host:port, found '" + value + "'";
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw bad(expected);
        }
        boolean schemeOk = "tcp".equals(uri.getScheme()) || "ssl".equals(uri.getScheme());
        if (!schemeOk || uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65_535
                || uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null) {
            throw bad(expected);
        }
        return this;
    }

    /**
     * An address to listen on, written as an IP literal (127.0.0.1, 0.0.0.0, ::1) or {@code localhost}. Names other
     * than localhost are refused rather than resolved: a bench machine has no DNS to ask, and a listener bound to
     * whatever a name resolved to today is not the one the operator meant.
     */
    public OptionChecks listenAddress(String option, String value) {
        if (!"localhost".equals(value) && !isIpv4Literal(value) && !isIpv6Literal(value)) {
            throw bad(option + " expected an IP address to listen on (e.g. 127.0.0.1, 0.0.0.0 or ::1), found '"
                    + value + "'");
        }
        return this;
    }

    private static boolean isIpv4Literal(String value) {
        String[] parts = value.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (!part.matches("[0-9]{1,3}") || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6Literal(String value) {
        if (!value.contains(":") || !value.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            // only hex digits, colons and dots reach here, so this parses a literal and never asks a resolver
            return InetAddress.getByName(value) instanceof Inet6Address;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** A file to read: it exists, is not a directory and may be read. Its size is checked where it is read. */
    public OptionChecks readableFile(String option, Path file) {
        if (!Files.exists(file)) {
            throw bad(option + " expected a file to read, found nothing at " + file);
        }
        if (Files.isDirectory(file)) {
            throw bad(option + " expected a file to read, found a directory at " + file);
        }
        if (!Files.isReadable(file)) {
            throw bad(option + " expected a file to read, found " + file + " without read permission");
        }
        return this;
    }

    /** A directory to read: it exists and is a directory. */
    public OptionChecks existingDirectory(String option, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw bad(option + " expected a directory, found " + (Files.exists(dir) ? "a file" : "nothing") + " at "
                    + dir);
        }
        return this;
    }

    /**
     * A directory to write into: it is a writable directory, or it does not exist yet and its nearest existing
     * ancestor is a writable directory (so it can be created). Nothing is created here.
     */
    public OptionChecks creatableDirectory(String option, Path dir) {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw bad(option + " expected a directory, found a file at " + dir);
            }
            if (!Files.isWritable(dir)) {
                throw bad(option + " expected a writable directory, found " + dir + " without write permission");
            }
            return this;
        }
        return creatableUnder(option, dir, "directory");
    }

    /** A file to write: not a directory, and its directory exists or can be created. */
    public OptionChecks writableFile(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw bad(option + " expected a file to write, found a directory at " + file);
        }
        if (Files.exists(file)) {
            if (!Files.isWritable(file)) {
                throw bad(option + " expected a file it may write, found " + file + " without write permission");
            }
            return this;
        }
        return creatableUnder(option, file, "file");
    }

    private OptionChecks creatableUnder(String option, Path path, String what) {
        Path ancestor = path.toAbsolutePath().getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null || !Files.isDirectory(ancestor)) {
            throw bad(option + " expected a " + what + " it can create, found " + path + " under "
                    + (ancestor == null ? "no existing directory" : "the file " + ancestor));
        }
        if (!Files.isWritable(ancestor)) {
            throw bad(option + " expected a " + what + " it can create, found " + path + " under " + ancestor
                    + " without write permission");
        }
        return this;
    }

    /** A condition spanning options; {@code message} is the whole sentence. */
    public OptionChecks require(boolean ok, String message) {
        if (!ok) {
            throw bad(message);
        }
        return this;
    }

    /** The exception for a message of this command's options. */
    public ParameterException bad(String message) {
        return new ParameterException(commandLine, message);
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }
}
