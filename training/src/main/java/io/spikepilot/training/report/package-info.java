/**
 * Writing results for people: CSV tables, PNG line plots (optionally with a ± spread band) and grouped bar charts
 * drawn with java.awt (headless) on one shared frame ({@code ChartFrame}: axes, legend, PNG), so training and
 * analysis runs leave figures without any plotting dependency. Experiment reports built on them live in
 * {@link io.spikepilot.training.report.experiment}.
 */
package io.spikepilot.training.report;
