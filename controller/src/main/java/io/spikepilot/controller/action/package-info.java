/**
 * From network output in [−1, 1]⁴ to what the vehicle is told to do, for the policy's action space. Shared by the
 * simulator's environments, the trainer and the flight loop.
 */
package io.spikepilot.controller.action;
