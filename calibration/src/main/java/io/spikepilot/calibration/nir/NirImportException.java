package io.spikepilot.calibration.nir;

import java.io.IOException;

/** A NIR file that cannot become a policy; the message names the file, the node or field, the expectation and the finding. */
public final class NirImportException extends IOException {
    private static final long serialVersionUID = 1L;

    public NirImportException(String source, String field, String expected, String found) {
        super(source + ": " + field + ": expected " + expected + ", found " + found);
    }
}
