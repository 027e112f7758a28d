/**
 * Behaviour cloning on sequences (paper-spec §3.4 "BC"): seeded rollouts of the privileged guide (the controller's
 * position PID) cut into 100-step windows, BPTT training of the spiking actor on the guide's actions with the 50-step
 * warm-up mask and a slope schedule, periodic evaluation with the guide flying the warm-up, and the training log.
 *
 * <h2>The guide on the paper's Crazyflie {@code motors} task</h2>
 *
 * <p>The paper's test (the guide flies 50 steps, then the SNN) needs a guide that survives the warm-up from the §1.5
 * starts. The guide alone on the 20 evaluation episodes (seed 20251028; return, length, crashes, of which in the
 * first 50 steps), from {@code PolicyEvaluator.evaluateGuide}:
 *
 * <table>
 *   <caption>guide variants, curriculum level 0 and 6</caption>
 *   <tr><th>guide</th><th>level 0</th><th>level 6</th></tr>
 *   <tr><td>STIFF, inner loop built for 500 Hz (before)</td><td>312.5, 336.0, 7 (7)</td><td>271.7, 336.0, 7 (7)</td></tr>
 *   <tr><td>PX4, inner loop at 100 Hz</td><td>372.8, 405.9, 4 (4)</td><td>299.4, 405.9, 4 (4)</td></tr>
 *   <tr><td>STIFF, inner loop at 100 Hz</td><td>432.5, 451.7, 2 (2)</td><td>395.3, 451.7, 2 (2)</td></tr>
 *   <tr><td>CRAZYFLIE (the motors default)</td><td>434.4, 451.7, 2 (2)</td><td>402.9, 451.7, 2 (2)</td></tr>
 * </table>
 *
 * <p>On 500 held-out episodes (seed 4242) the same four give 298.5 / 251.9 with 184 crashes, 335.1 / 267.2 with 140,
 * 383.4 / 342.5 with 98 and 397.1 / 359.7 with 84 (levels 0 / 6); nearly all crashes are within 50 steps.
 *
 * <p>Which crashes could any controller avoid? Of the old guide's seven, five (episodes 0, 4, 7, 11, 13) are flown
 * home by the fixed guide. Episode 6 (x −0.39 m moving −0.88 m/s, 43° tilt) still crashes at step 19 but is
 * recoverable: a cross-entropy search over a 30-step open-loop motor prefix, after which the CRAZYFLIE guide flies,
 * survives all 500 steps. Episode 3 is not: it starts 0.12 m from the y = −0.6 m wall moving outward at 0.86 m/s
 * with the body z axis at (0.96, 0.10, 0.25), i.e. thrust pointing almost along +x. Coasting, it reaches the wall in
 * about 0.14 s; turning the thrust some 85° towards +y takes at least 2·√(1.48 rad / 593 rad/s²) ≈ 0.10 s with
 * instant full differential thrust (thrust-to-weight 1.97, arm 0.028 m), and about 0.17 s once the 72 ms motor lag
 * delays the torque, before the 0.019 m of best-case braking at 19.3 m/s² even starts. The same search (up to 60,000
 * motor sequences of 10, 15 and 30 knots) finds nothing that lasts beyond step 15. With episode 6 flown as well as
 * the other non-hover starts (mean 478.3 at level 0, 437.1 at level 6) and episode 3 as flown, the best achievable
 * means on these 20 episodes are about 458 (level 0) and 426 (level 6), against the CRAZYFLIE guide's 434.4 and
 * 402.9.
 */
package io.spikepilot.training.bc;
