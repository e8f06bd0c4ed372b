package io.tlsweep.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.wire.ProtocolVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * IIS W3C logs with the TLS custom fields, on samples built from Microsoft's documented fields (see
 * src/test/resources/evidence/iis/README.md: IIS does not run here), and on hostile lines.
 */
class IisW3cLogTest {
    private static final IisW3cLog IIS = new IisW3cLog();

    private static Collected read(String text) {
        return ZeekSslLogTest.read(IIS, "u_ex.log", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyTlsRequestIsSeenWithItsVersionCipherClientAndEndpoint() {
        Collected c = ZeekSslLogTest.read(IIS, "u_ex261102.log",
                ZeekSslLogTest.sample("iis/u_ex261102.log"));
        assertThat(c.problems).isEmpty();
        // six TLS requests; the plain-HTTP one on port 80 is skipped
        assertThat(c.seen).extracting(o -> o.version().orElseThrow()).containsExactly(ProtocolVersion.TLSv1_0,
                ProtocolVersion.TLSv1_1, ProtocolVersion.TLSv1_2, ProtocolVersion.TLSv1_3, ProtocolVersion.TLSv1_0,
                ProtocolVersion.TLSv1_2);
        assertThat(c.seen).extracting(o -> o.cipher().orElseThrow()).containsExactly("AES_256/SHA1/ECDHE",
                "3DES/SHA1/RSA", "AES_128/SHA256/ECDHE", "AES_256/SHA384/ECDHE", "RC4/SHA1/RSA",
                "AES_256/SHA384/ECDHE");
        Observation first = c.seen.get(0);
        assertThat(first.time()).contains(Instant.parse("2026-11-02T08:15:30Z"));
        assertThat(first.clientAddress()).contains("192.0.2.10");
        assertThat(first.serverAddress()).contains("198.51.100.20");
        assertThat(first.serverPort().getAsInt()).isEqualTo(443);
        assertThat(first.userAgent()).contains("Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0)");
        assertThat(first.established()).isTrue();
        assertThat(first.offered()).isEmpty();
        assertThat(first.format()).isEqualTo("iis");
        assertThat(c.seen.get(1).userAgent()).isEmpty();
        assertThat(c.seen.get(3).clientAddress()).contains("2001:db8::7");
        // after the new #Fields: directive, the fields in their new order, with cs-host
        Observation rc4 = c.seen.get(4);
        assertThat(rc4.clientAddress()).contains("192.0.2.10");
        assertThat(rc4.serverName()).contains("legacy.example.test");
        assertThat(rc4.time()).contains(Instant.parse("2026-11-02T09:01:10Z"));
        assertThat(c.seen.get(5).serverName()).contains("app.example.test");
    }

    @Test
    void aLogWithoutTheCryptFieldsIsOneProblemNamingThem() {
        Collected c = ZeekSslLogTest.read(IIS, "u_ex261102-default-fields.log",
                ZeekSslLogTest.sample("iis/u_ex261102-default-fields.log"));
        assertThat(c.seen).isEmpty();
        assertThat(c.problems).hasSize(1);
        assertThat(c.problems.get(0).toString()).startsWith("u_ex261102-default-fields.log:4: #Fields: has no"
                + " crypt-protocol").contains("crypt-cipher, crypt-hash and crypt-keyexchange");
    }

    @Test
    void theSamplesAreRecognisedAsIis() {
        for (String sample : List.of("iis/u_ex261102.log", "iis/u_ex261102-default-fields.log")) {
            byte[] head = ZeekSslLogTest.sample(sample);
            assertThat(IIS.recognises(head)).as(sample).isTrue();
            assertThat(EvidenceReaders.detect(head)).as(sample).map(EvidenceReader::name).contains("iis");
        }
        assertThat(EvidenceReaders.detect(ZeekSslLogTest.sample("zeek/ssl.log"))).map(EvidenceReader::name)
                .contains("zeek");
        assertThat(IIS.recognises(ZeekSslLogTest.sample("zeek/ssl-log-ext.json"))).isFalse();
    }

    @Test
    void badLinesAreProblemsWithTheirLineAndTheRestIsRead() {
        String fields = "#Fields: date time c-ip s-port crypt-protocol crypt-cipher crypt-hash crypt-keyexchange\n";
        Collected c = read("2026-11-02 08:15:30 192.0.2.1 443 40 6610 8004 ae06\n" + fields
                + "2026-11-02 08:15:30 192.0.2.1 443 40 6610 8004\n"
                + "2026-11-02 08:15:30 192.0.2.1 443 c0 6610 8004 ae06\n"
                + "2026-11-02 08:15:30 192.0.2.1 443 TLS1.2 6610 8004 ae06\n"
                + "2026-13-02 08:15:30 192.0.2.1 443 40 6610 8004 ae06\n"
                + "2026-11-02 08:15:30 192.0.2.1 https 40 6610 8004 ae06\n"
                + "2026-11-02 08:15:30 192.0.2.1 443 40 AES zz ae06\n"
                + "\uFEFF2026-11-02 08:15:30 192.0.2.9 443 80 6611 800e aa02\n");
        assertThat(c.problems).extracting(EvidenceProblem::toString).containsExactly(
                "u_ex.log:1: a line before any #Fields: directive (not an IIS W3C log, or its header is missing)",
                "u_ex.log:3: 7 values where #Fields: names 8",
                "u_ex.log:4: crypt-protocol 'c0' is not one SP_PROT_* version flag",
                "u_ex.log:5: crypt-protocol 'TLS1.2' is not one SP_PROT_* version flag",
                "u_ex.log:6: date/time '2026-13-02 08:15:30' is not yyyy-mm-dd hh:mm:ss",
                "u_ex.log:7: s-port 'https' is not a port",
                "u_ex.log:8: crypt-cipher, crypt-hash or crypt-keyexchange is not a hex ALG_ID");
        // an ALG_ID not mapped (CALG_AES 0x6611) is kept in hex
        assertThat(c.seen).hasSize(1);
        assertThat(c.seen.get(0).version()).contains(ProtocolVersion.TLSv1_0);
        assertThat(c.seen.get(0).cipher()).contains("0x6611/SHA512/DHE");
    }

    @ParameterizedTest
    @CsvSource({"a.test, a.test", "a.test:8443, a.test", "[2001:db8::1]:443, 2001:db8::1", "2001:db8::1, 2001:db8::1",
            "198.51.100.20:443, 198.51.100.20"})
    void theHostHeaderLosesItsPort(String host, String name) {
        assertThat(IisW3cLog.withoutPort(host)).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource({"10, SSLv3", "20, SSLv3", "40, TLSv1.0", "80, TLSv1.0", "100, TLSv1.1", "200, TLSv1.1",
            "400, TLSv1.2", "800, TLSv1.2", "1000, TLSv1.3", "2000, TLSv1.3", "4, SSLv2", "8, SSLv2"})
    void spProtFlagsAreVersions(String hex, String version) {
        assertThat(IisCrypt.hex(hex).flatMap(IisCrypt::protocol).map(ProtocolVersion::displayName))
                .contains(version);
    }

    @ParameterizedTest
    @CsvSource({"660e, AES_128", "660f, AES_192", "6610, AES_256", "6603, 3DES", "6601, DES", "6801, RC4",
            "6602, RC2", "8003, MD5", "8004, SHA1", "800c, SHA256", "800d, SHA384", "800e, SHA512", "a400, RSA",
            "aa01, DH", "aa02, DHE", "aa05, ECDH", "ae06, ECDHE"})
    void algIdsAreNamed(String hex, String name) {
        assertThat(IisCrypt.algorithm(IisCrypt.hex(hex).orElseThrow())).isEqualTo(name);
    }
}
