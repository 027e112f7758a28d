/**
 * Reading the simulator's YAML files (airframes, environments) with one shape of error message: the file, the
 * field, what was expected and what was found.
 */
package io.spikepilot.simulator.config;
