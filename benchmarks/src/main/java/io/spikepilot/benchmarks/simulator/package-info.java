/**
 * JMH benchmarks of the simulator: single-environment RK4 throughput per core and batched environment throughput on
 * one and two cores. Results and commands are in BENCHMARKS.md.
 */
package io.spikepilot.benchmarks.simulator;
