package io.tlsweep.report.drift;

import io.tlsweep.text.Labelled;
import io.tlsweep.text.Labels;
import java.util.Optional;

/**
 * The kinds of change between two runs, in the order reports list them. Each has a stable label used in
 * drift.json, on the command line ({@code --fail-on drift:legacy}) and as the Prometheus {@code class}
 * label.
 */
public enum DriftClass implements Labelled {
    /** The endpoint is in the new run only. */
    APPEARED("appeared", "Appeared"),
    /** The endpoint is in the old run only. */
    DISAPPEARED("disappeared", "Disappeared"),
    /** A protocol version is accepted now and was not before. */
    VERSION_ENABLED("version-enabled", "Version enabled"),
    /** A protocol version was accepted before and is not now. */
    VERSION_DISABLED("version-disabled", "Version disabled"),
    /** SSLv2, SSLv3, TLSv1.0 or TLSv1.1 came back: reported in addition to {@link #VERSION_ENABLED}. */
    LEGACY_ENABLED("legacy-enabled", "Legacy version enabled"),
    /** A cipher suite is accepted now with a version accepted in both runs. */
    SUITE_ENABLED("suite-enabled", "Suite enabled"),
    /** A cipher suite is no longer accepted with a version accepted in both runs. */
    SUITE_DISABLED("suite-disabled", "Suite disabled"),
    /** Whose order decides changed, or the server's order of the same suites changed. */
    ORDER_CHANGED("order-changed", "Suite order changed"),
    /** The leaf certificate's SHA-256 fingerprint changed. */
    CERTIFICATE_CHANGED("certificate-changed", "Certificate changed"),
    /** The new run has a cert-expiring-soon or cert-expired finding the old one lacked. */
    CERTIFICATE_EXPIRING("certificate-expiring", "Certificate expiring"),
    /**
     * An active check found the endpoint vulnerable and did not before (not-vulnerable, not-applicable or
     * inconclusive then): a worsening. Only between two runs that both ran the check there.
     */
    CHECK_VULNERABLE("check-vulnerable", "Check found it vulnerable"),
    /** Any other change of an active check's result: vulnerable no more, or not-vulnerable now inconclusive. */
    CHECK_CHANGED("check-changed", "Check result changed"),
    /**
     * The evidence of use names a client of a legacy version (SSL 3.0, TLS 1.0, 1.1) the baseline's did not: one
     * that switching it off now breaks. Only between two runs that both had evidence joined.
     */
    LEGACY_CLIENT_APPEARED("legacy-client-appeared", "Legacy client appeared"),
    /** A client of a legacy version the baseline's evidence named is not in this run's. */
    LEGACY_CLIENT_GONE("legacy-client-gone", "Legacy client gone"),
    /** The verdict changed. */
    VERDICT_CHANGED("verdict-changed", "Verdict changed"),
    /** The scan status changed (ok, unreachable, rejected...). */
    STATUS_CHANGED("status-changed", "Status changed");

    /** Matched ignoring case and surrounding blanks, as typed in {@code --fail-on drift:CLASS}. */
    public static final Labels<DriftClass> LABELS = Labels.ofAnyCase(DriftClass.class);

    private final String label;
    private final String title;

    DriftClass(String label, String title) {
        this.label = label;
        this.title = title;
    }

    /** The stable label: "legacy-enabled". */
    @Override
    public String label() {
        return label;
    }

    /** Words for a reader: "Legacy version enabled". */
    public String title() {
        return title;
    }

    /** The class with this label (case-insensitive), if any. */
    public static Optional<DriftClass> ofLabel(String label) {
        return LABELS.find(label);
    }

    @Override
    public String toString() {
        return label;
    }
}
