package io.tlsweep.cert;

import java.util.List;
import java.util.Objects;

/** The answer to "does a client holding these trust anchors accept the chain as served?". */
public sealed interface ChainValidation {

    /** One line: {@code trusted}, {@code untrusted: <reason>}, {@code incomplete chain: ...}. */
    String summary();

    /** The path from the leaf ends at a trust anchor; {@code anchor} is its subject (RFC 2253). */
    record Trusted(String anchor) implements ChainValidation {
        public Trusted {
            Objects.requireNonNull(anchor, "anchor");
        }

        @Override
        public String summary() {
            return "trusted (anchor " + anchor + ")";
        }
    }

    /** The path is refused: unknown issuer, self-signed non-anchor, bad signature, constraints, ... */
    record Untrusted(String reason) implements ChainValidation {
        public Untrusted {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String summary() {
            return "untrusted: " + reason;
        }
    }

    /**
     * The server did not send the certificate of {@code missingIssuer}, and the last certificate it sent
     * names where that issuer is published (AIA caIssuers), which is what an intermediate of a CA looks
     * like. Clients that do not fetch missing intermediates (Java, OpenSSL, curl, Go, most non-browser
     * clients) refuse the chain.
     */
    record IncompleteChain(String missingIssuer, List<String> caIssuerUrls) implements ChainValidation {
        public IncompleteChain {
            Objects.requireNonNull(missingIssuer, "missingIssuer");
            caIssuerUrls = List.copyOf(caIssuerUrls);
        }

        @Override
        public String summary() {
            return "incomplete chain: issuer " + missingIssuer + " not served (published at "
                    + String.join(", ", caIssuerUrls) + ")";
        }
    }

    /** Nothing to validate (no certificate, leaf not parseable) or no anchors to validate against. */
    record NotValidated(String reason) implements ChainValidation {
        public NotValidated {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String summary() {
            return "not validated: " + reason;
        }
    }
}
