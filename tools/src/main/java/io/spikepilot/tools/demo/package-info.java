/**
 * {@code spikepilot demo}: a whole mission flown by the SNN against the built-in virtual flight controller, with the
 * watchdog catching an injected fault, recorded to a .tlog, a trace, MQTT and a report. Wiring and reporting only;
 * every algorithm it shows lives in the other modules.
 */
package io.spikepilot.tools.demo;
