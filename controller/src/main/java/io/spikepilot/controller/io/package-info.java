/**
 * Reading input files with a size limit. Every loader (flight config, policy, trace, training configs, airframes,
 * datasets) reads through {@link io.spikepilot.controller.io.LimitedFiles}, so a wrong path such as {@code /dev/zero}
 * or a multi-gigabyte file ends in a sentence naming the file, the limit and what was found, not in an
 * OutOfMemoryError after a long wait. Never used on the tick path.
 */
package io.spikepilot.controller.io;
