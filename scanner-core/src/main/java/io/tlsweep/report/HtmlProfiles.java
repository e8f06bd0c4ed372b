package io.tlsweep.report;

import java.util.List;

/** The client-profile sections of report.html: who connects, who loses what when legacy goes, the matrix. */
final class HtmlProfiles {
    /** At most this many profile columns in one matrix table. */
    static final int MATRIX_COLUMNS = 12;

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

    /**
     * Which profile connects to which endpoint: endpoints as rows, profiles as columns headed by a short name
     * ({@code P1}, {@code P2}...; the legend names each in full), a mark per cell ({@link ProfileTally#mark}) with
     * the full outcome in its {@code title}. The profiles are split into tables of at most {@value #MATRIX_COLUMNS}
     * columns, so that each fits a desktop window and a printed page.
     */
    private static void matrix(Html h, ProfileTally t) {
        List<ProfileTally.Column> columns = t.columns();
        h.open("section", "id", "profile-matrix-section").element("h3", "Profile × endpoint");
        h.element("p", ProfileTally.CONNECTS + " 1.2: the client connects, with that version; " + ProfileTally.FAILS
                + ": it fails; " + ProfileTally.UNKNOWN + ": unknown; " + ProfileTally.DISAGREES + ": the profile's own"
                + " hello got something else than predicted. Point at a cell for the full outcome.", "class", "note",
                "id", "profile-marks");
        h.open("dl", "class", "legend", "id", "profile-legend");
        for (int i = 0; i < columns.size(); i++) {
            h.element("dt", abbreviation(i)).element("dd", columns.get(i).name() + " (" + columns.get(i).id() + ")");
        }
        h.close("dl");
        int tables = (columns.size() + MATRIX_COLUMNS - 1) / MATRIX_COLUMNS;
        int per = tables == 0 ? 0 : (columns.size() + tables - 1) / tables;
        for (int from = 0; from < columns.size(); from += per) {
            int to = Math.min(columns.size(), from + per);
            h.open("table", "id", from == 0 ? "profile-matrix" : "profile-matrix-" + (from / per + 1), "class",
                    "matrix").open("tr").element("th", "Endpoint").element("th", "Verdict");
            for (int i = from; i < to; i++) {
                h.open("th", "title", columns.get(i).name()).text(abbreviation(i)).close("th");
            }
            h.close("tr");
            for (ProfileTally.MatrixRow row : t.matrix().kept()) {
                h.open("tr").element("td", row.target(), "class", "endpoint").element("td", row.verdict());
                for (int i = from; i < to; i++) {
                    ProfileTally.Column c = columns.get(i);
                    String mark = row.marks().getOrDefault(c.id(), "");
                    String css = mark.startsWith(ProfileTally.FAILS) ? "no" : mark.startsWith(ProfileTally.CONNECTS)
                            ? "modern" : "";
                    h.element("td", mark.isEmpty() ? "–" : mark, "class", css, "title",
                            c.name() + ": " + row.cells().getOrDefault(c.id(), "not asked"));
                }
                h.close("tr");
            }
            h.close("table");
        }
        h.more(t.matrix().more(), "endpoints");
        h.close("section");
    }

    /** The short name of the {@code index}th profile column: P1, P2... */
    static String abbreviation(int index) {
        return "P" + (index + 1);
    }
}
