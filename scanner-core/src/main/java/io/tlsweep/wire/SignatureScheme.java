package io.tlsweep.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A TLS signature scheme (IANA "TLS SignatureScheme"), which in TLS 1.2 is the
 * SignatureAndHashAlgorithm pair (hash byte, signature byte). The TLS 1.2 pairs IANA never
 * gave a scheme name (MD5 and SHA-224 ones, DSA ones) are named hash-style, e.g. "dsa_sha256".
 * Unknown codes keep their code and print as hex; {@link #name()} is that hex text too.
 * Two schemes are equal when their codes are equal.
 */
public final class SignatureScheme extends RegisteredCode {
    private static final List<SignatureScheme> DEFINED = new ArrayList<>();

    // TLS 1.2 hash/signature pairs (RFC 5246 7.4.1.4.1): hash 1=md5 .. 6=sha512, signature 1=rsa, 2=dsa, 3=ecdsa.
    public static final SignatureScheme RSA_MD5 = define(0x0101, "rsa_md5", true);
    public static final SignatureScheme DSA_MD5 = define(0x0102, "dsa_md5", true);
    public static final SignatureScheme ECDSA_MD5 = define(0x0103, "ecdsa_md5", true);
    public static final SignatureScheme RSA_PKCS1_SHA1 = define(0x0201, "rsa_pkcs1_sha1", true);
    public static final SignatureScheme DSA_SHA1 = define(0x0202, "dsa_sha1", true, "dsa_sha1_RESERVED");
    public static final SignatureScheme ECDSA_SHA1 = define(0x0203, "ecdsa_sha1", true);
    public static final SignatureScheme RSA_SHA224 = define(0x0301, "rsa_sha224", false);
    public static final SignatureScheme DSA_SHA224 = define(0x0302, "dsa_sha224", false);
    public static final SignatureScheme ECDSA_SHA224 = define(0x0303, "ecdsa_sha224", false);
    public static final SignatureScheme RSA_PKCS1_SHA256 = define(0x0401, "rsa_pkcs1_sha256", false);
    public static final SignatureScheme DSA_SHA256 = define(0x0402, "dsa_sha256", false, "dsa_sha256_RESERVED");
    public static final SignatureScheme ECDSA_SECP256R1_SHA256 = define(0x0403, "ecdsa_secp256r1_sha256", false);
    public static final SignatureScheme RSA_PKCS1_SHA256_LEGACY = define(0x0420, "rsa_pkcs1_sha256_legacy", false);
    public static final SignatureScheme RSA_PKCS1_SHA384 = define(0x0501, "rsa_pkcs1_sha384", false);
    public static final SignatureScheme DSA_SHA384 = define(0x0502, "dsa_sha384", false, "dsa_sha384_RESERVED");
    public static final SignatureScheme ECDSA_SECP384R1_SHA384 = define(0x0503, "ecdsa_secp384r1_sha384", false);
    public static final SignatureScheme RSA_PKCS1_SHA384_LEGACY = define(0x0520, "rsa_pkcs1_sha384_legacy", false);
    public static final SignatureScheme RSA_PKCS1_SHA512 = define(0x0601, "rsa_pkcs1_sha512", false);
    public static final SignatureScheme DSA_SHA512 = define(0x0602, "dsa_sha512", false, "dsa_sha512_RESERVED");
    public static final SignatureScheme ECDSA_SECP521R1_SHA512 = define(0x0603, "ecdsa_secp521r1_sha512", false);
    public static final SignatureScheme RSA_PKCS1_SHA512_LEGACY = define(0x0620, "rsa_pkcs1_sha512_legacy", false);
    public static final SignatureScheme ECCSI_SHA256 = define(0x0704, "eccsi_sha256", false);
    public static final SignatureScheme ISO_IBS1 = define(0x0705, "iso_ibs1", false);
    public static final SignatureScheme ISO_IBS2 = define(0x0706, "iso_ibs2", false);
    public static final SignatureScheme ISO_CHINESE_IBS = define(0x0707, "iso_chinese_ibs", false);
    public static final SignatureScheme SM2SIG_SM3 = define(0x0708, "sm2sig_sm3", false);
    public static final SignatureScheme GOSTR34102012_256A = define(0x0709, "gostr34102012_256a", false);
    public static final SignatureScheme GOSTR34102012_256B = define(0x070A, "gostr34102012_256b", false);
    public static final SignatureScheme GOSTR34102012_256C = define(0x070B, "gostr34102012_256c", false);
    public static final SignatureScheme GOSTR34102012_256D = define(0x070C, "gostr34102012_256d", false);
    public static final SignatureScheme GOSTR34102012_512A = define(0x070D, "gostr34102012_512a", false);
    public static final SignatureScheme GOSTR34102012_512B = define(0x070E, "gostr34102012_512b", false);
    public static final SignatureScheme GOSTR34102012_512C = define(0x070F, "gostr34102012_512c", false);
    public static final SignatureScheme RSA_PSS_RSAE_SHA256 = define(0x0804, "rsa_pss_rsae_sha256", false);
    public static final SignatureScheme RSA_PSS_RSAE_SHA384 = define(0x0805, "rsa_pss_rsae_sha384", false);
    public static final SignatureScheme RSA_PSS_RSAE_SHA512 = define(0x0806, "rsa_pss_rsae_sha512", false);
    public static final SignatureScheme ED25519 = define(0x0807, "ed25519", false);
    public static final SignatureScheme ED448 = define(0x0808, "ed448", false);
    public static final SignatureScheme RSA_PSS_PSS_SHA256 = define(0x0809, "rsa_pss_pss_sha256", false);
    public static final SignatureScheme RSA_PSS_PSS_SHA384 = define(0x080A, "rsa_pss_pss_sha384", false);
    public static final SignatureScheme RSA_PSS_PSS_SHA512 = define(0x080B, "rsa_pss_pss_sha512", false);
    public static final SignatureScheme ECDSA_BRAINPOOLP256R1TLS13_SHA256 =
            define(0x081A, "ecdsa_brainpoolP256r1tls13_sha256", false);
    public static final SignatureScheme ECDSA_BRAINPOOLP384R1TLS13_SHA384 =
            define(0x081B, "ecdsa_brainpoolP384r1tls13_sha384", false);
    public static final SignatureScheme ECDSA_BRAINPOOLP512R1TLS13_SHA512 =
            define(0x081C, "ecdsa_brainpoolP512r1tls13_sha512", false);
    public static final SignatureScheme MLDSA44 = define(0x0904, "mldsa44", false);
    public static final SignatureScheme MLDSA65 = define(0x0905, "mldsa65", false);
    public static final SignatureScheme MLDSA87 = define(0x0906, "mldsa87", false);

    private static final CodeTable<SignatureScheme> TABLE =
            new CodeTable<>("SignatureScheme", DEFINED, SignatureScheme::code, SignatureScheme::lookupNames);

    private final boolean weakHash;

    private SignatureScheme(int code, String name, boolean weakHash, List<String> aliases) {
        super(code, name, aliases, 2);
        this.weakHash = weakHash;
    }

    private static SignatureScheme define(int code, String name, boolean weakHash, String... aliases) {
        SignatureScheme scheme = new SignatureScheme(code, name, weakHash, List.of(aliases));
        DEFINED.add(scheme);
        return scheme;
    }

    /**
     * The registered scheme for {@code code}, or an unknown scheme preserving it.
     *
     * @throws IllegalArgumentException when code is outside 0..0xFFFF
     */
    public static SignatureScheme of(int code) {
        CodeTable.checkU16(code, "signature scheme");
        SignatureScheme known = TABLE.byCodeOrNull(code);
        return known != null ? known : new SignatureScheme(code, null, false, List.of());
    }

    /** By name, ignoring case; the RFC 8446 "_RESERVED" spellings of the DSA pairs are accepted. */
    public static Optional<SignatureScheme> byName(String name) {
        return TABLE.byName(name);
    }

    /** Every registered scheme, in code order. */
    public static List<SignatureScheme> all() {
        return TABLE.all();
    }

    /** The hash byte of the TLS 1.2 SignatureAndHashAlgorithm view (high byte). */
    public int hashByte() {
        return code >>> 8;
    }

    /** The signature byte of the TLS 1.2 SignatureAndHashAlgorithm view (low byte). */
    public int signatureByte() {
        return code & 0xFF;
    }

    /** Signs an MD5 or SHA-1 digest. */
    public boolean isWeakHash() {
        return weakHash;
    }

    /** An ML-DSA scheme. */
    public boolean isPostQuantum() {
        return code >= 0x0904 && code <= 0x0906;
    }

    /** A GREASE value (RFC 8701, 0x?A?A). */
    public boolean isGrease() {
        return CodeTable.isGrease16(code);
    }
}
