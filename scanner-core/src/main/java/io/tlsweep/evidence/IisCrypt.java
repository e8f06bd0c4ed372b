package io.tlsweep.evidence;

import io.tlsweep.wire.ProtocolVersion;
import java.util.Map;
import java.util.Optional;

/**
 * The hex values IIS writes in its TLS custom fields (Microsoft, "New IIS functionality to help identify weak TLS
 * usage", 2017: server variables CRYPT_PROTOCOL, CRYPT_CIPHER_ALG_ID, CRYPT_HASH_ALG_ID, CRYPT_KEYEXCHANGE_ALG_ID,
 * the members of Schannel's SecPkgContext_ConnectionInfo), mapped to names.
 * <ul>
 * <li>crypt-protocol: the {@code SP_PROT_*} flags of schannel.h (SecPkgContext_ConnectionInfo.dwProtocol,
 * https://learn.microsoft.com/en-us/windows/win32/api/schannel/ns-schannel-secpkgcontext_connectioninfo), server
 * and client bit of each version: SSL 2.0 0x4/0x8, SSL 3.0 0x10/0x20, TLS 1.0 0x40/0x80, TLS 1.1 0x100/0x200,
 * TLS 1.2 0x400/0x800, TLS 1.3 0x1000/0x2000.</li>
 * <li>crypt-cipher, crypt-hash, crypt-keyexchange: {@code ALG_ID} values of wincrypt.h
 * (https://learn.microsoft.com/en-us/windows/win32/seccrypto/alg-id), class | type | sub-id: CALG_RC2 0x6602,
 * CALG_RC4 0x6801, CALG_DES 0x6601, CALG_3DES 0x6603, CALG_AES_128 0x660E, CALG_AES_192 0x660F, CALG_AES_256 0x6610;
 * CALG_MD5 0x8003, CALG_SHA1 0x8004, CALG_SHA_256 0x800C, CALG_SHA_384 0x800D, CALG_SHA_512 0x800E;
 * CALG_RSA_KEYX 0xA400, CALG_DH_SF 0xAA01, CALG_DH_EPHEM 0xAA02, CALG_ECDH 0xAA05, CALG_ECDH_EPHEM 0xAE06.</li>
 * </ul>
 * The three ALG_IDs name a cipher, a hash and a key exchange, not a suite: neither the cipher's mode (CBC or GCM)
 * nor the server's authentication (RSA or ECDSA) is logged, so no IANA suite can be derived exactly. The cipher is
 * kept as the three names, "AES_256/SHA384/ECDHE".
 */
final class IisCrypt {
    private static final Map<Integer, ProtocolVersion> PROTOCOLS = Map.ofEntries(
            Map.entry(0x4, ProtocolVersion.SSLv2), Map.entry(0x8, ProtocolVersion.SSLv2),
            Map.entry(0x10, ProtocolVersion.SSLv3), Map.entry(0x20, ProtocolVersion.SSLv3),
            Map.entry(0x40, ProtocolVersion.TLSv1_0), Map.entry(0x80, ProtocolVersion.TLSv1_0),
            Map.entry(0x100, ProtocolVersion.TLSv1_1), Map.entry(0x200, ProtocolVersion.TLSv1_1),
            Map.entry(0x400, ProtocolVersion.TLSv1_2), Map.entry(0x800, ProtocolVersion.TLSv1_2),
            Map.entry(0x1000, ProtocolVersion.TLSv1_3), Map.entry(0x2000, ProtocolVersion.TLSv1_3));
    private static final Map<Integer, String> ALGORITHMS = Map.ofEntries(
            Map.entry(0x6602, "RC2"), Map.entry(0x6801, "RC4"), Map.entry(0x6601, "DES"), Map.entry(0x6603, "3DES"),
            Map.entry(0x660e, "AES_128"), Map.entry(0x660f, "AES_192"), Map.entry(0x6610, "AES_256"),
            Map.entry(0x8003, "MD5"), Map.entry(0x8004, "SHA1"), Map.entry(0x800c, "SHA256"),
            Map.entry(0x800d, "SHA384"), Map.entry(0x800e, "SHA512"),
            Map.entry(0xa400, "RSA"), Map.entry(0xaa01, "DH"), Map.entry(0xaa02, "DHE"), Map.entry(0xaa05, "ECDH"),
            Map.entry(0xae06, "ECDHE"));

    private IisCrypt() {
    }

    /** The value of a hex field ("400", "0x400", "6610"); empty when it is not hex. */
    static Optional<Integer> hex(String text) {
        String t = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        if (t.isEmpty() || t.length() > 8 || !t.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        long v = Long.parseLong(t, 16);
        return v > Integer.MAX_VALUE ? Optional.empty() : Optional.of((int) v);
    }

    /** The version of an SP_PROT_* value: one flag, server's or client's. */
    static Optional<ProtocolVersion> protocol(int flags) {
        return Optional.ofNullable(PROTOCOLS.get(flags));
    }

    /** The name of an ALG_ID ("AES_256", "SHA384", "ECDHE"), or the value in hex ("0x6611") when not mapped. */
    static String algorithm(int algId) {
        String name = ALGORITHMS.get(algId);
        return name != null ? name : String.format("0x%04x", algId);
    }
}
