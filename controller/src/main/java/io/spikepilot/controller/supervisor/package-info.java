/**
 * The watchdog: one pure, table-tested decision per tick that says who flies (idle, PID, SNN, land) and why.
 *
 * <p>{@link io.spikepilot.controller.supervisor.Supervisor#decide} reads only its arguments (time is passed in, the
 * memory is an explicit {@link io.spikepilot.controller.supervisor.SupervisorMemory}), so every transition can be
 * reproduced from a log row and tested as a table, the way PX4 tests its failsafe.
 */
package io.spikepilot.controller.supervisor;
