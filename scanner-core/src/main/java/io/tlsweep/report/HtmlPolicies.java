package io.tlsweep.report;

import java.util.Map;

/**
 * report.html's "Policies" section: per policy the run judged ({@code --policy}), its endpoints per verdict; then
 * per endpoint not compliant with one, each failed rule with what was seen and the source it rests on (a plain
 * link to the document where it is published over http or https). Absent when no policy was judged.
 */
final class HtmlPolicies {
    private HtmlPolicies() {
    }

    static void write(Html h, PolicyTally policies) {
        if (policies.isEmpty()) {
            return;
        }
        h.open("section", "id", "policies-section").element("h2", "Policies");
        h.element("p", "Each endpoint judged against each policy chosen: not compliant when a rule that the scan could"
                + " check fails; not applicable when nothing was scanned to judge (the scan failed, no version was"
                + " accepted). Rules the scan cannot check are listed in results.jsonl (unchecked).", "class",
                "note");
        h.open("table", "id", "policies").headerRow("Policy", "Compliant", "Not compliant", "Not applicable");
        for (Map.Entry<String, Map<String, Long>> e : policies.counts().entrySet()) {
            h.open("tr").element("td", e.getKey());
            for (String verdict : PolicyTally.VERDICTS) {
                h.element("td", e.getValue().getOrDefault(verdict, 0L), "id", Html.id("policy-" + verdict + "-",
                        e.getKey()));
            }
            h.close("tr");
        }
        h.close("table");
        Capped<PolicyTally.Row> rows = policies.notCompliant();
        if (rows.total() > 0) {
            h.element("h3", "Endpoints not compliant (" + rows.total() + ")");
            h.open("div", "class", "wide").open("table", "id", "policy-failures")
                    .headerRow("Endpoint", "Policy", "Rule", "What was seen", "Source");
            for (PolicyTally.Row row : rows.kept()) {
                for (PolicyJson p : row.notCompliant()) {
                    for (PolicyJson.RuleJson rule : p.failed() == null ? java.util.List.<PolicyJson.RuleJson>of()
                            : p.failed()) {
                        h.open("tr").element("td", row.endpoint(), "class", "endpoint").element("td", p.policy())
                                .element("td", rule.rule()).element("td", rule.reason(), "class", "long");
                        source(h, rule.source());
                        h.close("tr");
                    }
                }
            }
            h.close("table").close("div");
            h.more(rows.more(), "endpoints");
        }
        h.close("section");
    }

    /** The source cited, linked to where it is published when that is a web address. */
    private static void source(Html h, PolicyJson.SourceJson s) {
        h.open("td", "class", "long");
        if (s != null) {
            String url = s.url() == null ? "" : s.url();
            if (url.startsWith("https://") || url.startsWith("http://")) {
                h.open("a", "href", url).text(s.cite()).close("a");
            } else {
                h.text(s.cite());
            }
            if (s.note() != null && !s.note().isEmpty()) {
                h.open("br").element("small", s.note());
            }
        }
        h.close("td");
    }
}
