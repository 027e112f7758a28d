package io.spikepilot.simulator.vfc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The autopilot parameters the virtual flight controller models, in the order PARAM_REQUEST_LIST sends them. Each
 * has a MAVLink name (at most 16 characters), a MAV_PARAM_TYPE and a range; values are kept as the float that
 * PARAM_VALUE carries, as ArduPilot reports them.
 */
public final class VfcParameters {
    /** MAV_PARAM_TYPE_INT32. */
    public static final int TYPE_INT32 = 6;
    /** MAV_PARAM_TYPE_REAL32. */
    public static final int TYPE_REAL32 = 9;

    private final List<String> names = new ArrayList<>();
    private final List<Integer> types = new ArrayList<>();
    private final List<double[]> ranges = new ArrayList<>();
    private final List<Float> values = new ArrayList<>();

    /** Adds a parameter with its default; returns this for chaining. */
    VfcParameters define(String name, int type, double defaultValue, double min, double max) {
        if (name.length() > 16 || indexOf(name) >= 0) {
            throw new IllegalArgumentException("parameter name '" + name + "' is longer than 16 characters or taken");
        }
        names.add(name);
        types.add(type);
        ranges.add(new double[]{min, max});
        values.add((float) defaultValue);
        return this;
    }

    /** How many parameters there are (PARAM_VALUE.param_count). */
    public int count() {
        return names.size();
    }

    /** Index of {@code name}, or -1 when there is no such parameter. */
    public int indexOf(String name) {
        return names.indexOf(name);
    }

    /** The parameter's name at {@code index}. */
    public String name(int index) {
        return names.get(index);
    }

    /** MAV_PARAM_TYPE of the parameter at {@code index}. */
    public int type(int index) {
        return types.get(index);
    }

    /** The value of the parameter at {@code index}. */
    public float value(int index) {
        return values.get(index);
    }

    /** The value of {@code name}; it must exist (the dialects read only their own parameters). */
    public float value(String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return values.get(i);
    }

    /**
     * Sets {@code name} to {@code value} (an INT32 parameter is rounded). Returns null when taken, otherwise why not,
     * naming the parameter, what was expected and what was found.
     */
    public String set(String name, double value) {
        int i = indexOf(name);
        if (i < 0) {
            return "no parameter " + name + (names.isEmpty() ? " (this autopilot models none)"
                    : " (known: " + String.join(", ", names) + ")");
        }
        double[] range = ranges.get(i);
        double v = types.get(i) == TYPE_INT32 ? Math.rint(value) : value;
        if (!(v >= range[0] && v <= range[1])) {
            return String.format(Locale.ROOT, "parameter %s expected a value in [%s, %s], found %s", name,
                    plain(range[0]), plain(range[1]), plain(value));
        }
        values.set(i, (float) v);
        return null;
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
