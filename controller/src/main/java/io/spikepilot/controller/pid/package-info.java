/**
 * The cascaded position controller: position → velocity → acceleration → thrust vector → attitude + collective
 * thrust, in the structure of PX4's multicopter position control.
 *
 * <p>It is both the onboard fallback that the supervisor hands control to and the privileged guide that flies the
 * warm-up in training, so both see exactly the same controller. Pure math: fixed period, no clock, no allocation
 * after construction.
 */
package io.spikepilot.controller.pid;
