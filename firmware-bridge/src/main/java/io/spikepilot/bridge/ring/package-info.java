/**
 * A preallocated many-producer, one-consumer ring of byte records: how frames cross from the loop, link and session
 * threads to the threads that may block (socket writers, the log writer) without the producers ever waiting.
 */
package io.spikepilot.bridge.ring;
