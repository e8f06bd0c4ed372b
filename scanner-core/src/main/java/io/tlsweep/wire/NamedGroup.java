package io.tlsweep.wire;

/** Registry shell: replaced by the full registry. */
public record NamedGroup(int code, String name) {
    public static NamedGroup of(int code) {
        return new NamedGroup(code, null);
    }

    public boolean isKnown() {
        return name != null;
    }

    @Override
    public String toString() {
        return name != null ? name : Hex.u16(code);
    }
}
