package io.spikepilot.flight;

import io.spikepilot.bridge.session.SessionException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Disarming after our own touchdown detection. The autopilot refuses a disarm while its land detector still sees
 * flight (PX4 and ArduPilot both want a moment of ground contact first), so refusals are retried for a while, with
 * our idle setpoints still streaming, before the pilot is told to disarm by hand.
 */
final class DisarmAfterTouchdown {
    /** How long after our touchdown the autopilot's land detector may take to agree, ms. */
    static final long PATIENCE_MS = 5_000;
    /** Pause between attempts, ms. */
    static final long RETRY_MS = 250;

    /** One disarm request; throws when the autopilot refuses or does not confirm. */
    interface Attempt {
        void disarm() throws SessionException;
    }

    /** Sleeps for the given milliseconds (a seam for tests). */
    interface Pause {
        void ms(long ms) throws InterruptedException;
    }

    private final BooleanSupplier armed;
    private final Attempt attempt;
    private final LongSupplier clockNs;
    private final Pause pause;

    DisarmAfterTouchdown(BooleanSupplier armed, Attempt attempt, LongSupplier clockNs, Pause pause) {
        this.armed = armed;
        this.attempt = attempt;
        this.clockNs = clockNs;
        this.pause = pause;
    }

    /** Disarms if armed, retrying refusals for {@link #PATIENCE_MS}; then throws the last refusal, explained. */
    void run() throws SessionException, InterruptedException {
        long deadlineNs = clockNs.getAsLong() + PATIENCE_MS * 1_000_000L;
        while (armed.getAsBoolean()) {
            try {
                attempt.disarm();
            } catch (SessionException refused) {
                if (clockNs.getAsLong() >= deadlineNs) {
                    throw new SessionException(refused.getMessage() + "; still refused " + PATIENCE_MS
                            + " ms after touchdown: the autopilot's land detector does not agree that the vehicle "
                            + "landed. Disarm it from the ground station or the RC transmitter.");
                }
                pause.ms(RETRY_MS);
            }
        }
    }
}
