package io.tlsweep.targets.suite;

import io.tlsweep.targets.TlsVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cipher suites a farm target may be configured with (IANA codes and names, RFC 8446 / the IANA
 * TLS registry), i.e. what BoringSSL, SunJSSE or Bouncy Castle JSSE can serve. A generated-style
 * table; the farm refuses suites it does not know so that every manifest entry has a code. RC4 and 3DES
 * are here for the scripted legacy server ({@link io.tlsweep.targets.ScriptedTargetSpec}): no real stack
 * of the farm serves them.
 */
public final class SuiteCatalog {

    private static final List<SuiteInfo> ALL = List.of(
            s(0x0005, "TLS_RSA_WITH_RC4_128_SHA", KeyExchange.RSA, TlsVersion.TLS1_0),
            s(0x000A, "TLS_RSA_WITH_3DES_EDE_CBC_SHA", KeyExchange.RSA, TlsVersion.TLS1_0),
            s(0x002F, "TLS_RSA_WITH_AES_128_CBC_SHA", KeyExchange.RSA, TlsVersion.TLS1_0),
            s(0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA", KeyExchange.RSA, TlsVersion.TLS1_0),
            s(0x0041, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA", KeyExchange.RSA, TlsVersion.TLS1_0),
            s(0x0084, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA", KeyExchange.RSA, TlsVersion.TLS1_0),
            s(0x003C, "TLS_RSA_WITH_AES_128_CBC_SHA256", KeyExchange.RSA, TlsVersion.TLS1_2),
            s(0x003D, "TLS_RSA_WITH_AES_256_CBC_SHA256", KeyExchange.RSA, TlsVersion.TLS1_2),
            s(0x009C, "TLS_RSA_WITH_AES_128_GCM_SHA256", KeyExchange.RSA, TlsVersion.TLS1_2),
            s(0x009D, "TLS_RSA_WITH_AES_256_GCM_SHA384", KeyExchange.RSA, TlsVersion.TLS1_2),
            s(0x00BA, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256", KeyExchange.RSA, TlsVersion.TLS1_2),
            s(0xC050, "TLS_RSA_WITH_ARIA_128_GCM_SHA256", KeyExchange.RSA, TlsVersion.TLS1_2),
            s(0xC09C, "TLS_RSA_WITH_AES_128_CCM", KeyExchange.RSA, TlsVersion.TLS1_2),
            s(0xC09D, "TLS_RSA_WITH_AES_256_CCM", KeyExchange.RSA, TlsVersion.TLS1_2),
            s(0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA", KeyExchange.DHE_RSA, TlsVersion.TLS1_0),
            s(0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", KeyExchange.DHE_RSA, TlsVersion.TLS1_0),
            s(0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", KeyExchange.DHE_RSA, TlsVersion.TLS1_0),
            s(0x0045, "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA", KeyExchange.DHE_RSA, TlsVersion.TLS1_0),
            s(0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", KeyExchange.DHE_RSA, TlsVersion.TLS1_2),
            s(0x006B, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", KeyExchange.DHE_RSA, TlsVersion.TLS1_2),
            s(0x009E, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", KeyExchange.DHE_RSA, TlsVersion.TLS1_2),
            s(0x009F, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", KeyExchange.DHE_RSA, TlsVersion.TLS1_2),
            s(0xC09E, "TLS_DHE_RSA_WITH_AES_128_CCM", KeyExchange.DHE_RSA, TlsVersion.TLS1_2),
            s(0xC09F, "TLS_DHE_RSA_WITH_AES_256_CCM", KeyExchange.DHE_RSA, TlsVersion.TLS1_2),
            s(0xCCAA, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", KeyExchange.DHE_RSA, TlsVersion.TLS1_2),
            s(0xC012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", KeyExchange.ECDHE_RSA, TlsVersion.TLS1_0),
            s(0xC013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", KeyExchange.ECDHE_RSA, TlsVersion.TLS1_0),
            s(0xC014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", KeyExchange.ECDHE_RSA, TlsVersion.TLS1_0),
            s(0xC027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", KeyExchange.ECDHE_RSA, TlsVersion.TLS1_2),
            s(0xC028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", KeyExchange.ECDHE_RSA, TlsVersion.TLS1_2),
            s(0xC02F, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", KeyExchange.ECDHE_RSA, TlsVersion.TLS1_2),
            s(0xC030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", KeyExchange.ECDHE_RSA, TlsVersion.TLS1_2),
            s(0xC060, "TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256", KeyExchange.ECDHE_RSA, TlsVersion.TLS1_2),
            s(0xC076, "TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256", KeyExchange.ECDHE_RSA, TlsVersion.TLS1_2),
            s(0xCCA8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", KeyExchange.ECDHE_RSA, TlsVersion.TLS1_2),
            s(0xC008, "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA", KeyExchange.ECDHE_ECDSA, TlsVersion.TLS1_0),
            s(0xC009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", KeyExchange.ECDHE_ECDSA, TlsVersion.TLS1_0),
            s(0xC00A, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", KeyExchange.ECDHE_ECDSA, TlsVersion.TLS1_0),
            s(0xC023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", KeyExchange.ECDHE_ECDSA, TlsVersion.TLS1_2),
            s(0xC024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", KeyExchange.ECDHE_ECDSA, TlsVersion.TLS1_2),
            s(0xC02B, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", KeyExchange.ECDHE_ECDSA, TlsVersion.TLS1_2),
            s(0xC02C, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", KeyExchange.ECDHE_ECDSA, TlsVersion.TLS1_2),
            s(0xC072, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256", KeyExchange.ECDHE_ECDSA, TlsVersion.TLS1_2),
            s(0xC0AC, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM", KeyExchange.ECDHE_ECDSA, TlsVersion.TLS1_2),
            s(0xC0AD, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM", KeyExchange.ECDHE_ECDSA, TlsVersion.TLS1_2),
            s(0xC0AE, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8", KeyExchange.ECDHE_ECDSA, TlsVersion.TLS1_2),
            s(0xC0AF, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8", KeyExchange.ECDHE_ECDSA, TlsVersion.TLS1_2),
            s(0xCCA9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", KeyExchange.ECDHE_ECDSA, TlsVersion.TLS1_2),
            s(0x1301, "TLS_AES_128_GCM_SHA256", KeyExchange.TLS13, TlsVersion.TLS1_3),
            s(0x1302, "TLS_AES_256_GCM_SHA384", KeyExchange.TLS13, TlsVersion.TLS1_3),
            s(0x1303, "TLS_CHACHA20_POLY1305_SHA256", KeyExchange.TLS13, TlsVersion.TLS1_3),
            s(0x1304, "TLS_AES_128_CCM_SHA256", KeyExchange.TLS13, TlsVersion.TLS1_3),
            s(0x1305, "TLS_AES_128_CCM_8_SHA256", KeyExchange.TLS13, TlsVersion.TLS1_3));

    private static final Map<String, SuiteInfo> BY_NAME = index();

    private SuiteCatalog() {
    }

    /** Every known suite in table order. */
    public static List<SuiteInfo> all() {
        return ALL;
    }

    /** Looks a suite up by its IANA name. */
    public static Optional<SuiteInfo> byName(String ianaName) {
        return Optional.ofNullable(BY_NAME.get(ianaName));
    }

    /** Looks a suite up by its IANA name, failing with a clear message when unknown. */
    public static SuiteInfo require(String ianaName) {
        return byName(ianaName).orElseThrow(() -> new IllegalArgumentException(
                "cipher suite not in the farm's catalog: " + ianaName));
    }

    /** Looks a suite up by its two-byte code. */
    public static Optional<SuiteInfo> byCode(int code) {
        return ALL.stream().filter(s -> s.code() == code).findFirst();
    }

    private static Map<String, SuiteInfo> index() {
        Map<String, SuiteInfo> map = new LinkedHashMap<>();
        for (SuiteInfo s : ALL) {
            map.put(s.ianaName(), s);
        }
        return Map.copyOf(map);
    }

    private static SuiteInfo s(int code, String name, KeyExchange kx, TlsVersion min) {
        return new SuiteInfo(code, name, kx, min);
    }
}
