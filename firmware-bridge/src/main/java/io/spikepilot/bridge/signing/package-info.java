/**
 * MAVLink 2 message signing: a 32-byte secret key, a 48-bit timestamp in 10 µs units since 2015-01-01 that only
 * moves forward, and the first 6 bytes of SHA-256 over key, frame and timestamp. The signer appends signatures to
 * outgoing frames; the verifier checks incoming ones and rejects replays per (system, component, link) stream.
 * Both are allocation-free after construction.
 */
package io.spikepilot.bridge.signing;
