package io.tlsweep.result;

import java.util.List;

/**
 * Evidence that contradicts itself and could not be settled by asking again: one hello (or one version's
 * probing) whose answer was lost on every attempt although the same endpoint gave that answer, or a
 * contradicting one, in other connections.
 *
 * @param step what was asked: "TLSv1.2 suites", "TLSv1.2 order", "profile java17"...
 * @param seen what each attempt got, in order ("reset-before-reply", "closed-before-reply"...)
 * @param contradicts the evidence from other connections it disagrees with
 */
public record Inconsistency(String step, List<String> seen, String contradicts) {
    public Inconsistency {
        seen = List.copyOf(seen);
    }

    public int attempts() {
        return seen.size();
    }

    /** "TLSv1.2 suites: reset-before-reply ×4 against ..." in one line. */
    @Override
    public String toString() {
        return step + ": " + seenSummary() + " in " + attempts() + " attempt" + (attempts() == 1 ? "" : "s")
                + ", against " + contradicts;
    }

    /** The attempts' outcomes, runs of the same one counted: "reset-before-reply ×3, closed-before-reply". */
    public String seenSummary() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < seen.size(); ) {
            int j = i;
            while (j < seen.size() && seen.get(j).equals(seen.get(i))) {
                j++;
            }
            b.append(b.length() == 0 ? "" : ", ").append(seen.get(i)).append(j - i > 1 ? " ×" + (j - i) : "");
            i = j;
        }
        return b.toString();
    }
}
