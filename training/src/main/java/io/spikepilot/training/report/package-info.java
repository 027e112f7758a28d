/**
 * Writing results for people: CSV tables and PNG line plots drawn with java.awt (headless), so training and analysis
 * runs leave figures without any plotting dependency.
 */
package io.spikepilot.training.report;
