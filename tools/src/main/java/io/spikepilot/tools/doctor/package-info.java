/**
 * {@code spikepilot doctor}'s checks of a companion computer before a flight: the JVM, the clock and the CPU
 * governor, the disk for the logs, the serial device and its permissions, and what comes over the autopilot link
 * (MAVLink or garbage, which autopilot, which stream rates it delivers). Each check is one {@link
 * io.spikepilot.tools.doctor.Check} row: pass, warn or fail, with what was found and, unless it passed, what to do.
 */
package io.spikepilot.tools.doctor;
