package io.tlsweep.analysis;

import io.tlsweep.cert.ChainPolicy;
import io.tlsweep.cert.ChainReport;
import io.tlsweep.result.TargetResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Checks the certificate chain an endpoint served in its first flight (TLS ≤ 1.2; a TLS 1.3 server sends it
 * encrypted, so only a full handshake sees it). The name checked is the SNI name sent, else the IP literal
 * connected to.
 */
public final class CertificateCheck {
    private CertificateCheck() {
    }

    public static Optional<ChainReport> of(TargetResult r, ChainPolicy policy, Instant now) {
        return of(r, r.certificateChain(), policy, now);
    }

    /** Checks {@code chain}: the one from the raw scan, or the one a real handshake saw (TLS 1.3). */
    public static Optional<ChainReport> of(TargetResult r, List<byte[]> chain, ChainPolicy policy, Instant now) {
        if (chain.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> name = r.target().sni().or(() -> r.target().hostIsLiteral()
                ? Optional.of(r.target().host()) : Optional.empty());
        return of(chain, name, policy, now);
    }

    /** Checks {@code chain} for {@code name} (the SNI name sent, or the IP literal connected to). */
    public static Optional<ChainReport> of(List<byte[]> chain, Optional<String> name, ChainPolicy policy, Instant now) {
        return chain.isEmpty() ? Optional.empty() : Optional.of(ChainReport.of(chain, name, now, policy));
    }
}
