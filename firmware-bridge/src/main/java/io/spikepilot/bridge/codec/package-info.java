/**
 * MAVLink framing and the flyweight codec for the hot messages.
 *
 * <p>{@link io.spikepilot.bridge.codec.FrameReader} turns a byte stream into frames (v1 and v2, CRC with CRC_EXTRA,
 * resync after garbage, counters); {@link io.spikepilot.bridge.codec.MavlinkFrame} is a reusable view of one frame
 * whose payload is zero-filled to the full length, so truncated MAVLink 2 payloads read correctly. The message classes
 * ({@code LocalPositionNedMessage}, ...) read and write fields at fixed offsets: no objects, no reflection, tested
 * byte for byte against dronefleet. {@link io.spikepilot.bridge.codec.MessageCatalog} knows every message dronefleet
 * knows (for CRC_EXTRA); {@link io.spikepilot.bridge.codec.ColdCodec} uses dronefleet for the rare messages.
 */
package io.spikepilot.bridge.codec;
