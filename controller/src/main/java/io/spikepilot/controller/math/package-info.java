/**
 * Quaternion and rotation helpers on primitive arrays, and {@link io.spikepilot.controller.math.ShortestDouble}, the
 * allocation-free number text the recorders write doubles with.
 *
 * <p>Every method writes into a caller-supplied destination so the control tick can use them without allocating.
 * Quaternions are {@code double[4]} in (w, x, y, z) order, Hamilton convention, and describe the rotation that takes
 * a vector from the body frame to the world frame. Rotation matrices are {@code double[9]}, row-major.
 */
package io.spikepilot.controller.math;
