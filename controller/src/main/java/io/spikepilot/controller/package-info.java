/**
 * The flight-control core of spikepilot: pure, allocation-free code that runs on the control tick.
 *
 * <p>This module depends on the JDK only. It holds vehicle state and setpoint types, frame conversions, the
 * observation builder and action decoder shared by training and flight, the SNN runtimes, the PID fallback, the
 * supervisor and the control tick. Nothing here opens a socket or a file on the tick path, and nothing owns a thread:
 * the loop runner and the ring drainer that run the tick and empty its ring live in the flight module.
 */
package io.spikepilot.controller;
