package io.tlsweep.evidence;

import java.util.List;
import java.util.Optional;

/**
 * The family of a client stack told by traits of its ClientHello that stay when the client is limited to one
 * version or a few suites (a test client at TLS 1.0 offers none of its default suites, so no profile is near). Each
 * trait was seen in every hello of that stack caught here on loopback (openssl s_client 3.0 and curl 7.88, gnutls-cli
 * 3.7.9, OpenJDK 17, each at TLS 1.0, 1.1, 1.2 and 1.3; ProfileMatcherTest) and in none of the other stacks' hellos,
 * nor in any built-in profile's hello:
 * <ul>
 * <li><b>gnutls</b>: record_size_limit (0x001C), encrypt_then_mac (0x0016) and renegotiation_info (0xFF01) all sent
 * (NSS sends the first and no encrypt_then_mac; OpenSSL the second and no renegotiation_info extension, it signals
 * with the SCSV). Where the input does not give the extensions: a CCM suite offered (TLS_AES_128_CCM_SHA256 0x1304,
 * or a TLS 1.2 AES-CCM suite 0xC09C-0xC0A3, 0xC0AC-0xC0AF), which the OpenSSL, Java, Schannel and browser defaults
 * do not offer.</li>
 * <li><b>java</b>: status_request_v2 (0x0011) or signature_algorithms_cert (0x0032), which SunJSSE sends (the first
 * up to TLS 1.2, the second from TLS 1.2) and the other stacks here do not.</li>
 * <li><b>openssl</b>: no GREASE value anywhere, and ec_point_formats (0x000B) sent before supported_groups (0x000A):
 * OpenSSL writes them in that order (GnuTLS, SunJSSE and Schannel the other way; BoringSSL in Chromium shuffles
 * its extensions, but sends GREASE).</li>
 * </ul>
 */
final class ProfileMatchTraits {
    private ProfileMatchTraits() {
    }

    /** GnuTLS's traits. */
    static boolean gnutls(OfferedHello h) {
        if (h.extensions().isEmpty()) {
            return h.cipherSuites().stream().anyMatch(s -> s == 0x1304 || s >= 0xc09c && s <= 0xc0a3
                    || s >= 0xc0ac && s <= 0xc0af);
        }
        return h.extensions().containsAll(List.of(0x001c, 0x0016, 0xff01));
    }

    /** The family GnuTLS's, SunJSSE's or OpenSSL's traits tell, if any; gnutls first, then java, then openssl. */
    static Optional<String> family(OfferedHello h) {
        if (gnutls(h)) {
            return Optional.of("gnutls");
        }
        List<Integer> ext = h.extensions();
        if (ext.contains(0x0011) || ext.contains(0x0032)) {
            return Optional.of("java");
        }
        boolean grease = ext.stream().anyMatch(Ja4::isGrease) || h.cipherSuites().stream().anyMatch(Ja4::isGrease);
        int formats = ext.indexOf(0x000b);
        int groups = ext.indexOf(0x000a);
        if (!grease && formats >= 0 && groups > formats) {
            return Optional.of("openssl");
        }
        return Optional.empty();
    }
}
