package io.tlsweep.report;

import io.tlsweep.check.Judgement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The table that opens report.html's "Checks" section: endpoint × active check, a symbol per result (✗ vulnerable, ✓ not vulnerable,
 * – not applicable, ? inconclusive; empty when the check did not run there), the reason on hover and, for the
 * results that need reading (vulnerable, inconclusive), folded out under the symbol; the connections the checks
 * took; and a first row counting the vulnerable endpoints per check. Endpoints with a vulnerable result come
 * first. Absent when no check gave a result.
 */
final class HtmlChecks {
    private HtmlChecks() {
    }

    /** How a result looks: its symbol and its cell's class. */
    static String symbol(Judgement.Result result) {
        return switch (result) {
            case VULNERABLE -> "✗";
            case NOT_VULNERABLE -> "✓";
            case NOT_APPLICABLE -> "–";
            case INCONCLUSIVE -> "?";
        };
    }

    private static String look(Judgement.Result result) {
        return switch (result) {
            case VULNERABLE -> "vuln";
            case NOT_VULNERABLE -> "fine";
            case NOT_APPLICABLE -> "na";
            case INCONCLUSIVE -> "unsure";
        };
    }

    static void write(Html h, JudgedChecks judged) {
        if (judged.isEmpty()) {
            return;
        }
        List<String> ids = judged.ids();
        h.element("h3", "Active checks");
        h.element("p", "✗ vulnerable, ✓ not vulnerable, – not applicable, ? inconclusive, empty: not run. The"
                + " reason shows on hover; a vulnerable or inconclusive result unfolds it.", "class", "note");
        h.open("div", "class", "wide").open("table", "id", "checks").open("tr").element("th", "Endpoint");
        ids.forEach(id -> h.element("th", id));
        h.element("th", "Connections").close("tr");
        h.open("tr").element("th", "Vulnerable endpoints");
        for (String id : ids) {
            Map<Judgement.Result, Long> counts = judged.counts(id);
            long checked = counts.values().stream().mapToLong(Long::longValue).sum();
            h.element("td", counts.get(Judgement.Result.VULNERABLE), "id", Html.id("checks-vulnerable-", id),
                    "title", checked + " endpoints checked, " + counts.get(Judgement.Result.INCONCLUSIVE)
                            + " inconclusive");
        }
        h.element("td", "").close("tr");
        List<JudgedChecks.Row> rows = new ArrayList<>(judged.vulnerable().kept());
        rows.addAll(judged.others().kept());
        for (JudgedChecks.Row r : rows) {
            h.open("tr").element("td", r.endpoint());
            for (String id : ids) {
                cell(h, r.cells().get(id));
            }
            h.element("td", r.connections()).close("tr");
        }
        h.close("table").close("div");
        h.more(judged.vulnerable().more() + judged.others().more(), "endpoints");
    }

    private static void cell(Html h, JudgedChecks.Cell c) {
        if (c == null) {
            h.element("td", "", "class", "check");
            return;
        }
        Judgement j = c.judgement();
        String hover = j + " (" + c.connections() + (c.connections() == 1 ? " connection)" : " connections)");
        h.open("td", "class", "check " + look(j.result()), "title", hover);
        if (j.result() == Judgement.Result.VULNERABLE || j.result() == Judgement.Result.INCONCLUSIVE) {
            h.open("details").element("summary", symbol(j.result())).element("small", j.reason()).close("details");
        } else {
            h.text(symbol(j.result()));
        }
        h.close("td");
    }
}
