package io.spikepilot.bridge.replay;

import java.io.IOException;

/** A log cannot be replayed; the message names the file, what was expected and what was found. */
public final class LogReplayException extends IOException {
    public LogReplayException(String message) {
        super(message);
    }
}
