/**
 * Reports for people, in one place for every command: PNG charts ({@link io.spikepilot.report.plot}), self-contained
 * HTML pages ({@link io.spikepilot.report.html}) and the flight report built from a trace
 * ({@link io.spikepilot.report.flight}).
 */
package io.spikepilot.report;
