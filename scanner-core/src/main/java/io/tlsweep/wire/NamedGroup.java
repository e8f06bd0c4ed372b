package io.tlsweep.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A TLS named group (IANA "TLS Supported Groups", formerly EC named curves). Unknown codes keep their
 * code and print as hex; for them {@link #name()} is that hex text too, so test {@link #isKnown()}.
 * Two groups are equal when their codes are equal.
 */
public final class NamedGroup extends RegisteredCode {
    private static final List<NamedGroup> DEFINED = new ArrayList<>();

    public static final NamedGroup SECT163K1 = define(1, "sect163k1", GroupKind.EC_BINARY, 80);
    public static final NamedGroup SECT163R1 = define(2, "sect163r1", GroupKind.EC_BINARY, 80);
    public static final NamedGroup SECT163R2 = define(3, "sect163r2", GroupKind.EC_BINARY, 80);
    public static final NamedGroup SECT193R1 = define(4, "sect193r1", GroupKind.EC_BINARY, 96);
    public static final NamedGroup SECT193R2 = define(5, "sect193r2", GroupKind.EC_BINARY, 96);
    public static final NamedGroup SECT233K1 = define(6, "sect233k1", GroupKind.EC_BINARY, 112);
    public static final NamedGroup SECT233R1 = define(7, "sect233r1", GroupKind.EC_BINARY, 112);
    public static final NamedGroup SECT239K1 = define(8, "sect239k1", GroupKind.EC_BINARY, 112);
    public static final NamedGroup SECT283K1 = define(9, "sect283k1", GroupKind.EC_BINARY, 128);
    public static final NamedGroup SECT283R1 = define(10, "sect283r1", GroupKind.EC_BINARY, 128);
    public static final NamedGroup SECT409K1 = define(11, "sect409k1", GroupKind.EC_BINARY, 192);
    public static final NamedGroup SECT409R1 = define(12, "sect409r1", GroupKind.EC_BINARY, 192);
    public static final NamedGroup SECT571K1 = define(13, "sect571k1", GroupKind.EC_BINARY, 256);
    public static final NamedGroup SECT571R1 = define(14, "sect571r1", GroupKind.EC_BINARY, 256);
    public static final NamedGroup SECP160K1 = define(15, "secp160k1", GroupKind.EC_PRIME, 80);
    public static final NamedGroup SECP160R1 = define(16, "secp160r1", GroupKind.EC_PRIME, 80);
    public static final NamedGroup SECP160R2 = define(17, "secp160r2", GroupKind.EC_PRIME, 80);
    public static final NamedGroup SECP192K1 = define(18, "secp192k1", GroupKind.EC_PRIME, 96);
    public static final NamedGroup SECP192R1 = define(19, "secp192r1", GroupKind.EC_PRIME, 96, "prime192v1", "P-192");
    public static final NamedGroup SECP224K1 = define(20, "secp224k1", GroupKind.EC_PRIME, 112);
    public static final NamedGroup SECP224R1 = define(21, "secp224r1", GroupKind.EC_PRIME, 112, "P-224");
    public static final NamedGroup SECP256K1 = define(22, "secp256k1", GroupKind.EC_PRIME, 128);
    public static final NamedGroup SECP256R1 = define(23, "secp256r1", GroupKind.EC_PRIME, 128, "prime256v1", "P-256");
    public static final NamedGroup SECP384R1 = define(24, "secp384r1", GroupKind.EC_PRIME, 192, "P-384");
    public static final NamedGroup SECP521R1 = define(25, "secp521r1", GroupKind.EC_PRIME, 256, "P-521");
    public static final NamedGroup BRAINPOOLP256R1 = define(26, "brainpoolP256r1", GroupKind.EC_PRIME, 128);
    public static final NamedGroup BRAINPOOLP384R1 = define(27, "brainpoolP384r1", GroupKind.EC_PRIME, 192);
    public static final NamedGroup BRAINPOOLP512R1 = define(28, "brainpoolP512r1", GroupKind.EC_PRIME, 256);
    public static final NamedGroup X25519 = define(29, "x25519", GroupKind.ECX, 128);
    public static final NamedGroup X448 = define(30, "x448", GroupKind.ECX, 224);
    public static final NamedGroup BRAINPOOLP256R1TLS13 = define(31, "brainpoolP256r1tls13", GroupKind.EC_PRIME, 128);
    public static final NamedGroup BRAINPOOLP384R1TLS13 = define(32, "brainpoolP384r1tls13", GroupKind.EC_PRIME, 192);
    public static final NamedGroup BRAINPOOLP512R1TLS13 = define(33, "brainpoolP512r1tls13", GroupKind.EC_PRIME, 256);
    public static final NamedGroup GC256A = define(34, "GC256A", GroupKind.EC_PRIME, 128);
    public static final NamedGroup GC256B = define(35, "GC256B", GroupKind.EC_PRIME, 128);
    public static final NamedGroup GC256C = define(36, "GC256C", GroupKind.EC_PRIME, 128);
    public static final NamedGroup GC256D = define(37, "GC256D", GroupKind.EC_PRIME, 128);
    public static final NamedGroup GC512A = define(38, "GC512A", GroupKind.EC_PRIME, 256);
    public static final NamedGroup GC512B = define(39, "GC512B", GroupKind.EC_PRIME, 256);
    public static final NamedGroup GC512C = define(40, "GC512C", GroupKind.EC_PRIME, 256);
    public static final NamedGroup CURVE_SM2 = define(41, "curveSM2", GroupKind.EC_PRIME, 128);
    public static final NamedGroup FFDHE2048 = define(256, "ffdhe2048", GroupKind.FFDHE, 112);
    public static final NamedGroup FFDHE3072 = define(257, "ffdhe3072", GroupKind.FFDHE, 128);
    public static final NamedGroup FFDHE4096 = define(258, "ffdhe4096", GroupKind.FFDHE, 152);
    public static final NamedGroup FFDHE6144 = define(259, "ffdhe6144", GroupKind.FFDHE, 176);
    public static final NamedGroup FFDHE8192 = define(260, "ffdhe8192", GroupKind.FFDHE, 200);
    public static final NamedGroup MLKEM512 = define(0x0200, "MLKEM512", GroupKind.PQ, 128);
    public static final NamedGroup MLKEM768 = define(0x0201, "MLKEM768", GroupKind.PQ, 192);
    public static final NamedGroup MLKEM1024 = define(0x0202, "MLKEM1024", GroupKind.PQ, 256);
    public static final NamedGroup SECP256R1_MLKEM768 = define(0x11EB, "SecP256r1MLKEM768", GroupKind.HYBRID_PQ, 192);
    public static final NamedGroup X25519_MLKEM768 = define(0x11EC, "X25519MLKEM768", GroupKind.HYBRID_PQ, 192);
    public static final NamedGroup SECP384R1_MLKEM1024 = define(0x11ED, "SecP384r1MLKEM1024", GroupKind.HYBRID_PQ, 256);
    public static final NamedGroup CURVE_SM2_MLKEM768 = define(0x11EE, "curveSM2MLKEM768", GroupKind.HYBRID_PQ, 192);
    public static final NamedGroup X25519_KYBER768_DRAFT00 =
            define(0x6399, "X25519Kyber768Draft00", GroupKind.HYBRID_PQ, 192);
    public static final NamedGroup SECP256R1_KYBER768_DRAFT00 =
            define(0x639A, "SecP256r1Kyber768Draft00", GroupKind.HYBRID_PQ, 192);
    public static final NamedGroup ARBITRARY_EXPLICIT_PRIME_CURVES =
            define(0xFF01, "arbitrary_explicit_prime_curves", GroupKind.EXPLICIT_CURVES, 0);
    public static final NamedGroup ARBITRARY_EXPLICIT_CHAR2_CURVES =
            define(0xFF02, "arbitrary_explicit_char2_curves", GroupKind.EXPLICIT_CURVES, 0);

    private static final CodeTable<NamedGroup> TABLE =
            new CodeTable<>("NamedGroup", DEFINED, NamedGroup::code, NamedGroup::lookupNames);

    private final GroupKind kind;
    private final int securityBits;

    private NamedGroup(int code, String name, GroupKind kind, int securityBits, List<String> aliases) {
        super(code, name, aliases, 2);
        this.kind = kind;
        this.securityBits = securityBits;
    }

    private static NamedGroup define(int code, String name, GroupKind kind, int securityBits, String... aliases) {
        NamedGroup group = new NamedGroup(code, name, kind, securityBits, List.of(aliases));
        DEFINED.add(group);
        return group;
    }

    /**
     * The registered group for {@code code}, or an unknown group preserving it.
     *
     * @throws IllegalArgumentException when code is outside 0..0xFFFF
     */
    public static NamedGroup of(int code) {
        CodeTable.checkU16(code, "named group");
        NamedGroup known = TABLE.byCodeOrNull(code);
        return known != null ? known : new NamedGroup(code, null, GroupKind.UNKNOWN, 0, List.of());
    }

    /** By IANA name or a common alias ("prime256v1", "P-256"), ignoring case. */
    public static Optional<NamedGroup> byName(String name) {
        return TABLE.byName(name);
    }

    /** Every registered group, in code order. */
    public static List<NamedGroup> all() {
        return TABLE.all();
    }

    public GroupKind kind() {
        return kind;
    }

    /**
     * Approximate security strength in bits: NIST SP 800-57 equivalents for curves and FFDHE groups,
     * the FIPS 203 category for ML-KEM, and for hybrids that of the stronger component; 0 where it is
     * not defined (explicit curves, unknown codes).
     */
    public int securityBits() {
        return securityBits;
    }

    public boolean isPostQuantum() {
        return kind == GroupKind.PQ || kind == GroupKind.HYBRID_PQ;
    }

    /** A GREASE value (RFC 8701, 0x?A?A). */
    public boolean isGrease() {
        return CodeTable.isGrease16(code);
    }

    /** In a range reserved for private use: ffdhe_private_use 0x01FC..0x01FF or ecdhe_private_use 0xFE00..0xFEFF. */
    public boolean isPrivateUse() {
        return (code >= 0x01FC && code <= 0x01FF) || (code >= 0xFE00 && code <= 0xFEFF);
    }
}
