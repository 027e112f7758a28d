package io.spikepilot.controller.io;

import java.io.IOException;

/** A file beyond its size limit; the message names the file, the limit and what was found. */
public final class FileTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message the whole sentence */
    public FileTooLargeException(String message) {
        super(message);
    }
}
