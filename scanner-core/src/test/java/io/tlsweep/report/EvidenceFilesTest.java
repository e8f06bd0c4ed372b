package io.tlsweep.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.evidence.EvidenceInput;
import io.tlsweep.evidence.EvidenceReaders;
import io.tlsweep.evidence.EvidenceTally;
import io.tlsweep.evidence.LineFormat;
import io.tlsweep.evidence.LineParser;
import io.tlsweep.evidence.Observation;
import io.tlsweep.evidence.TallyOptions;
import io.tlsweep.testing.SchemaCheck;
import io.tlsweep.wire.ProtocolVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files to outputs through the core API, as {@code tlsweep evidence} does it: a plain and a truncated gzip input read
 * by a test format into one tally, the positions of bad lines and of the early end carried to evidence.json.
 */
class EvidenceFilesTest {
    /** "time client server:port version cipher". */
    private static final LineFormat SPACED = new LineFormat() {
        @Override
        protected LineParser start() {
            return line -> {
                String[] f = line.split(" ");
                Optional<ProtocolVersion> v = f.length == 5 ? ProtocolVersion.parse(f[3]) : Optional.empty();
                if (v.isEmpty()) {
                    return LineParser.Parsed.bad("not 'time client server:port version cipher'");
                }
                int colon = f[2].lastIndexOf(':');
                return LineParser.Parsed.seen(Observation.established("spaced").at(Instant.parse(f[0])).from(f[1])
                        .to(f[2].substring(0, colon), Integer.parseInt(f[2].substring(colon + 1)))
                        .negotiated(v.get(), f[4]));
            };
        }

        @Override
        protected boolean recognises(List<String> firstLines) {
            return false;
        }

        @Override
        public String name() {
            return "spaced";
        }

        @Override
        public String about() {
            return "test";
        }
    };

    @TempDir
    Path dir;

    /** Every JSON file the test wrote in its directory validates against its schema. */
    @AfterEach
    void writtenJsonValidates() {
        SchemaCheck.assertValid(dir);
    }

    @Test
    void plainAndTruncatedGzipInputsEndInOneSummaryWithTheirProblemsPlaced() throws IOException {
        Path plain = Files.writeString(dir.resolve("a.log"), """
                2026-12-01T10:00:00Z 192.0.2.7 10.0.0.1:443 TLSv1 AES128-SHA
                garbage
                2026-12-01T10:05:00Z 192.0.2.7 10.0.0.1:443 TLSv1 AES128-SHA
                2026-12-02T08:00:00Z 192.0.2.8 10.0.0.1:443 TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256
                """);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            many.append("2026-12-03T00:00:").append(String.format("%02d", i % 60)).append("Z 198.51.100.").append(i % 7)
                    .append(" 10.0.0.2:8443 TLSv1.1 ECDHE-RSA-AES256-SHA\n");
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(many.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] whole = gz.toByteArray();
        Path cut = Files.write(dir.resolve("b.log.gz"), Arrays.copyOf(whole, whole.length / 2));

        EvidenceTally tally = new EvidenceTally(TallyOptions.DEFAULTS);
        for (Path p : List.of(plain, cut)) {
            tally.input(p.toString());
            try (EvidenceInput in = EvidenceInput.open(p)) {
                EvidenceReaders.read(in, Optional.of(SPACED), tally);
            }
        }
        EvidenceJson json = EvidenceJson.of(tally.summary(), tally.notes());
        json.write(dir.resolve(EvidenceJson.FILE));
        EvidenceJson read = EvidenceJson.read(dir.resolve(EvidenceJson.FILE));

        assertThat(read.inputs()).containsExactly(plain.toString(), cut.toString());
        assertThat(read.problemCount()).isEqualTo(2);
        assertThat(read.problems().get(0)).isEqualTo(new EvidenceJson.ProblemJson(plain.toString(), 2L, null,
                "not 'time client server:port version cipher'"));
        EvidenceJson.ProblemJson early = read.problems().get(1);
        assertThat(early.input()).isEqualTo(cut.toString());
        assertThat(early.line()).isPositive();
        long readBeforeTheEnd = early.line() - 1;
        assertThat(early.message()).contains("the " + readBeforeTheEnd + " lines before it were read");
        assertThat(read.observations()).isEqualTo(3 + readBeforeTheEnd);
        assertThat(read.endpoints()).extracting(EvidenceJson.EndpointJson::endpoint)
                .containsExactly("10.0.0.1:443", "10.0.0.2:8443");
        assertThat(read.endpoints().get(1).clients()).hasSize((int) Math.min(7, readBeforeTheEnd))
                .allSatisfy(c -> assertThat(c.version()).isEqualTo("TLSv1.1"));
        assertThat(read.endpoints().get(1).clients().stream().mapToLong(EvidenceJson.ClientJson::count).sum())
                .isEqualTo(readBeforeTheEnd);
        StringWriter daily = new StringWriter();
        EvidenceDailyCsv.write(read, daily);
        assertThat(daily.toString().lines()).containsExactly("day,version,established,failed",
                "2026-12-01,TLSv1.0,2,0", "2026-12-02,TLSv1.2,1,0", "2026-12-03,TLSv1.1," + readBeforeTheEnd + ",0");
    }
}
