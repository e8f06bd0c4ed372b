package io.tlsweep.wire;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A TLS cipher suite code and what it stands for. Known codes come from the suite table
 * ({@code tls-cipher-suites.csv}, see {@link CipherSuites}) plus the two signalling suites;
 * {@link #of(int)} on any other code gives an unknown suite that keeps its code, prints as
 * hex ("0xC0FF"), has no weaknesses and is usable in no version.
 *
 * <p>Two suites are equal when their codes are equal.
 */
public final class CipherSuite {

    public static final CipherSuite TLS_EMPTY_RENEGOTIATION_INFO_SCSV = scsv(0x00FF, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
    public static final CipherSuite TLS_FALLBACK_SCSV = scsv(0x5600, "TLS_FALLBACK_SCSV");

    private final int code;
    private final String ianaName;
    private final String opensslName;
    private final KeyExchange keyExchange;
    private final int keyExchangeLimitBits;
    private final Authentication authentication;
    private final BulkCipher cipher;
    private final int keyBits;
    private final MacAlgorithm mac;
    private final boolean export;
    private final ProtocolVersion minVersion;
    private final ProtocolVersion maxVersion;
    private final boolean scsv;
    private final Set<Weakness> weaknesses;

    private CipherSuite(Builder b) {
        this.code = b.code;
        this.ianaName = b.ianaName;
        this.opensslName = b.opensslName;
        this.keyExchange = b.keyExchange;
        this.keyExchangeLimitBits = b.keyExchangeLimitBits;
        this.authentication = b.authentication;
        this.cipher = b.cipher;
        this.keyBits = b.keyBits;
        this.mac = b.mac;
        this.export = b.export;
        this.minVersion = b.minVersion;
        this.maxVersion = b.maxVersion;
        this.scsv = b.scsv;
        this.weaknesses = ianaName == null || scsv ? Set.of() : classify();
    }

    /**
     * The suite registered under {@code code}, or an unknown suite preserving the code.
     *
     * @throws IllegalArgumentException when code is outside 0..0xFFFF
     */
    public static CipherSuite of(int code) {
        CodeTable.checkU16(code, "cipher suite");
        CipherSuite known = CipherSuites.registered(code);
        return known != null ? known : unknown(code);
    }

    /**
     * Looks a suite up by its IANA name, its OpenSSL name, or the legacy/Java form with the other
     * prefix ("SSL_RSA_WITH_3DES_EDE_CBC_SHA" for TLS_RSA_WITH_3DES_EDE_CBC_SHA), ignoring case.
     */
    public static Optional<CipherSuite> byName(String name) {
        return CipherSuites.byName(name);
    }

    public int code() {
        return code;
    }

    /** Whether the code is registered (a suite of the table or a signalling suite). */
    public boolean isKnown() {
        return ianaName != null;
    }

    /**
     * The IANA name ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"). The few private-use suites that IANA
     * does not name (GOST 0xFF02, 0xFF03, 0xFF85, 0xFF87) carry their OpenSSL name here, and the
     * pre-standard Netscape FIPS codes 0xFFE0/0xFFE1 carry NSS's "SSL_RSA_OLDFIPS_..." names because
     * the table repeats the names of 0xFEFF/0xFEFE for them. Unknown suites give hex ("0xC0FF").
     */
    public String ianaName() {
        return ianaName != null ? ianaName : Hex.u16(code);
    }

    /** The OpenSSL name ("ECDHE-RSA-AES128-GCM-SHA256"); absent where OpenSSL never named the suite. */
    public Optional<String> opensslName() {
        return Optional.ofNullable(opensslName);
    }

    public KeyExchange keyExchange() {
        return keyExchange;
    }

    /** The export limit on the key exchange ("RSA(512)" gives 512); 0 when there is none. */
    public int keyExchangeLimitBits() {
        return keyExchangeLimitBits;
    }

    public Authentication authentication() {
        return authentication;
    }

    public BulkCipher cipher() {
        return cipher;
    }

    public CipherMode cipherMode() {
        return cipher.mode();
    }

    /** The cipher key size in bits as listed (3DES: 168); 0 for NULL encryption and unknown suites. */
    public int keyBits() {
        return keyBits;
    }

    /** The record MAC; {@link MacAlgorithm#AEAD} for AEAD ciphers. */
    public MacAlgorithm mac() {
        return mac;
    }

    public boolean isExport() {
        return export;
    }

    /**
     * Whether the key exchange is ephemeral: DHE and ECDHE (anonymous ones included), their PSK
     * variants, CECPQ1, and every TLS 1.3 suite.
     */
    public boolean forwardSecrecy() {
        return keyExchange.isEphemeral();
    }

    /** The oldest version the suite can be negotiated in; empty for signalling and unknown suites. */
    public Optional<ProtocolVersion> minVersion() {
        return Optional.ofNullable(minVersion);
    }

    /** The newest version the suite can be negotiated in; empty for signalling and unknown suites. */
    public Optional<ProtocolVersion> maxVersion() {
        return Optional.ofNullable(maxVersion);
    }

    /** A signalling value (renegotiation info, fallback), not a real suite. */
    public boolean isScsv() {
        return scsv;
    }

    /** A suite defined only for TLS 1.3 (key exchange and authentication negotiated separately). */
    public boolean isTls13() {
        return minVersion != null && minVersion.equals(ProtocolVersion.TLSv1_3);
    }

    /** A GREASE value (RFC 8701, 0x?A?A): never a real suite. */
    public boolean isGrease() {
        return CodeTable.isGrease16(code);
    }

    /**
     * Whether the suite can be negotiated in {@code version}; TLS 1.3 draft versions count as TLS 1.3.
     * Always false for signalling, GREASE and unknown suites.
     */
    public boolean usableIn(ProtocolVersion version) {
        if (minVersion == null) {
            return false;
        }
        ProtocolVersion v = version.isTls13Draft() ? ProtocolVersion.TLSv1_3 : version;
        return v.isKnown() && v.atLeast(minVersion) && maxVersion.atLeast(v);
    }

    /** What makes the suite weak; empty for strong, signalling and unknown suites. */
    public Set<Weakness> weaknesses() {
        return weaknesses;
    }

    public boolean isWeak() {
        return !weaknesses.isEmpty();
    }

    /** Every name {@link #byName} answers to directly (the prefix-swapped forms aside). */
    List<String> lookupNames() {
        if (ianaName == null) {
            return List.of();
        }
        return opensslName == null ? List.of(ianaName) : List.of(ianaName, opensslName);
    }

    private Set<Weakness> classify() {
        EnumSet<Weakness> found = EnumSet.noneOf(Weakness.class);
        if (cipher == BulkCipher.NULL) {
            found.add(Weakness.NULL);
        }
        if (authentication == Authentication.NONE) {
            found.add(Weakness.ANONYMOUS);
        }
        if (export) {
            found.add(Weakness.EXPORT);
        }
        switch (cipher) {
            case RC4 -> found.add(Weakness.RC4);
            case RC2 -> found.add(Weakness.RC2);
            case DES -> found.add(Weakness.DES);
            case TRIPLE_DES -> found.add(Weakness.TRIPLE_DES);
            default -> {
                // no cipher-specific weakness
            }
        }
        if (mac == MacAlgorithm.MD5) {
            found.add(Weakness.MD5);
        }
        if (cipher.mode() == CipherMode.CBC) {
            found.add(Weakness.CBC);
        }
        return Collections.unmodifiableSet(found);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CipherSuite other && other.code == code;
    }

    @Override
    public int hashCode() {
        return code;
    }

    /** The registered name, or hex ("0xC0FF") for an unknown code. */
    @Override
    public String toString() {
        return ianaName();
    }

    private static CipherSuite scsv(int code, String name) {
        Builder b = new Builder(code);
        b.ianaName = name;
        b.keyExchange = KeyExchange.NONE;
        b.authentication = Authentication.NONE;
        b.cipher = BulkCipher.NULL;
        b.mac = MacAlgorithm.NULL;
        b.scsv = true;
        return b.build();
    }

    private static CipherSuite unknown(int code) {
        return new Builder(code).build();
    }

    /** Assembles a suite; the table loader fills it from one row. */
    static final class Builder {
        private final int code;
        String ianaName;
        String opensslName;
        KeyExchange keyExchange = KeyExchange.UNKNOWN;
        int keyExchangeLimitBits;
        Authentication authentication = Authentication.UNKNOWN;
        BulkCipher cipher = BulkCipher.UNKNOWN;
        int keyBits;
        MacAlgorithm mac = MacAlgorithm.UNKNOWN;
        boolean export;
        ProtocolVersion minVersion;
        ProtocolVersion maxVersion;
        boolean scsv;

        Builder(int code) {
            this.code = CodeTable.checkU16(code, "cipher suite");
        }

        CipherSuite build() {
            return new CipherSuite(this);
        }
    }
}
