package io.spikepilot.bridge.ulog;

import java.util.List;
import java.util.Map;

/**
 * A subscription of the data section: message name, multi-instance id, and the layout of its format.
 *
 * @param msgId   the id its data messages carry
 * @param name    the format (topic) name, e.g. {@code vehicle_attitude}
 * @param multiId the instance (0 for the first or only one)
 * @param fields  flattened fields in order (padding left out)
 * @param size    payload bytes of one sample as defined (trailing padding may be absent in the file)
 */
public record UlogTopic(int msgId, String name, int multiId, List<UlogField> fields, Map<String, UlogField> byName,
                        int size) {
    /** The field named {@code name}, or null. */
    public UlogField field(String fieldName) {
        return byName.get(fieldName);
    }
}
