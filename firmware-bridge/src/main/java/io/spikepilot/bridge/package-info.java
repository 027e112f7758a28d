/**
 * Everything that talks MAVLink to the flight controller: codec, state assembly, setpoint sending, transports,
 * vehicle session and flight logs. The loop touches only the allocation-free parts (the state slot and the setpoint
 * sender); everything else runs on the link, logger or session threads.
 */
package io.spikepilot.bridge;
