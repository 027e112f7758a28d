/**
 * What the flight loop, the simulator and the trainer know of a control policy: a stateful map from an observation
 * to an action, stepped once per control tick with its internal state (SNN membranes) kept between steps
 * ({@link io.spikepilot.controller.policy.Policy}); the wrappers around one (the fault-injecting policy the demo flies
 * and replay re-applies); and the container format's parts that know nothing of networks: the safetensors reader and
 * writer, its header JSON, the metadata keys and the error every loader throws. The loader that builds a network from
 * a file lives beside the networks, in {@code controller.snn}, so that this package sits below the runtimes.
 *
 * <p>Why the safetensors and JSON code is written here rather than taken from a library: this package is part of the
 * flight core, which depends on the JDK alone so that what runs on the companion is small and every byte it parses
 * is parsed by code this project tests against truncated, corrupt and adversarial files. A safetensors header is a
 * single flat JSON object of at most a few kilobytes; the strict reader for it (RFC 8259, no duplicate keys, depth and
 * size limits, offsets in every message) is about 350 lines, smaller than the smallest JSON library, and a library
 * would answer bad input with its own messages instead of naming the file and field. Outside the core the project
 * uses the well-kept libraries (SnakeYAML for configs, HdrHistogram for latency, picocli for the command line).
 */
package io.spikepilot.controller.policy;
