/**
 * The observation the network sees: the paper's 18 inputs, and the 146-wide privileged vector used by the guide
 * and the critics in training. Built here once and used unchanged by the simulator's environments, the trainer,
 * the flight loop and replay, so that training and flight cannot disagree about the inputs.
 */
package io.spikepilot.controller.observation;
