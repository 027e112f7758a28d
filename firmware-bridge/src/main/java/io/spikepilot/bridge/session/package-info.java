/**
 * The conversation with the autopilot: the link that wires transport, frame reader, state assembler, health and log
 * together; the companion heartbeat; autopilot detection; message-interval requests; mode and arming commands with
 * acknowledgements, retries and timeouts (PX4 OFFBOARD, ArduPilot GUIDED_NOGPS); and the allocation-free setpoint
 * sender the loop calls every tick.
 */
package io.spikepilot.bridge.session;
