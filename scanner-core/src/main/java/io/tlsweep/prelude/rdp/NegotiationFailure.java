package io.tlsweep.prelude.rdp;

import java.util.Optional;

/** The failureCode of an RDP_NEG_FAILURE ([MS-RDPBCGR] 2.2.1.2.2) and what the server means by it. */
public enum NegotiationFailure {
    SSL_REQUIRED_BY_SERVER(1, "the server requires TLS, which the request did not ask for"),
    SSL_NOT_ALLOWED_BY_SERVER(2, "the server does standard RDP security only: no TLS at all"),
    SSL_CERT_NOT_ON_SERVER(3, "the server has no certificate for TLS"),
    INCONSISTENT_FLAGS(4, "the server finds the requested protocols inconsistent"),
    HYBRID_REQUIRED_BY_SERVER(5, "the server requires CredSSP (Network Level Authentication)"),
    SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER(6, "the server requires TLS with user authentication");

    private final int code;
    private final String meaning;

    NegotiationFailure(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /**
     * What the failure says about standard RDP security only: yes for SSL_NOT_ALLOWED_BY_SERVER, no for the
     * failures that require TLS or CredSSP, unknown for the others.
     */
    public Optional<Boolean> standardRdpSecurityOnly() {
        return switch (this) {
            case SSL_NOT_ALLOWED_BY_SERVER -> Optional.of(true);
            case SSL_REQUIRED_BY_SERVER, HYBRID_REQUIRED_BY_SERVER, SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER ->
                    Optional.of(false);
            case SSL_CERT_NOT_ON_SERVER, INCONSISTENT_FLAGS -> Optional.empty();
        };
    }

    public static Optional<NegotiationFailure> of(long code) {
        for (NegotiationFailure f : values()) {
            if (f.code == code) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The code's name, or {@code 0x} and its eight hex digits for a code the specification does not define. */
    public static String name(long code) {
        return of(code).map(Enum::name).orElse(String.format("0x%08x", code));
    }
}
