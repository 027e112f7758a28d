package io.spikepilot.bridge.ulog;

import java.io.IOException;

/** A ULog that cannot be read: the message names the file, the byte offset, what was expected and what was found. */
public final class UlogFormatException extends IOException {
    public UlogFormatException(String message) {
        super(message);
    }
}
