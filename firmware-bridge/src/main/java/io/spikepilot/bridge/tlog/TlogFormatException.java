package io.spikepilot.bridge.tlog;

import java.io.IOException;

/** The input is not a .tlog at all. The message names the source and what was expected. */
public final class TlogFormatException extends IOException {
    public TlogFormatException(String message) {
        super(message);
    }
}
