/** JMH benchmarks of the SNN runtimes: the fixed-point flight step and the float reference step. */
package io.spikepilot.benchmarks.snn;
