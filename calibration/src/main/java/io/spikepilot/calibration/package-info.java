/**
 * Float → fixed-point calibration: roll the float policy out in the simulator (seeded), record the ranges its inputs,
 * currents and membranes reach, choose scales that avoid overflow and keep resolution, quantise, and prove the result
 * with an equivalence report (per-layer spike agreement, action RMSE and maximum error, saturation events, closed-loop
 * return float vs fixed over seeded episodes).
 */
package io.spikepilot.calibration;
