package io.tlsweep.cli;

import io.tlsweep.analysis.Verdict;
import io.tlsweep.report.ResultJson;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The text table on stdout: one line per endpoint with its verdict and reason, then totals. */
final class ResultTable {
    private static final int REASON_WIDTH = 100;
    private final PrintWriter out;

    ResultTable(PrintWriter out) {
        this.out = out;
    }

    void print(Collection<ResultJson> results) {
        out.printf("%n%-26s %-24s %-8s %s%n", "target", "verdict", "best", "reason");
        Map<String, Integer> totals = new TreeMap<>(Comparator.comparing(Verdict::ofLabel));
        results.stream().sorted(Comparator.comparing((ResultJson r) -> Verdict.ofLabel(r.verdict()))
                        .thenComparing(ResultJson::origin))
                .forEach(r -> {
                    totals.merge(r.verdict(), 1, Integer::sum);
                    String best = r.protocols().isEmpty() ? "-" : r.protocols().get(r.protocols().size() - 1).version();
                    out.printf("%-26s %-24s %-8s %s%n", name(r), r.verdict(), best, clip(r.reason()));
                });
        out.println();
        out.println("totals: " + totals.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")) + " (" + results.size() + " endpoints)");
        out.flush();
    }

    private static String name(ResultJson r) {
        return r.origin().startsWith("argument") || r.origin().contains(":") ? r.target() : r.origin();
    }

    private static String clip(String s) {
        return s.length() <= REASON_WIDTH ? s : s.substring(0, REASON_WIDTH - 3) + "...";
    }
}
