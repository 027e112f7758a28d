/**
 * The paper's hover task as reinforcement-learning environments (paper-spec §1): observation and privileged
 * observation through the controller's {@code ObservationBuilder}, actions through its {@code ActionDecoder} in the
 * {@code motors} or {@code attitude} action space, the Table S3 reward curriculum, the §1.5 initial-state
 * distribution and the §1.6 termination. Optional realism switches (observation noise, disturbances, randomised
 * parameters, autopilot-like state delivery) are off by default. Environments are stepped as a batch, allocation-free
 * and deterministic for a seed.
 */
package io.spikepilot.simulator.env;
