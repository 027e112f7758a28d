/**
 * The vehicle's hover thrust measured in flight: a short settled PID hover after take-off tells whether the
 * configured hover thrust, which scales every thrust the SNN commands, fits the vehicle before the SNN is asked for.
 */
package io.spikepilot.controller.hover;
