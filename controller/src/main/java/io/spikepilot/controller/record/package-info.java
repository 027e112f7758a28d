/**
 * Per-tick records and the preallocated ring that carries them from the loop thread to the logger and telemetry
 * threads without ever blocking or allocating on the loop side, plus the side-trace format written beside the
 * {@code .tlog}.
 */
package io.spikepilot.controller.record;
