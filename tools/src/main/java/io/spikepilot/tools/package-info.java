/**
 * The {@code spikepilot} command line. Wiring only: every subcommand parses its options, builds objects from the
 * other modules and reports; no algorithm lives here.
 */
package io.spikepilot.tools;
