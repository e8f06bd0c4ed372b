package io.tlsweep.wire;

/** Registry shell: replaced by the full registry. */
public record ExtensionType(int code, String name) {
    public static ExtensionType of(int code) {
        return new ExtensionType(code, null);
    }

    public boolean isKnown() {
        return name != null;
    }

    @Override
    public String toString() {
        return name != null ? name : Hex.u16(code);
    }
}
