package io.tlsweep.report;

import java.util.List;

/** The client-profile sections of report.html: who connects, who loses what when legacy goes, the matrix. */
final class HtmlProfiles {
    private HtmlProfiles() {
    }

    static void write(Html h, ProfileTally t) {
        if (t.isEmpty()) {
            return;
        }
        h.element("h2", "Client profiles: who breaks");
        h.open("table", "id", "profiles").headerRow("Client", "Connects to", "Fails on",
                "Loses when " + t.legacyOffLabel().orElse("TLS 1.0/1.1") + " are off", "Own hello disagreed");
        for (ProfileTally.Column c : t.columns()) {
            h.open("tr").element("td", c.name()).element("td", c.connects(), "id", Html.id("profile-connects-", c.id()))
                    .element("td", c.fails(), "id", Html.id("profile-fails-", c.id()))
                    .element("td", c.legacyOff().total(), "id", Html.id("profile-legacy-off-", c.id()))
                    .element("td", c.disagreements(), "id", Html.id("profile-disagrees-", c.id())).close("tr");
        }
        h.close("table");
        losses(h, "legacy-off", "If you switch off " + t.legacyOffLabel().orElse("SSLv3, TLSv1.0, TLSv1.1")
                + ", these clients lose these endpoints", t.columns(), true);
        t.whatIfLabel().ifPresent(label -> losses(h, "what-if", "What if: switching off " + label
                + " cuts these clients off these endpoints", t.columns(), false));
        matrix(h, t);
    }

    /** A row per client that loses endpoints: how many, which, and each distinct message once with its count. */
    private static void losses(Html h, String id, String title, List<ProfileTally.Column> columns, boolean legacy) {
        h.element("h3", title);
        List<ProfileTally.Column> losing = columns.stream()
                .filter(c -> (legacy ? c.legacyOff() : c.whatIf()).total() > 0).toList();
        if (losing.isEmpty()) {
            h.element("p", "No client profile loses an endpoint.", "class", "note", "id", id + "-none");
            return;
        }
        h.open("table", "id", id).headerRow("Client", "Endpoints lost", "Which", "What the client will show");
        for (ProfileTally.Column c : losing) {
            Capped<ProfileTally.Loss> lost = legacy ? c.legacyOff() : c.whatIf();
            String which = String.join(", ", lost.kept().stream().map(l -> l.sni() == null ? l.target()
                    : l.target() + " (" + l.sni() + ")").toList()) + (lost.more() > 0 ? " and " + lost.more()
                    + " more" : "");
            MessageCounts shown = legacy ? c.legacyOffMessages() : c.whatIfMessages();
            h.open("tr").element("td", c.name()).element("td", lost.total(), "id", Html.id(id + "-", c.id()))
                    .element("td", which).element("td", shown.joined(), "id", Html.id(id + "-message-", c.id()))
                    .close("tr");
        }
        h.close("table");
    }

    private static void matrix(Html h, ProfileTally t) {
        h.element("h3", "Profile × endpoint");
        h.open("div", "class", "wide").open("table", "id", "profile-matrix").open("tr").element("th", "Endpoint")
                .element("th", "Verdict");
        t.columns().forEach(c -> h.element("th", c.name()));
        h.close("tr");
        for (ProfileTally.MatrixRow row : t.matrix().kept()) {
            h.open("tr").element("td", row.target()).element("td", row.verdict());
            for (ProfileTally.Column c : t.columns()) {
                String cell = row.cells().getOrDefault(c.id(), "");
                String css = cell.startsWith("fails") ? "no" : cell.isEmpty() || cell.equals("unknown") ? "" : "modern";
                h.element("td", cell, "class", css);
            }
            h.close("tr");
        }
        h.close("table").close("div");
        h.more(t.matrix().more(), "endpoints");
    }
}
