package io.tlsweep.report;

import io.tlsweep.analysis.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The verdict table on stdout, from a run's results.jsonl (each endpoint once, its last line): the endpoints that
 * answered, most severe verdict first ({@link Verdict}'s order, a verdict of another build last), each verdict's
 * rows in file order; then the endpoints where nothing answered ({@link NoAnswer}), as one line that counts them
 * by failure kind, or, with {@code all}, as rows of their own after the others; then the totals of every
 * endpoint. Only the answering endpoints' rows are held in memory.
 */
public final class VerdictTable {
    /** The option that lists the endpoints where nothing answered. */
    public static final String ALL_OPTION = "--all";

    private VerdictTable() {
    }

    public static void print(PrintWriter out, Path resultsJsonl, boolean all, InputJson input) throws IOException {
        TextReport text = new TextReport(out);
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            rows.put(v.label(), new ArrayList<>());
        }
        Map<String, Long> silent = new LinkedHashMap<>();
        NoAnswer.labels().forEach(k -> silent.put(k, 0L));
        ResultLines.read(resultsJsonl, r -> {
            text.count(r);
            NoAnswer.kind(r).ifPresentOrElse(k -> silent.merge(k.label(), 1L, Long::sum),
                    () -> rows.computeIfAbsent(String.valueOf(r.verdict()), v -> new ArrayList<>()).add(text.line(r)));
        }, e -> { });
        text.header();
        rows.values().forEach(list -> list.forEach(out::print));
        long quiet = silent.values().stream().mapToLong(Long::longValue).sum();
        if (quiet > 0 && all) {
            ResultLines.read(resultsJsonl, r -> {
                if (NoAnswer.test(r)) {
                    out.print(text.line(r));
                }
            }, e -> { });
        } else if (quiet > 0) {
            out.println(noAnswerLine(silent));
        }
        text.totals();
        text.inputErrors(input);
        out.flush();
    }

    /** "and 23 endpoints where nothing answered (connect-refused 20, read-timeout 3): --all to list them". */
    static String noAnswerLine(Map<String, Long> byKind) {
        long n = byKind.values().stream().mapToLong(Long::longValue).sum();
        return "and " + n + (n == 1 ? " endpoint" : " endpoints") + " where nothing answered ("
                + byKind.entrySet().stream().filter(e -> e.getValue() > 0).map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")) + "): " + ALL_OPTION + " to list them";
    }
}
