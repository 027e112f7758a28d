/**
 * The one place where MAVLink's NED world / FRD body frames meet the controller's z-up NWU world / FLU body frames.
 *
 * <p>The paper's simulator is z-up with forward-left-up body axes. spikepilot fixes its world frame as NWU (x north,
 * y west, z up), because NED ↔ NWU and FRD ↔ FLU are then the same 180° rotation about x: every conversion is a
 * sign flip, exact in floating point and its own inverse, which keeps replay bit-exact.
 */
package io.spikepilot.controller.frame;
