package io.tlsweep.wire;

/** Registry shell: replaced by the full registry. */
public record NamedGroup(int code, String name) {
    public static final NamedGroup SECP256R1 = new NamedGroup(23, "secp256r1");
    public static final NamedGroup SECP384R1 = new NamedGroup(24, "secp384r1");
    public static final NamedGroup SECP521R1 = new NamedGroup(25, "secp521r1");
    public static final NamedGroup X25519 = new NamedGroup(29, "x25519");
    public static final NamedGroup X448 = new NamedGroup(30, "x448");
    public static final NamedGroup FFDHE2048 = new NamedGroup(256, "ffdhe2048");
    public static final NamedGroup FFDHE3072 = new NamedGroup(257, "ffdhe3072");
    public static final NamedGroup FFDHE4096 = new NamedGroup(258, "ffdhe4096");
    public static final NamedGroup FFDHE6144 = new NamedGroup(259, "ffdhe6144");
    public static final NamedGroup FFDHE8192 = new NamedGroup(260, "ffdhe8192");

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
