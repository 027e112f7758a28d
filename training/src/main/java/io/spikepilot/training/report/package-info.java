/**
 * Training's side of reporting: the progress bar, and experiment reports ({@link
 * io.spikepilot.training.report.experiment}) built on the shared charts and pages of {@code io.spikepilot.report}.
 */
package io.spikepilot.training.report;
