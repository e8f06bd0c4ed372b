package io.tlsweep.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** nginx lines in tlsweep's log_format; the samples are lines nginx 1.22 (Debian 12) wrote with it. */
class NginxLogTest {
    private static final NginxLog NGINX = new NginxLog();
    private static final String TLS1 = "2026-12-03T15:37:17+00:00 127.0.0.1 127.0.0.1 18443 \"-\" TLSv1"
            + " ECDHE-RSA-AES256-SHA \"GET /curl/tls1.0 HTTP/1.1\" 204 \"curl \\x22q\\x22 \\x5Cx\""
            + " \"ECDHE-ECDSA-AES256-SHA:ECDHE-RSA-AES256-SHA:DHE-RSA-AES256-SHA:ECDHE-ECDSA-AES128-SHA"
            + ":ECDHE-RSA-AES128-SHA:DHE-RSA-AES128-SHA:AES256-SHA:AES128-SHA:TLS_EMPTY_RENEGOTIATION_INFO_SCSV\""
            + " \"X25519:prime256v1:X448:secp521r1:secp384r1\"";
    private static final String V6 = "2026-12-03T16:37:17+01:00 ::1 ::1 18443 \"localhost\" TLSv1.3"
            + " TLS_AES_256_GCM_SHA384 \"GET /v6 HTTP/1.1\" 204 \"curl/7.88.1\"";
    private static final String PLAIN = "2026-12-03T15:37:17+00:00 127.0.0.1 127.0.0.1 18080 \"-\" - -"
            + " \"GET /plain HTTP/1.1\" 204 \"curl/7.88.1\" \"-\" \"-\"";

    private static LineParser.Parsed parse(String line) {
        return NGINX.start().parse(line);
    }

    private static Observation seen(String line) {
        LineParser.Parsed p = parse(line);
        assertThat(p).isInstanceOf(LineParser.Seen.class);
        return ((LineParser.Seen) p).observation();
    }

    @Test
    void aTls10LineWithTheOfferedCiphersAndCurves() {
        Observation o = seen(TLS1);
        assertThat(o.time()).contains(Instant.parse("2026-12-03T15:37:17Z"));
        assertThat(o.clientAddress()).contains("127.0.0.1");
        assertThat(o.serverAddress()).contains("127.0.0.1");
        assertThat(o.serverPort()).isEqualTo(OptionalInt.of(18443));
        assertThat(o.serverName()).isEmpty();
        assertThat(o.version()).contains(ProtocolVersion.TLSv1_0);
        assertThat(o.cipher()).contains("ECDHE-RSA-AES256-SHA");
        assertThat(o.established()).isTrue();
        assertThat(o.userAgent()).contains("curl \"q\" \\x");
        assertThat(o.format()).isEqualTo("nginx");
        OfferedHello hello = o.offered().orElseThrow();
        assertThat(hello.cipherSuites()).hasSize(9).startsWith(0xC00A, 0xC014).endsWith(0x00FF);
        assertThat(hello.groups()).containsExactly(NamedGroup.X25519.code(), NamedGroup.SECP256R1.code(),
                NamedGroup.X448.code(), NamedGroup.SECP521R1.code(), NamedGroup.SECP384R1.code());
        assertThat(hello.legacyVersion()).isZero();
        assertThat(hello.extensions()).isEmpty();
        assertThat(hello.serverName()).isEmpty();
    }

    @Test
    void anIpv6LineWithoutTheOfferFieldsWithSniAndAZone() {
        Observation o = seen(V6);
        assertThat(o.time()).contains(Instant.parse("2026-12-03T15:37:17Z"));
        assertThat(o.clientAddress()).contains("::1");
        assertThat(o.serverAddress()).contains("::1");
        assertThat(o.serverName()).contains("localhost");
        assertThat(o.version()).contains(ProtocolVersion.TLSv1_3);
        assertThat(o.cipher()).contains("TLS_AES_256_GCM_SHA384");
        assertThat(o.offered()).isEmpty();
    }

    @Test
    void plainHttpIsSkipped() {
        assertThat(parse(PLAIN)).isEqualTo(LineParser.Parsed.SKIPPED);
    }

    @Test
    void hexCodesAndUnknownNamesInTheOffer() {
        Optional<OfferedHello> hex = NginxLog.offered("0x0a0a:AES128-SHA:0xc0ff", "0x1a1a:X25519", Optional.of("a"));
        assertThat(hex.orElseThrow().cipherSuites()).containsExactly(0x0A0A, CipherSuite.byName("AES128-SHA")
                .orElseThrow().code(), 0xC0FF);
        assertThat(hex.orElseThrow().groups()).containsExactly(0x1A1A, 29);
        assertThat(hex.orElseThrow().serverName()).contains("a");
        assertThat(NginxLog.offered("AES128-SHA:NOT-A-SUITE", "X25519", Optional.empty())).isEmpty();
        assertThat(NginxLog.offered("AES128-SHA", "curve9", Optional.empty())).isEmpty();
        assertThat(NginxLog.offered("AES128-SHA", "0x12345", Optional.empty())).isEmpty();
        assertThat(NginxLog.offered("-", "-", Optional.empty())).isEmpty();
        assertThat(NginxLog.offered("AES128-SHA", "-", Optional.empty()).orElseThrow().groups()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SSLv3|0x0300", "TLSv1|0x0301", "TLSv1.1|0x0302", "TLSv1.2|0x0303", "TLSv1.3|0x0304"})
    void everyProtocolNameOpenSslGives(String name, String code) {
        Observation o = seen(V6.replace("TLSv1.3", name));
        assertThat(o.version()).contains(ProtocolVersion.of(Integer.decode(code)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "TLSv1.3|TLSv1.4|unknown TLS protocol 'TLSv1.4'",
        "TLSv1.3|tlsv1.3|unknown TLS protocol",
        "TLSv1.3|TLS1.0|unknown TLS protocol",
        "::1 ::1|::1 server|server address 'server' is not an IP address",
        "::1 ::1|10.0.0.256 ::1|client address '10.0.0.256'",
        "18443|65536|server port '65536'",
        "18443|0|server port '0'",
        "2026-12-03T16:37:17+01:00|2026-12-03T16:37:17+0100|is not nginx's $time_iso8601",
        "2026-12-03T16:37:17+01:00|03/Dec/2026:16:37:17|is not nginx's $time_iso8601",
        " 204 | 20x |status '20x'",
        "\"localhost\"|localhost|quoted fields",
        "\"curl/7.88.1\"|\"curl/7.88.1\" \"x\"|11 fields",
        "\"curl/7.88.1\"|\"curl/7.88.1|field 10 opens a quote",
        "\"curl/7.88.1\"|\"curl/\"7.88.1|text right after the closing quote",
        "TLS_AES_256_GCM_SHA384|TLS\"AES|a quote inside the unquoted field 7"})
    void badLinesSayWhy(String from, String to, String why) {
        String line = V6.replace(from, to);
        assertThat(line).isNotEqualTo(V6);
        assertThat(parse(line)).isInstanceOfSatisfying(LineParser.Bad.class, b -> assertThat(b.why()).contains(why));
    }

    @Test
    void anApacheOrHaproxyLineIsNotNginx() {
        assertThat(parse(ApacheLogTest.TLS11)).isInstanceOf(LineParser.Bad.class);
        assertThat(parse(HaproxyLogTest.TLS1)).isInstanceOf(LineParser.Bad.class);
        assertThat(NGINX.recognises(List.of(TLS1, V6, PLAIN))).isTrue();
        assertThat(NGINX.recognises(List.of(ApacheLogTest.TLS11))).isFalse();
        assertThat(NGINX.recognises(List.of(HaproxyLogTest.TLS1))).isFalse();
        assertThat(NGINX.recognises(List.of())).isFalse();
    }

    @Test
    void cutAndMutatedLinesAreBadNeverAnException() {
        assertThat(CutLines.assertNeverThrows(NGINX, TLS1, TLS1.indexOf(" \"ECDHE"))).isPositive();
        assertThat(CutLines.assertNeverThrows(NGINX, V6, V6.length())).isEqualTo(V6.length());
        CutLines.assertNeverThrows(NGINX, PLAIN, PLAIN.indexOf(" \"-\" \"-\""));
    }
}
