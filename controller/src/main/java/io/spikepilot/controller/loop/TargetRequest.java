package io.spikepilot.controller.loop;

/**
 * A new hover target from the operator, NWU world frame.
 *
 * @param xNwuM     north, m
 * @param yNwuM     west, m
 * @param zNwuM     up, m
 * @param yawNwuRad heading, rad (0 = north, counter-clockwise seen from above)
 */
public record TargetRequest(double xNwuM, double yNwuM, double zNwuM, double yawNwuRad) {
    /** Rejects non-finite values, naming the field. */
    public TargetRequest {
        finite("xNwuM", xNwuM);
        finite("yNwuM", yNwuM);
        finite("zNwuM", zNwuM);
        finite("yawNwuRad", yawNwuRad);
    }

    private static void finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("target: field '" + field + "' expected a finite number, found "
                    + value);
        }
    }
}
