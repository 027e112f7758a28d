/**
 * Vehicle state and setpoint types: mutable, preallocated holders that the tick copies into and reads from.
 *
 * <p>Fields carry their frame and unit in their names ({@code positionNwuM}, {@code bodyRateFluRadps}); time is
 * nanoseconds as a {@code long}. The controller's frames are NWU world and FLU body (see
 * {@link io.spikepilot.controller.frame.Frames}).
 */
package io.spikepilot.controller.state;
