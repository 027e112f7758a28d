/**
 * The report of an experiment folder ({@code spikepilot experiment ...} writes it, {@code spikepilot report
 * experiment} reads it): {@link io.spikepilot.training.report.experiment.ExperimentReport} reads {@code index.csv}
 * and every run's {@code log.csv} and {@code config.txt} into runs grouped by (experiment, method, setting) with mean
 * and standard deviation over seeds; {@link io.spikepilot.training.report.experiment.ExperimentFigures} draws the
 * paper's kinds of figures from that model; {@link io.spikepilot.training.report.experiment.ExperimentHtml} writes
 * one self-contained page with the figures, tables, every run's provenance and the paper's numbers
 * ({@link io.spikepilot.training.report.experiment.PaperNumbers}) beside ours. A broken run is reported, with the
 * file, line and field at fault, and never stops the rest of the report.
 */
package io.spikepilot.training.report.experiment;
