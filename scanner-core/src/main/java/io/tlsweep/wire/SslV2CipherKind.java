package io.tlsweep.wire;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An SSL 2.0 cipher kind: the three-byte CIPHER-KIND of an SSLv2 CLIENT-HELLO or SERVER-HELLO (the SSL 2.0 draft,
 * "Cipher Kind Values"; RFC 6101 appendix E names them for SSLv2-compatible hellos). The seven kinds the draft
 * defines are known; any other code keeps its value and prints as hex.
 *
 * @param code   24 bits, e.g. {@code 0x010080}
 * @param name   "SSL_CK_RC4_128_WITH_MD5", or the code in hex when unknown
 * @param export whether it is one of the 40-bit export kinds
 */
public record SslV2CipherKind(int code, String name, boolean export) {
    public static final SslV2CipherKind RC4_128_WITH_MD5 = known(0x010080, "SSL_CK_RC4_128_WITH_MD5", false);
    public static final SslV2CipherKind RC4_128_EXPORT40_WITH_MD5 =
            known(0x020080, "SSL_CK_RC4_128_EXPORT40_WITH_MD5", true);
    public static final SslV2CipherKind RC2_128_CBC_WITH_MD5 = known(0x030080, "SSL_CK_RC2_128_CBC_WITH_MD5", false);
    public static final SslV2CipherKind RC2_128_CBC_EXPORT40_WITH_MD5 =
            known(0x040080, "SSL_CK_RC2_128_CBC_EXPORT40_WITH_MD5", true);
    public static final SslV2CipherKind IDEA_128_CBC_WITH_MD5 = known(0x050080, "SSL_CK_IDEA_128_CBC_WITH_MD5", false);
    public static final SslV2CipherKind DES_64_CBC_WITH_MD5 = known(0x060040, "SSL_CK_DES_64_CBC_WITH_MD5", false);
    public static final SslV2CipherKind DES_192_EDE3_CBC_WITH_MD5 =
            known(0x0700C0, "SSL_CK_DES_192_EDE3_CBC_WITH_MD5", false);

    /** The seven kinds of the SSL 2.0 draft, in its order. */
    public static final List<SslV2CipherKind> ALL = List.of(RC4_128_WITH_MD5, RC4_128_EXPORT40_WITH_MD5,
            RC2_128_CBC_WITH_MD5, RC2_128_CBC_EXPORT40_WITH_MD5, IDEA_128_CBC_WITH_MD5, DES_64_CBC_WITH_MD5,
            DES_192_EDE3_CBC_WITH_MD5);

    private static final Map<Integer, SslV2CipherKind> BY_CODE = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(SslV2CipherKind::code, Function.identity()));
    private static final Map<String, SslV2CipherKind> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(SslV2CipherKind::name, Function.identity()));

    public SslV2CipherKind {
        if (code < 0 || code > 0xFFFFFF) {
            throw new IllegalArgumentException("an SSLv2 cipher kind has 24 bits: " + code);
        }
    }

    private static SslV2CipherKind known(int code, String name, boolean export) {
        return new SslV2CipherKind(code, name, export);
    }

    /** The kind of {@code code}: a known one, or an unknown one keeping the code, named by it in hex. */
    public static SslV2CipherKind of(int code) {
        SslV2CipherKind k = BY_CODE.get(code);
        return k != null ? k : new SslV2CipherKind(code, String.format("0x%06X", code), false);
    }

    /** The kind written as {@link #name} gave it: a known name or a six-digit hex code ("0x0700C0"). */
    public static SslV2CipherKind parse(String text) {
        SslV2CipherKind k = BY_NAME.get(text);
        if (k != null) {
            return k;
        }
        if (text.matches("0x[0-9A-Fa-f]{6}")) {
            return of(Integer.parseInt(text.substring(2), 16));
        }
        throw new IllegalArgumentException("not an SSLv2 cipher kind: " + text);
    }

    /** Whether the SSL 2.0 draft defines it. */
    public boolean isKnown() {
        return BY_CODE.containsKey(code);
    }

    @Override
    public String toString() {
        return name;
    }
}
