/**
 * Byte transports to the flight controller behind one URL syntax: {@code udp://[host]:port[?remote=host:port]},
 * {@code tcp://host:port}, {@code serial:///dev/ttyX?baud=N}. Each transport reads on its own thread and hands chunks
 * with their arrival time to a {@link io.spikepilot.bridge.transport.ByteSink}; sending copies into a ring drained
 * by a writer thread, so a caller (the control loop) never waits for a socket or a UART.
 */
package io.spikepilot.bridge.transport;
