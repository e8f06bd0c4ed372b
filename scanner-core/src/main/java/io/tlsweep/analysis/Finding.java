package io.tlsweep.analysis;

/** One finding: its kind and the specifics ("TLSv1.0: TLS_RSA_WITH_RC4_128_SHA, ..."). */
public record Finding(FindingKind kind, String detail) {
}
