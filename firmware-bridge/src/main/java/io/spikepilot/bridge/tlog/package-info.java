/**
 * MAVLink telemetry logs ({@code .tlog}): records of an 8-byte big-endian timestamp (µs since the Unix epoch, the
 * low two bits carrying the link id as pymavlink does) followed by one raw MAVLink 1 or 2 frame, no file header.
 * The writer never blocks its producers; the reader resyncs after corrupt bytes and replays a truncated file up to
 * the break.
 */
package io.spikepilot.bridge.tlog;
