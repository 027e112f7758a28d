/**
 * {@code spikepilot demo}'s own words about its flight: the summary printed at the end and {@code report.md}. The
 * mission it flies is {@code io.spikepilot.flight.mission} (no simulator there); {@code DemoCommand} wires it to the
 * built-in virtual flight controller. Nothing here refers back to the {@code tools} package, so the two do not form
 * a cycle.
 */
package io.spikepilot.tools.demo;
