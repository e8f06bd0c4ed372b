package io.tlsweep.wire;

/** Registry shell: replaced by the full registry. */
public record CipherSuite(int code, String ianaName) {
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
