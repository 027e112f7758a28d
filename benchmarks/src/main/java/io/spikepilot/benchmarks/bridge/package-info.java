/**
 * JMH benchmarks of the MAVLink hot path: the flyweight frame reader and SET_ATTITUDE_TARGET encoder against
 * dronefleet's {@code MavlinkConnection} on the same frames.
 */
package io.spikepilot.benchmarks.bridge;
