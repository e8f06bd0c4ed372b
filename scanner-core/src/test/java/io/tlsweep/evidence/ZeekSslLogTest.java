package io.tlsweep.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.wire.ProtocolVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Zeek's ssl.log, TSV and JSON, on samples built from Zeek's documented fields (see
 * src/test/resources/evidence/zeek/README.md: Zeek does not run here), and on hostile lines.
 */
class ZeekSslLogTest {
    private static final ZeekSslLog ZEEK = new ZeekSslLog();


    static byte[] sample(String path) {
        try (InputStream in = ZeekSslLogTest.class.getResourceAsStream("/evidence/" + path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Collected read(EvidenceReader reader, String name, byte[] bytes) {
        Collected c = new Collected();
        try (EvidenceInput in = EvidenceInput.of(name, new ByteArrayInputStream(bytes))) {
            reader.read(in, c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return c;
    }

    private static Collected read(String text) {
        return read(ZEEK, "ssl.log", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theBaseFieldsGiveTimeClientEndpointVersionCipherAndOutcome() {
        Collected c = read(ZEEK, "ssl.log", sample("zeek/ssl.log"));
        assertThat(c.problems).isEmpty();
        assertThat(c.seen).hasSize(4);
        Observation tls10 = c.seen.get(0);
        assertThat(tls10.time()).contains(Instant.parse("2026-11-02T08:15:30.125431Z"));
        assertThat(tls10.clientAddress()).contains("192.0.2.10");
        assertThat(tls10.serverAddress()).contains("198.51.100.20");
        assertThat(tls10.serverPort().getAsInt()).isEqualTo(443);
        assertThat(tls10.serverName()).contains("legacy.example.test");
        assertThat(tls10.version()).contains(ProtocolVersion.TLSv1_0);
        assertThat(tls10.cipher()).contains("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA");
        assertThat(tls10.established()).isTrue();
        assertThat(tls10.offered()).isEmpty();
        assertThat(tls10.format()).isEqualTo("zeek");
        assertThat(c.seen.get(1).version()).contains(ProtocolVersion.TLSv1_3);
        // refused with protocol_version: no ServerHello, so no version, and without ssl-log-ext no offer either
        Observation refused = c.seen.get(2);
        assertThat(refused.established()).isFalse();
        assertThat(refused.version()).isEmpty();
        assertThat(refused.cipher()).isEmpty();
        assertThat(refused.serverPort().getAsInt()).isEqualTo(8443);
        Observation v6 = c.seen.get(3);
        assertThat(v6.clientAddress()).contains("2001:db8::7");
        assertThat(v6.serverAddress()).contains("2001:db8::1");
        assertThat(v6.time()).contains(Instant.parse("2026-11-03T23:59:59.999999Z"));
    }

    @Test
    void sslLogExtGivesTheClientsOfferAndSoItsProfile() {
        Collected c = read(ZEEK, "ssl-log-ext.log", sample("zeek/ssl-log-ext.log"));
        assertThat(c.problems).isEmpty();
        assertThat(c.seen).hasSize(4);
        ProfileMatcher m = ProfileMatcher.builtIn();
        ProfileMatcher.Match dotnet = m.match(c.seen.get(0).offered().orElseThrow());
        assertThat(dotnet.exact()).isTrue();
        assertThat(dotnet.nearest().get(0).id()).isEqualTo("dotnet45-win2012r2");
        OfferedHello openssl = c.seen.get(1).offered().orElseThrow();
        assertThat(m.match(openssl).nearest().get(0).id()).isEqualTo("openssl-3");
        assertThat(m.match(openssl).exact()).isTrue();
        // the signature algorithms put back together from Zeek's two halves: the same JA4 as the capture's
        assertThat(Ja4.of(openssl)).isEqualTo(Ja4.of(Ja4Hellos.capture("openssl3")));
        assertThat(openssl.signatureAlgorithms()).isEqualTo(Ja4Hellos.capture("openssl3").signatureAlgorithms());
        assertThat(openssl.serverName()).contains("app.example.test");
        // the refused client: the version it asked for, from its offer (client_version TLS 1.0, no supported_versions)
        Observation refused = c.seen.get(2);
        assertThat(refused.established()).isFalse();
        assertThat(refused.version()).contains(ProtocolVersion.TLSv1_0);
        OfferedHello java = c.seen.get(3).offered().orElseThrow();
        assertThat(java.alpn()).containsExactly("h2", "http/1.1");
        assertThat(m.match(java).nearest().get(0).id()).isEqualTo("java17");
        assertThat(m.match(java).family()).contains("java");
    }

    @Test
    void jsonLinesSayWhatTheTsvSays() {
        Collected tsv = read(ZEEK, "ssl-log-ext.log", sample("zeek/ssl-log-ext.log"));
        Collected json = read(ZEEK, "ssl-log-ext.json", sample("zeek/ssl-log-ext.json"));
        assertThat(json.problems).isEmpty();
        assertThat(json.seen).isEqualTo(tsv.seen);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zeek/ssl.log", "zeek/ssl-log-ext.log", "zeek/ssl-log-ext.json"})
    void theSamplesAreRecognisedAsZeek(String path) {
        byte[] head = sample(path);
        assertThat(ZEEK.recognises(head)).isTrue();
        assertThat(EvidenceReaders.detect(head)).map(EvidenceReader::name).contains("zeek");
    }

    @Test
    void isoTimesAndNestedIdsInJsonAreRead() {
        Collected c = read("{\"ts\":\"2026-11-02T08:15:30.125431Z\",\"uid\":\"C1\",\"id\":{\"orig_h\":\"192.0.2.9\","
                + "\"orig_p\":5000,\"resp_h\":\"198.51.100.2\",\"resp_p\":993},\"version\":\"TLSv11\","
                + "\"cipher\":\"TLS_RSA_WITH_AES_128_CBC_SHA\",\"established\":true}\n");
        assertThat(c.problems).isEmpty();
        Observation o = c.seen.get(0);
        assertThat(o.time()).contains(Instant.parse("2026-11-02T08:15:30.125431Z"));
        assertThat(o.clientAddress()).contains("192.0.2.9");
        assertThat(o.serverPort().getAsInt()).isEqualTo(993);
        assertThat(o.version()).contains(ProtocolVersion.TLSv1_1);
    }

    @Test
    void aNewHeaderMidFileTakesOverAndOtherLogsAreSkipped() {
        String text = "#separator \\x09\n#path\tssl\n#fields\tts\tid.orig_h\tversion\testablished\n"
                + "1793607330.5\t192.0.2.1\tTLSv10\tT\n"
                + "#fields\tts\tversion\tid.orig_h\tid.resp_h\tid.resp_p\testablished\n"
                + "1793607331.25\tTLSv12\t192.0.2.2\t198.51.100.1\t443\tF\n"
                + "#path\tconn\n#fields\tts\tuid\tid.orig_h\n1793607332.0\tCx\t192.0.2.3\n";
        Collected c = read(text);
        assertThat(c.seen).extracting(o -> o.clientAddress().orElseThrow()).containsExactly("192.0.2.1",
                "192.0.2.2");
        assertThat(c.seen.get(1).version()).contains(ProtocolVersion.TLSv1_2);
        assertThat(c.seen.get(1).established()).isFalse();
        assertThat(c.problems).hasSize(1);
        assertThat(c.problems.get(0).toString()).isEqualTo("ssl.log:7: #path conn: not an ssl.log, its records are"
                + " skipped");
    }

    @Test
    void badLinesAreProblemsWithTheirLineAndTheRestIsRead() {
        String text = "1793607330.5\t192.0.2.1\n"
                + "#separator \\x09\n#fields\tts\tid.orig_h\tversion\testablished\tclient_ciphers\n"
                + "1793607330.5\t192.0.2.1\tTLSv10\n"
                + "yesterday\t192.0.2.1\tTLSv10\tT\t-\n"
                + "1793607330.5\t192.0.2.1\tTLSv99\tT\t-\n"
                + "1793607330.5\t192.0.2.1\tTLSv10\tT\t47,x\n"
                + "{\"ts\": 1793607330.5, \"uid\": \n"
                + "1793607330.5\t192.0.2.4\tTLSv10\tT\t47,53\n";
        Collected c = read(text);
        assertThat(c.problems).extracting(EvidenceProblem::toString).hasSize(6).startsWith(
                "ssl.log:1: a record before any #fields header (not a Zeek log, or its header is missing)",
                "ssl.log:4: 3 values where #fields names 5",
                "ssl.log:5: ts 'yesterday' is neither epoch seconds nor an ISO 8601 time",
                "ssl.log:6: version 'TLSv99' is not one Zeek writes",
                "ssl.log:7: a client field of ssl-log-ext is not a list of numbers: For input string: \"x\"");
        assertThat(c.problems.get(5).toString()).startsWith("ssl.log:8: not JSON: ");
        assertThat(c.seen).hasSize(1);
        assertThat(c.seen.get(0).offered().orElseThrow().cipherSuites()).containsExactly(47, 53);
        // suites without the extension list: no JA4, as the input does not say
        assertThat(Ja4.of(c.seen.get(0).offered().orElseThrow())).isEmpty();
    }

    @Test
    void versionNamesAreZeeks() {
        assertThat(ZeekRecord.version("SSLv3")).contains(ProtocolVersion.SSLv3);
        assertThat(ZeekRecord.version("TLSv13-draft23")).contains(ProtocolVersion.of(0x7f17));
        assertThat(ZeekRecord.version("unknown-65279")).contains(ProtocolVersion.of(0xfeff));
        assertThat(ZeekRecord.version("TLSv1.2")).isEqualTo(Optional.empty());
        assertThat(ZeekSslLog.unescape("a\\x09b\\x2c")).isEqualTo("a\tb,");
    }
}
