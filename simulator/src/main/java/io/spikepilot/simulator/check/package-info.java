/**
 * The physics self-check behind {@code spikepilot sim check}: hover balance, motor lag, inner-loop step response,
 * hover on the inner loop and environment throughput, each measured on the simulator and compared with the value
 * physics or the paper predicts.
 */
package io.spikepilot.simulator.check;
