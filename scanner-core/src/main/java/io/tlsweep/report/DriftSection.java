package io.tlsweep.report;

import io.tlsweep.report.drift.DriftClass;
import io.tlsweep.report.drift.DriftJson;
import io.tlsweep.report.drift.DriftJson.ChangeJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The "Changes since <baseline>" section of report.html, from the run directory's {@code drift.json}: a count
 * per drift class (stable ids {@code drift-count-legacy-enabled}...) and the changes, at most {@code cap} rows.
 * The file is streamed, so a huge drift costs only the rows shown. A drift.json that cannot be read gives a
 * section that says so rather than no report.
 */
final class DriftSection {
    private final DriftJson.Head head;
    private final String error;

    private DriftSection(DriftJson.Head head, String error) {
        this.head = head;
        this.error = error;
    }

    /** The section for {@code dir/drift.json}, or empty when there is no such file. */
    static Optional<DriftSection> readIfPresent(Path dir, int cap) {
        Path file = dir.resolve(DriftJson.FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(new DriftSection(DriftJson.read(in, cap), null));
        } catch (IOException | RuntimeException e) {
            return Optional.of(new DriftSection(null, DriftJson.FILE + " could not be read: " + e.getMessage()));
        }
    }

    /** The section for a drift at hand, showing at most {@code cap} changes. */
    static DriftSection of(DriftJson drift, int cap) {
        int kept = Math.min(cap, drift.changes().size());
        return new DriftSection(new DriftJson.Head(new DriftJson(drift.schema(), drift.baseline(), drift.run(),
                drift.endpoints(), drift.counts(), drift.changes().subList(0, kept)), drift.changes().size()), null);
    }

    void write(Html h) {
        if (head == null) {
            h.element("h2", "Changes since the previous run", "id", "drift");
            h.element("p", error, "class", "note", "id", "drift-error");
            return;
        }
        DriftJson d = head.drift();
        h.element("h2", "Changes since " + (d.baseline() == null ? "the previous run" : d.baseline()), "id", "drift");
        String endpoints = d.endpoints() == null ? ""
                : " (" + d.endpoints().baseline() + " endpoints then, " + d.endpoints().run() + " now)";
        h.element("p", head.changes() + (head.changes() == 1 ? " change" : " changes") + " from "
                + nonEmpty(d.baseline(), "the baseline") + " to " + nonEmpty(d.run(), "this run") + endpoints + ".");
        counts(h, d.counts());
        if (head.changes() == 0) {
            h.element("p", "No changes.", "class", "note", "id", "drift-none");
            return;
        }
        h.open("table", "id", "drift-changes").headerRow("Endpoint", "SNI", "Change", "Detail", "Before", "Now");
        for (ChangeJson c : d.changes()) {
            h.row(c.target(), c.sni(), c.driftClass(), c.detail(), c.oldValue(), c.newValue());
        }
        h.close("table");
        if (head.more() > 0) {
            h.element("p", "… and " + head.more() + " more changes (see " + DriftJson.FILE + ")", "class", "more");
        }
    }

    private static void counts(Html h, Map<String, Long> counts) {
        h.open("table", "id", "drift-counts").headerRow("Change", "What it means", "Count");
        for (DriftClass c : DriftClass.values()) {
            count(h, c.label(), c.title(), counts.getOrDefault(c.label(), 0L));
        }
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (DriftClass.ofLabel(e.getKey()).isEmpty()) {
                count(h, e.getKey(), "", e.getValue());
            }
        }
        h.close("table");
    }

    private static void count(Html h, String label, String title, Long n) {
        h.open("tr").element("td", label).element("td", title)
                .element("td", n == null ? 0 : n, "id", Html.id("drift-count-", label)).close("tr");
    }

    private static String nonEmpty(String s, String otherwise) {
        return s == null || s.isBlank() ? otherwise : s;
    }
}
