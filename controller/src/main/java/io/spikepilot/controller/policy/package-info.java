/**
 * What the flight loop, the simulator and the trainer know of a control policy: a stateful map from an observation
 * to an action, stepped once per control tick with its internal state (SNN membranes) kept between steps; the policy
 * file format that carries one; and the fault-injecting wrapper the demo flies and replay re-applies.
 */
package io.spikepilot.controller.policy;
