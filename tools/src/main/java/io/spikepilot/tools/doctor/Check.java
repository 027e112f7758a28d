package io.spikepilot.tools.doctor;

import java.util.Objects;

/**
 * One row of the doctor's table.
 *
 * @param name    what was checked, a few words
 * @param verdict how it came out
 * @param finding what was found, with the numbers
 * @param fix     what to do about it; null for a pass or a skip
 */
public record Check(String name, Verdict verdict, String finding, String fix) {
    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(finding, "finding");
        if ((verdict == Verdict.WARN || verdict == Verdict.FAIL) && fix == null) {
            throw new IllegalArgumentException("check '" + name + "' is " + verdict + " without a fix");
        }
    }

    public static Check pass(String name, String finding) {
        return new Check(name, Verdict.PASS, finding, null);
    }

    public static Check skip(String name, String finding) {
        return new Check(name, Verdict.SKIP, finding, null);
    }

    public static Check warn(String name, String finding, String fix) {
        return new Check(name, Verdict.WARN, finding, fix);
    }

    public static Check fail(String name, String finding, String fix) {
        return new Check(name, Verdict.FAIL, finding, fix);
    }
}
