package io.spikepilot.tools.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The doctor's rows, as a table a person reads top to bottom: one line a check, its fix indented below. */
public final class DoctorTable {
    private final List<Check> checks = new ArrayList<>();

    public void add(Check check) {
        checks.add(check);
    }

    public void addAll(List<Check> more) {
        checks.addAll(more);
    }

    public List<Check> checks() {
        return List.copyOf(checks);
    }

    /** The gravest verdict of all rows ({@link Verdict#PASS} for none). */
    public Verdict worst() {
        Verdict worst = Verdict.PASS;
        for (Check c : checks) {
            worst = worst.worse(c.verdict());
        }
        return worst;
    }

    public String render() {
        int width = "check".length();
        for (Check c : checks) {
            width = Math.max(width, c.name().length());
        }
        String rowFormat = "%-" + width + "s  %-4s  %s%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, rowFormat, "check", "", "finding"));
        String indent = " ".repeat(width + 8);
        for (Check c : checks) {
            out.append(String.format(Locale.ROOT, rowFormat, c.name(), c.verdict(), c.finding()));
            if (c.fix() != null) {
                out.append(indent).append("fix: ").append(c.fix()).append(System.lineSeparator());
            }
        }
        int[] counts = new int[Verdict.values().length];
        for (Check c : checks) {
            counts[c.verdict().ordinal()]++;
        }
        out.append(String.format(Locale.ROOT, "%d pass, %d warn, %d fail, %d skipped: %s%n",
                counts[Verdict.PASS.ordinal()], counts[Verdict.WARN.ordinal()], counts[Verdict.FAIL.ordinal()],
                counts[Verdict.SKIP.ordinal()], switch (worst()) {
                    case FAIL -> "NOT READY to fly; fix the failures above";
                    case WARN -> "ready to fly, with the warnings above";
                    default -> "ready to fly";
                }));
        return out.toString();
    }
}
