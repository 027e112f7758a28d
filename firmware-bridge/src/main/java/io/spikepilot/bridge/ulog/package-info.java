/**
 * PX4 ULog ({@code .ulg}) reading: the 16-byte header, the definitions (flag bits, formats, info, parameters), and
 * the data section streamed message by message with each topic's fields decoded by name. Refuses what it cannot
 * read correctly (an unknown version, unknown incompatible flags) by number; reads a truncated or corrupt log up to
 * the damage (resyncing on PX4's sync markers where the log has them) and says where it stopped.
 */
package io.spikepilot.bridge.ulog;
