/**
 * Measurements of {@code spikepilot bench}: the soak's GC log and heap and allocation sampler, and the fault bench's
 * scenarios, rig and table. The commands that run them live in {@code io.spikepilot.tools}.
 */
package io.spikepilot.tools.bench;
