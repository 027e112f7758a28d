package io.spikepilot.bridge.ulog;

/**
 * One scalar or array field of a topic, flattened: nested formats become {@code parent.child} names, arrays keep one
 * field with a count. Byte offsets are within the data message's payload after its msg_id.
 *
 * @param name   flattened name, e.g. {@code q} or {@code estimator_status.x}
 * @param type   the element's ULog type name ({@code float}, {@code uint64_t}, ...)
 * @param offset byte offset of element 0
 * @param count  elements (1 for a scalar)
 */
public record UlogField(String name, String type, int offset, int count) {
    /** Bytes of one element of a basic type, or -1 when the type is not basic. */
    public static int sizeOf(String type) {
        switch (type) {
            case "int8_t": case "uint8_t": case "bool": case "char":
                return 1;
            case "int16_t": case "uint16_t":
                return 2;
            case "int32_t": case "uint32_t": case "float":
                return 4;
            case "int64_t": case "uint64_t": case "double":
                return 8;
            default:
                return -1;
        }
    }

    /** Bytes of all elements. */
    public int size() {
        return sizeOf(type) * count;
    }
}
