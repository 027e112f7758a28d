/**
 * A PX4-like multicopter inner loop: tilt-prioritised quaternion attitude P control with yaw-rate feed-forward, a
 * body-rate PID, and a mixer that turns collective thrust and torque into four motor throttles with saturation
 * handling. It lets a thrust + attitude setpoint fly the simulated airframe the way an autopilot would. Everything
 * is allocation-free after construction and uses the airframe's nominal parameters (an autopilot does not know a
 * randomised vehicle).
 */
package io.spikepilot.simulator.autopilot;
