/**
 * Charts rendered to PNG with java.awt (headless) on one shared frame ({@code ChartFrame}: axes, legend, PNG): line
 * plots with an optional ± spread band, grouped bar charts, histograms, event rasters and mode timelines, so every
 * run leaves figures without a plotting dependency. Long series are thinned to what a pixel column can show before
 * they are drawn, so a chart of a million samples costs no more than one of a thousand.
 */
package io.spikepilot.report.plot;
