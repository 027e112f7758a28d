/**
 * Airframes as data: the physical constants of a quadrotor and the gains of its autopilot inner loop, read from YAML
 * files under {@code /airframes/} and validated once, with errors that name the file, the field, what was expected
 * and what was found.
 */
package io.spikepilot.simulator.airframe;
