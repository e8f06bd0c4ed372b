package io.tlsweep.report;

import io.tlsweep.analysis.Verdict;
import io.tlsweep.check.Checks;
import io.tlsweep.check.Judgement;
import io.tlsweep.check.PostQuantumCheck;
import io.tlsweep.text.VisibleText;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The table on stdout: one line per endpoint (target, verdict, best version, the reason cut to one line),
 * then totals by verdict, a count line per policy judged ({@code --policy}) and, when active checks ran, the
 * vulnerable endpoints per check, then the next steps (one line per endpoint, capped, the most severe verdicts
 * first). A certificate problem is marked at the head of the reason ("⚠ cert: expired; ...").
 * Rows are printed as results arrive. Line breaks and tabs from servers or input
 * become spaces, other control characters and bidirectional overrides are shown as escapes ({@code \x1b},
 * {@link VisibleText}), so a hostile name cannot repaint the terminal or forge a line.
 */
public final class TextReport {
    static final int TARGET_WIDTH = 32;
    static final int VERDICT_WIDTH = 24;
    static final int VERSION_WIDTH = 8;
    static final int REASON_WIDTH = 90;
    static final int PROFILE_WIDTH = 48;
    /** Endpoints whose next steps are printed (the most severe verdicts first) before "and N more". */
    static final int NEXT_STEPS_SHOWN = 10;
    static final int NEXT_STEP_WIDTH = 160;
    static final int INPUT_ERRORS_SHOWN = 5;
    private static final String FORMAT = "%-" + TARGET_WIDTH + "s %-" + VERDICT_WIDTH + "s %-" + VERSION_WIDTH
            + "s %s%n";

    private final PrintWriter out;
    private final Capped<Advised> nextSteps = Capped.ranked(NEXT_STEPS_SHOWN, Comparator.comparingInt(Advised::severity));

    /** An endpoint's next-steps line, and where its verdict stands (the most severe are printed first). */
    private record Advised(int severity, String line) {
    }
    private final Map<String, Long> totals = new LinkedHashMap<>();
    private final ProfileTally profiles = new ProfileTally(3);
    private final JudgedChecks judged = new JudgedChecks(Checks.BUILT_IN.judged().stream().map(c -> c.id())
            .toList(), 0);
    private final PolicyTally policies = new PolicyTally(0);
    private long endpoints;
    private long pqAsked;
    private long pqKeyExchange;

    public TextReport(PrintWriter out) {
        this.out = out;
        for (Verdict v : Verdict.values()) {
            totals.put(v.label(), 0L);
        }
    }

    /** Prints a whole report: header, a row per result, totals. */
    public static void print(PrintWriter out, Iterable<ResultJson> results) {
        TextReport t = new TextReport(out);
        t.header();
        results.forEach(t::row);
        t.totals();
    }

    public void header() {
        out.printf(FORMAT, "target", "verdict", "best", "reason");
    }

    public void row(ResultJson r) {
        count(r);
        out.print(line(r));
    }

    /** Counts {@code r} in the totals without printing its row. */
    public void count(ResultJson r) {
        endpoints++;
        totals.merge(r.verdict() == null ? "(none)" : r.verdict(), 1L, Long::sum);
        profiles.add(r);
        judged.add(r, "");
        policies.add(r, "", false);
        if (r.checks() != null && r.checks().containsKey(PostQuantumCheck.KEY.id())) {
            pqAsked++;
            pqKeyExchange += Tally.pqKeyExchange(r) ? 1 : 0;
        }
        List<NextStepJson> steps = LineAdvice.of(r);
        if (!steps.isEmpty()) {
            nextSteps.add(new Advised(Tally.severity(r.verdict()), Tally.name(r) + ": " + steps.stream()
                    .map(NextStepJson::step).collect(Collectors.joining("; ")) + " — where: " + steps.get(0).where()));
        }
    }

    /** The row of {@code r}, with its line break; a certificate problem is marked at the head of the reason. */
    public String line(ResultJson r) {
        EndpointFacts e = EndpointFacts.of(r);
        String mark = LineAdvice.markText(r);
        String reason = r.reason() == null ? "" : r.reason();
        return String.format(FORMAT, fit(Tally.name(r), TARGET_WIDTH), fit(r.verdict(), VERDICT_WIDTH),
                e.best().isEmpty() ? "-" : fit(e.best(), VERSION_WIDTH),
                fit(mark.isEmpty() ? reason : mark + "; " + reason, REASON_WIDTH));
    }

    public void totals() {
        out.println();
        out.println("totals: " + totals.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))
                + (endpoints == 0 ? "no endpoints" : " (" + endpoints + " endpoints)"));
        policies.lines().forEach(out::println);
        if (!judged.isEmpty()) {
            out.println("vulnerable endpoints per check: " + judged.ids().stream().map(this::vulnerable)
                    .collect(Collectors.joining(", ")));
        }
        if (pqAsked > 0) {
            out.println("endpoints with PQ key exchange: " + pqKeyExchange + " of " + endpoints
                    + " (X25519MLKEM768 or another hybrid group taken)");
        }
        if (!profiles.isEmpty()) {
            losses("if " + profiles.legacyOffLabel().orElse("TLS 1.0/1.1") + " are switched off", true);
            profiles.whatIfLabel().ifPresent(label -> {
                if (sameLosses()) {
                    out.println("what if " + label + " are switched off: the same clients lose the same endpoints");
                } else {
                    losses("what if " + label + " are switched off", false);
                }
            });
            long disagreements = profiles.columns().stream().mapToLong(ProfileTally.Column::disagreements).sum();
            if (disagreements > 0) {
                out.println("client profiles whose own hello disagreed with the prediction: " + disagreements
                        + " (finding " + ResultJson.PROFILE_DISAGREES + ")");
            }
        }
        nextSteps();
        out.flush();
    }

    /** One line per endpoint with next steps: what to change, and where the first change is set. */
    private void nextSteps() {
        if (nextSteps.total() == 0) {
            return;
        }
        out.println("next steps (" + nextSteps.total() + " endpoint(s); sources in report.html, \"What to do\"):");
        nextSteps.kept().forEach(a -> out.println("  " + fit(a.line(), NEXT_STEP_WIDTH)));
        if (nextSteps.more() > 0) {
            out.println("  … and " + nextSteps.more() + " more (endpoints.csv column nextStep)");
        }
    }

    /**
     * The input errors of the run, after the totals: how many, and the first {@value #INPUT_ERRORS_SHOWN} with
     * where and what (more are in summary.json and report.html). Nothing when there were none.
     */
    public void inputErrors(InputJson input) {
        if (input.inputErrors() == 0) {
            return;
        }
        out.println("input errors: " + input.inputErrors() + " (target lines that could not be read, not scanned)");
        input.firstInputErrors().stream().limit(INPUT_ERRORS_SHOWN)
                .forEach(e -> out.println("  " + VisibleText.of(e.origin() + ": " + e.message())));
        long more = input.inputErrors() - Math.min(INPUT_ERRORS_SHOWN, input.firstInputErrors().size());
        if (more > 0) {
            out.println("  ... and " + more + " more");
        }
        out.flush();
    }

    /** "heartbleed 1 of 40 (2 inconclusive)": of the endpoints the check gave a result on. */
    private String vulnerable(String id) {
        long checked = judged.counts(id).values().stream().mapToLong(Long::longValue).sum();
        long unsure = judged.count(id, Judgement.Result.INCONCLUSIVE);
        return id + " " + judged.count(id, Judgement.Result.VULNERABLE) + " of " + checked
                + (unsure > 0 ? " (" + unsure + " inconclusive)" : "");
    }

    /**
     * Whether the what-if takes from every client profile what switching the legacy versions off takes, with the
     * same messages.
     */
    private boolean sameLosses() {
        return profiles.columns().stream().allMatch(c -> c.legacyOff().total() == c.whatIf().total()
                && c.legacyOffMessages().entries().equals(c.whatIfMessages().entries())
                && c.legacyOff().kept().stream().map(ProfileTally.Loss::target).toList()
                        .equals(c.whatIf().kept().stream().map(ProfileTally.Loss::target).toList()));
    }

    /**
     * A line per client that loses endpoints; when its endpoints fail differently, each distinct message follows on
     * its own line with its count of endpoints, so no message stands for another failure.
     */
    private void losses(String title, boolean legacy) {
        List<ProfileTally.Column> losing = profiles.columns().stream()
                .filter(c -> (legacy ? c.legacyOff() : c.whatIf()).total() > 0).toList();
        if (losing.isEmpty()) {
            out.println(title + ": no client profile loses an endpoint");
            return;
        }
        out.println(title + ", these clients lose endpoints:");
        for (ProfileTally.Column c : losing) {
            Capped<ProfileTally.Loss> lost = legacy ? c.legacyOff() : c.whatIf();
            MessageCounts shown = legacy ? c.legacyOffMessages() : c.whatIfMessages();
            ProfileTally.Loss first = lost.kept().get(0);
            String example = shown.single() ? first.target() + (first.message().isEmpty() ? "" : ": "
                    + first.message()) : first.target();
            out.printf("  %-" + PROFILE_WIDTH + "s %d endpoint(s), e.g. %s%n", fit(c.name(), PROFILE_WIDTH),
                    lost.total(), fit(example, REASON_WIDTH));
            if (!shown.single()) {
                shown.counts().forEach((m, n) -> out.println("      " + n + " endpoint(s): " + fit(m, REASON_WIDTH)));
                if (shown.others() > 0) {
                    out.println("      " + shown.others() + " endpoint(s) with other messages");
                }
            }
        }
    }

    /**
     * One line of at most {@code width} characters: runs of blanks (space, tab, line breaks, Unicode spaces) as
     * one space, other control characters as {@link VisibleText} escapes, cut at a word boundary where one is
     * near, with "…" when cut.
     */
    public static String fit(String s, int width) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), width + 1));
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean blank = c == ' ' || c == '\t' || c == '\n' || c == '\r'
                    || Character.isSpaceChar(c) && !VisibleText.isUnsafe(c);
            if (blank) {
                if (b.length() > 0 && b.charAt(b.length() - 1) != ' ') {
                    b.append(' ');
                }
            } else {
                b.append(VisibleText.isUnsafe(c) ? VisibleText.of(String.valueOf(c)) : c);
            }
        }
        String one = b.toString().strip();
        if (one.length() <= width) {
            return one;
        }
        String cut = one.substring(0, width - 1);
        int space = cut.lastIndexOf(' ');
        if (space > width * 2 / 3) {
            cut = cut.substring(0, space);
        }
        return cut.stripTrailing() + "…";
    }
}
