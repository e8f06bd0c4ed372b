package io.tlsweep.result;

import java.util.Objects;

/** One finding: its kind and the specifics ("TLSv1.0: TLS_RSA_WITH_RC4_128_SHA, ..."). */
public record Finding(FindingKind kind, String detail) {
    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }
}
