package io.tlsweep.wire;

/** Registry shell: replaced by the full registry. */
public record CipherSuite(int code, String ianaName) {
    public static final CipherSuite TLS_EMPTY_RENEGOTIATION_INFO_SCSV = new CipherSuite(0x00FF, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
    public static final CipherSuite TLS_FALLBACK_SCSV = new CipherSuite(0x5600, "TLS_FALLBACK_SCSV");

    public static CipherSuite of(int code) {
        return new CipherSuite(code, null);
    }

    public boolean isKnown() {
        return ianaName != null;
    }

    @Override
    public String toString() {
        return ianaName != null ? ianaName : Hex.u16(code);
    }
}
