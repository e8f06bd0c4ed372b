package io.tlsweep.cert;

import java.util.Objects;

/**
 * One finding on a chain with a line an operator can act on, e.g.
 * {@code cert-expired: expired 2026-10-24 (30 days ago)}.
 */
public record CertificateProblem(CertificateFinding finding, String detail) {

    public CertificateProblem {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return finding.label() + ": " + detail;
    }
}
