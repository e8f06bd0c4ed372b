package io.tlsweep.report;

/**
 * The report's first section when evidence of use (server logs, captures) was joined with the run: the endpoints
 * whose TLS 1.0/1.1 clients still use, with those clients, then the endpoints that accept them and where nobody
 * did: the safe switch-offs. Absent when no line carries evidence.
 */
final class HtmlEvidence {
    private HtmlEvidence() {
    }

    static void write(Html h, LegacyUseTally t) {
        if (t.joined() == 0) {
            return;
        }
        h.element("h2", "Legacy versions in use: switching them off breaks these clients");
        if (t.inUse().total() == 0) {
            h.element("p", "None: no client of an endpoint that accepts SSL 3.0, TLS 1.0 or TLS 1.1 completed a"
                    + " handshake with one in the evidence read.", "class", "note");
        } else {
            h.open("table", "id", "legacy-in-use").headerRow("Endpoint", "Accepts", "Clients", "Evidence");
            for (LegacyUseTally.Row r : t.inUse().kept()) {
                h.open("tr").element("td", r.endpoint()).element("td", r.accepted()).open("td");
                for (int i = 0; i < r.clients().size(); i++) {
                    if (i > 0) {
                        h.raw("<br>");
                    }
                    h.text(r.clients().get(i));
                }
                h.close("td").element("td", r.summary()).close("tr");
            }
            h.close("table");
            h.more(t.inUse().more(), "endpoints with legacy clients");
        }
        h.element("h2", "Legacy versions unused: safe to switch off");
        if (t.unused().total() == 0) {
            h.element("p", "None: no endpoint that accepts a legacy version is covered by the evidence without a"
                    + " legacy handshake in it.", "class", "note");
        } else {
            h.open("table", "id", "legacy-unused").headerRow("Endpoint", "Accepts", "Evidence");
            for (LegacyUseTally.Row r : t.unused().kept()) {
                h.row(r.endpoint(), r.accepted(), r.summary());
            }
            h.close("table");
            h.more(t.unused().more(), "safe switch-offs");
        }
        if (t.noEvidence() > 0) {
            h.element("p", t.noEvidence() + " endpoint(s) accept a legacy version and no evidence read names them:"
                    + " nothing can be said of their clients.", "class", "note");
        }
    }
}
