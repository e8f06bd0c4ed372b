package io.tlsweep.wire;

/** Registry shell: replaced by the full registry. */
public record SignatureScheme(int code, String name) {
    public static SignatureScheme of(int code) {
        return new SignatureScheme(code, null);
    }

    public boolean isKnown() {
        return name != null;
    }

    @Override
    public String toString() {
        return name != null ? name : Hex.u16(code);
    }
}
