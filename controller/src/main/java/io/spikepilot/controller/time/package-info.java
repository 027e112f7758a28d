/**
 * The control rate: the one place that says which rates the flight loop accepts and how Hz, the period in ns and the
 * period in s convert into each other, so that the config file, the flight config, the supervisor, the loop runner and
 * the command line cannot disagree on either.
 */
package io.spikepilot.controller.time;
