package io.tlsweep.wire;

/** Registry shell: replaced by the full registry. */
public record AlertDescription(int code, String name) {
    public static AlertDescription of(int code) {
        return new AlertDescription(code, null);
    }

    public boolean isKnown() {
        return name != null;
    }

    @Override
    public String toString() {
        return name != null ? name : Hex.u8(code);
    }
}
