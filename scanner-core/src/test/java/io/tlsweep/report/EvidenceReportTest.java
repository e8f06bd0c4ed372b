package io.tlsweep.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.tlsweep.evidence.ClientIdentity;
import io.tlsweep.evidence.ClientMatch;
import io.tlsweep.evidence.EvidenceProblem;
import io.tlsweep.evidence.EvidenceTally;
import io.tlsweep.evidence.Observation;
import io.tlsweep.evidence.OfferedHello;
import io.tlsweep.evidence.Position;
import io.tlsweep.evidence.TallyOptions;
import io.tlsweep.testing.SchemaCheck;
import io.tlsweep.wire.ProtocolVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evidence.json, the two CSV files and the text summary, each read back. */
class EvidenceReportTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final OfferedHello HELLO = new OfferedHello(0x0301, List.of(), List.of(0x002f), List.of(),
            List.of(), List.of(), List.of(), Optional.empty());

    @TempDir
    Path dir;

    /** Every JSON file the test wrote in its directory validates against its schema. */
    @AfterEach
    void writtenJsonValidates() {
        SchemaCheck.assertValid(dir);
    }

    private static EvidenceJson evidence() {
        EvidenceTally tally = new EvidenceTally(TallyOptions.DEFAULTS.since(T0.minusSeconds(3600))
                .identify(h -> new ClientIdentity(Optional.of("t10d010000_ja4"),
                        Optional.of(new ClientMatch("java7", "Java 7", 2)), Optional.of("java"))));
        tally.input("access.log");
        tally.input("tls.pcap");
        Observation web = Observation.established("nginx").to("10.0.0.1", 443).named("www.example")
                .negotiated(ProtocolVersion.TLSv1_0, "AES128-SHA");
        tally.observed(web.at(T0).from("192.0.2.7").agent("=cmd|' /C calc'!A0"));
        tally.observed(web.at(T0.plusSeconds(60)).from("192.0.2.7").agent("curl/7.88.1"));
        tally.observed(web.at(T0.plusSeconds(10)).from("198.51.100.1")
                .negotiated(ProtocolVersion.TLSv1_1, "AES256-SHA"));
        tally.observed(web.at(T0.plusSeconds(20)).from("203.0.113.9").negotiated(ProtocolVersion.TLSv1_2,
                "ECDHE-RSA-AES128-GCM-SHA256"));
        tally.observed(web.at(T0.minusSeconds(7200)).from("192.0.2.99")); // before the window
        tally.observed(Observation.established("pcap").at(T0.plusSeconds(30)).from("192.0.2.50").to("10.0.0.2", 443)
                .negotiated(ProtocolVersion.TLSv1_0, "TLS_RSA_WITH_AES_128_CBC_SHA").offering(HELLO));
        tally.observed(Observation.established("pcap").at(T0).from("192.0.2.51").to("10.0.0.3", 443)
                .negotiated(ProtocolVersion.TLSv1_3, "TLS_AES_128_GCM_SHA256"));
        tally.problem(new EvidenceProblem(Position.line("access.log", 7), "not an nginx tlsweep line"));
        tally.problem(new EvidenceProblem(Position.offset("tls.pcap", 4096), "block length 9999999 past the end"));
        return EvidenceJson.of(tally.summary(), tally.notes());
    }

    @Test
    void jsonIsWrittenAndReadBack() throws IOException {
        EvidenceJson written = evidence();
        written.write(dir.resolve(EvidenceJson.FILE));
        EvidenceJson read = EvidenceJson.read(dir.resolve(EvidenceJson.FILE));
        assertThat(read).isEqualTo(written);
        assertThat(read.schema()).isEqualTo("tlsweep-evidence/1");
        assertThat(read.inputs()).containsExactly("access.log", "tls.pcap");
        assertThat(read.observations()).isEqualTo(6);
        assertThat(read.outsideWindow()).isEqualTo(1);
        assertThat(read.since()).isEqualTo("2026-12-01T09:00:00Z");
        assertThat(read.endpoints()).extracting(EvidenceJson.EndpointJson::endpoint)
                .containsExactly("10.0.0.1:443 (www.example)", "10.0.0.2:443", "10.0.0.3:443");
        EvidenceJson.ClientJson first = read.endpoints().get(0).clients().get(0);
        assertThat(first.client()).isEqualTo("192.0.2.7");
        assertThat(first.version()).isEqualTo("TLSv1.0");
        assertThat(first.established()).isEqualTo(2);
        assertThat(first.first()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(first.last()).isEqualTo("2026-12-01T10:01:00Z");
        assertThat(first.suites()).containsExactly(new EvidenceJson.SuiteCount("AES128-SHA", 2));
        EvidenceJson.ClientJson pcap = read.endpoints().get(1).clients().get(0);
        assertThat(pcap.ja4()).isEqualTo("t10d010000_ja4");
        assertThat(pcap.looksLike()).isEqualTo(new EvidenceJson.MatchJson("java7", "Java 7", 2, false));
        assertThat(pcap.family()).isEqualTo("java");
        assertThat(pcap.label()).isEqualTo("nearest: Java 7 (distance 2)");
        assertThat(first.ja4()).isNull();
        assertThat(first.label()).isNull();
        assertThat(read.daily()).containsExactly(new EvidenceJson.DayJson("2026-12-01", "TLSv1.0", 3, 0),
                new EvidenceJson.DayJson("2026-12-01", "TLSv1.1", 1, 0),
                new EvidenceJson.DayJson("2026-12-01", "TLSv1.2", 1, 0),
                new EvidenceJson.DayJson("2026-12-01", "TLSv1.3", 1, 0));
        assertThat(read.problemCount()).isEqualTo(2);
        assertThat(read.problems()).containsExactly(
                new EvidenceJson.ProblemJson("access.log", 7L, null, "not an nginx tlsweep line"),
                new EvidenceJson.ProblemJson("tls.pcap", null, 4096L, "block length 9999999 past the end"));
    }

    @Test
    void clientsCsvHasOneRowPerEndpointVersionAndClient() throws IOException {
        StringWriter csv = new StringWriter();
        EvidenceClientsCsv.write(evidence(), csv);
        List<Map<String, String>> rows = rows(csv.toString());
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0).keySet()).containsExactlyElementsOf(EvidenceClientsCsv.COLUMNS);
        Map<String, String> r = rows.get(0);
        assertThat(r).containsEntry("endpoint", "10.0.0.1:443 (www.example)").containsEntry("port", "443")
                .containsEntry("sni", "www.example").containsEntry("version", "TLSv1.0")
                .containsEntry("client", "192.0.2.7").containsEntry("established", "2").containsEntry("failed", "0")
                .containsEntry("suites", "AES128-SHA=2").containsEntry("formats", "nginx")
                // a user agent that would start a formula is neutralised
                .containsEntry("user_agents", "'=cmd|' /C calc'!A0 | curl/7.88.1");
        assertThat(rows.get(3)).containsEntry("client", "192.0.2.50").containsEntry("ja4", "t10d010000_ja4")
                .containsEntry("looks_like", "java7").containsEntry("distance", "2").containsEntry("family", "java");
    }

    @Test
    void dailyCsvIsByDayThenVersion() throws IOException {
        StringWriter csv = new StringWriter();
        EvidenceDailyCsv.write(evidence(), csv);
        assertThat(csv.toString().lines()).containsExactly("day,version,established,failed",
                "2026-12-01,TLSv1.0,3,0", "2026-12-01,TLSv1.1,1,0", "2026-12-01,TLSv1.2,1,0", "2026-12-01,TLSv1.3,1,0");
    }

    @Test
    void textNamesTheLegacyClientsPerEndpointThenTheProblems() {
        StringWriter text = new StringWriter();
        EvidenceText.print(new PrintWriter(text), evidence());
        assertThat(text.toString().lines()).containsExactly(
                "Evidence: 6 handshake(s) from 2 input(s), 2026-12-01T10:00:00Z to 2026-12-01T10:01:00Z",
                "  window from 2026-12-01T09:00:00Z: 1 handshake(s) before it left out",
                "10.0.0.1:443 (www.example)",
                "  TLSv1.0  1 client(s), 2 handshake(s): 192.0.2.7 x2 (last 2026-12-01T10:01:00Z, =cmd|' /C calc'!A0)",
                "  TLSv1.1  1 client(s), 1 handshake(s): 198.51.100.1 x1 (last 2026-12-01T10:00:10Z)",
                "10.0.0.2:443",
                "  TLSv1.0  1 client(s), 1 handshake(s): 192.0.2.50 x1 (nearest: Java 7 (distance 2), last"
                        + " 2026-12-01T10:00:30Z)",
                "10.0.0.3:443: no legacy handshake (TLSv1.3 1)",
                "2 line(s) or block(s) could not be read; the first: access.log:7: not an nginx tlsweep line");
    }

    private static List<Map<String, String>> rows(String csv) throws IOException {
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            return it.readAll();
        }
    }
}
