package io.tlsweep.policy;

import java.util.Objects;

/**
 * Where a rule comes from: the document, the section of it the rule rests on, where to read it, and a note saying
 * how the rule reads the document (an interpretation, a value that could not be confirmed...).
 *
 * @param document the document's title with its version ("NIST SP 800-52 Rev. 2")
 * @param section  the section, table or JSON field the rule rests on ("3.1", "configurations.modern.ciphersuites")
 * @param url      where the document is published
 * @param note     how the rule reads the document; empty when it states the rule plainly
 */
public record PolicySource(String document, String section, String url, String note) {
    public PolicySource {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(note, "note");
    }

    /** {@code NIST SP 800-52 Rev. 2, 3.1}: the document and the section, for one line of a report. */
    public String cite() {
        return section.isEmpty() ? document : document + ", " + section;
    }
}
