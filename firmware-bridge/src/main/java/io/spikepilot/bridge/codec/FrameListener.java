package io.spikepilot.bridge.codec;

/** Receives every frame the reader accepts. Called on the reader's thread; must copy what it keeps. */
@FunctionalInterface
public interface FrameListener {
    /**
     * @param frame      the frame, valid until this call returns
     * @param receivedNs the time passed with the bytes that completed the frame
     */
    void onFrame(MavlinkFrame frame, long receivedNs);
}
