package io.spikepilot.calibration.nir;

import io.spikepilot.controller.snn.SnnNetwork;
import java.util.List;

/**
 * An imported NIR graph.
 *
 * @param network   the float network, ready for {@code PolicyFile.write} once flight metadata is added
 * @param version   the NIR version string stored in the file
 * @param notes     what the conversion assumed (dt, reset reading, folded gains, appended tanh), for provenance
 */
public record NirImport(SnnNetwork network, String version, List<String> notes) {
}
