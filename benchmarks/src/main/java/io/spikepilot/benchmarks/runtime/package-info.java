/**
 * JMH benchmark of the whole control tick (state in, SET_ATTITUDE_TARGET frame and tick record out), with the
 * fixed-point SNN or the PID flying: the figure the tick's p99 goal in BENCHMARKS.md is read from.
 */
package io.spikepilot.benchmarks.runtime;
