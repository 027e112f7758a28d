package io.spikepilot.bridge.transport;

import java.io.IOException;

/** A transport could not be opened or configured. The message says what to do about it. */
public final class TransportException extends IOException {
    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
