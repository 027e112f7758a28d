package io.spikepilot.controller.policy;

import java.io.IOException;

/**
 * A policy file that cannot be flown. The message always names the file, the field, what was expected and what was
 * found, so the pilot can act on it; a flight never arms on a file that raised this.
 */
public final class PolicyFileException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public PolicyFileException(String source, String field, String expected, String found) {
        super(source + ": field '" + field + "': expected " + expected + ", found " + found);
        this.field = field;
    }

    /** The offending field (header, tensor name or metadata key). */
    public String field() {
        return field;
    }
}
