/**
 * Replay of flight logs written by others (QGroundControl, MAVProxy, PX4's logger) and by us, through the controller
 * in lockstep: the log's state messages rebuild the state stream the live loop would have read, the controller is
 * ticked at the log's times, and its commands are set against the ones in the log (bit for bit where the log holds
 * our own SET_ATTITUDE_TARGET, as a what-if where another controller flew). Offline code: reads files, allocates.
 */
package io.spikepilot.bridge.replay;
