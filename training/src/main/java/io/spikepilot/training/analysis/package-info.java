/**
 * The gradient-alignment study of paper Fig. 1 (paper-spec §2.5): how the surrogate slope trades gradient magnitude in
 * early layers against alignment with the steep-slope ("true") gradient, and the §6 shape checks on its result.
 */
package io.spikepilot.training.analysis;
