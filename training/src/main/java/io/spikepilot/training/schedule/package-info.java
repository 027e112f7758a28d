/**
 * Surrogate-slope schedules (paper-spec §2.4): the slope k of every LIF layer is fixed, raised on a staircase, or
 * adapted to the evaluation return (paper eq. 6, with pluggable mappings from return to slope).
 */
package io.spikepilot.training.schedule;
