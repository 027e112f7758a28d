/**
 * The link side of the tick: hot MAVLink messages merged into one vehicle state in the controller's frames (NWU/FLU),
 * with the age of each part, published through a seqlock so the loop reads it without locks or allocation; and the
 * link's health (rates, gaps, CRC failures, silence).
 */
package io.spikepilot.bridge.state;
