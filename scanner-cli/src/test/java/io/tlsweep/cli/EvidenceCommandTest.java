package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.evidence.EvidenceReader;
import io.tlsweep.evidence.EvidenceReaders;
import io.tlsweep.report.EvidenceClientsCsv;
import io.tlsweep.report.EvidenceDailyCsv;
import io.tlsweep.report.EvidenceJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import io.tlsweep.run.EvidenceFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tlsweep evidence} on what needs no reader: options, help, inputs that cannot be opened or recognised, stdin,
 * and the outputs written and read back. Counting through real readers is tested with the readers.
 */
class EvidenceCommandTest {
    @TempDir
    Path dir;

    @Test
    void helpListsEveryFormatWithWhatItMustLog() {
        CliRun run = CliRun.tlsweep("evidence", "--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Usage: tlsweep evidence").contains("--since").contains("--endpoint")
                .contains("Formats (--format NAME; detected in this order):");
        for (EvidenceReader r : EvidenceReaders.BUILT_IN) {
            assertThat(run.out()).contains(r.name()).contains(r.about().substring(0, Math.min(30, r.about().length())));
        }
        assertThat(run.out().indexOf("Formats (")).isLessThan(run.out().indexOf("Exit codes"));
    }

    @Test
    void badOptionsAreUsageErrorsNamingWhatIsWrong() {
        Path log = write("a.log", "hello\n");
        CliRun format = CliRun.tlsweep("evidence", "--format", "no-such", "-o", dir.resolve("o").toString(),
                log.toString());
        assertThat(format.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(format.err()).contains("unknown format 'no-such' (known: " + EvidenceReaders.names() + ")");
        CliRun since = CliRun.tlsweep("evidence", "--since", "last week", log.toString());
        assertThat(since.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(since.err()).contains("--since 'last week' is not a duration");
        CliRun endpoint = CliRun.tlsweep("evidence", "--endpoint", "2001:db8::1:443", log.toString());
        assertThat(endpoint.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(endpoint.err()).contains("--endpoint '2001:db8::1:443' is not HOST:PORT");
        assertThat(Files.exists(dir.resolve("o"))).isFalse();
        assertThat(CliRun.tlsweep("evidence").exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aFileThatCannotBeOpenedIsNamedAndTheOthersAreStillRead() throws IOException {
        Path out = dir.resolve("out");
        Path garbage = write("garbage.bin", "\u0000\u0001 not a log at all\n");
        CliRun run = CliRun.tlsweep("evidence", "-o", out.toString(), dir.resolve("missing.log").toString(),
                garbage.toString());
        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err())
                .contains("tlsweep evidence: cannot open " + dir.resolve("missing.log") + ": no such file");
        EvidenceJson json = EvidenceJson.read(out.resolve(EvidenceJson.FILE));
        assertThat(json.schema()).isEqualTo(EvidenceJson.SCHEMA);
        assertThat(json.inputs()).containsExactly(dir.resolve("missing.log").toString(), garbage.toString());
        assertThat(json.observations()).isZero();
        assertThat(json.problemCount()).isEqualTo(2);
        assertThat(json.problems().get(0)).isEqualTo(new EvidenceJson.ProblemJson(dir.resolve("missing.log")
                .toString(), null, 0L, "cannot be opened: no such file"));
        assertThat(json.problems().get(1).input()).isEqualTo(garbage.toString());
        assertThat(json.problems().get(1).message()).startsWith("format not recognised");
        assertThat(Files.readAllLines(out.resolve(EvidenceClientsCsv.FILE)))
                .containsExactly(String.join(",", EvidenceClientsCsv.COLUMNS));
        assertThat(Files.readAllLines(out.resolve(EvidenceDailyCsv.FILE)))
                .containsExactly(String.join(",", EvidenceDailyCsv.COLUMNS));
        assertThat(run.out()).contains("Evidence: 0 handshake(s) from 2 input(s)")
                .contains("2 line(s) or block(s) could not be read; the first: " + dir.resolve("missing.log")
                        + " at byte 0: cannot be opened: no such file");
    }

    @Test
    void aDashReadsStdinAndQuietPrintsNothing() throws IOException {
        Path out = dir.resolve("stdin-out");
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream("not a log\n".getBytes(StandardCharsets.UTF_8)));
        CliRun run;
        try {
            run = CliRun.tlsweep("evidence", "-q", "-o", out.toString(), "-");
        } finally {
            System.setIn(before);
        }
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
        EvidenceJson json = EvidenceJson.read(out.resolve(EvidenceJson.FILE));
        assertThat(json.inputs()).containsExactly("stdin");
        assertThat(json.problems()).singleElement().satisfies(p -> assertThat(p.input()).isEqualTo("stdin"));
        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE); // the line is a problem
    }

    @Test
    void anOutputThatCannotBeWrittenIsARuntimeFailure() {
        Path log = write("a.log", "hello\n");
        Path file = write("not-a-dir", "x");
        CliRun run = CliRun.tlsweep("evidence", "-o", file.resolve("sub").toString(), log.toString());
        assertThat(run.exit()).isEqualTo(ExitCodes.RUNTIME);
        assertThat(run.err()).contains("tlsweep evidence: cannot write to " + file.resolve("sub"));
    }

    /** A line in tlsweep's nginx log_format (NginxLog.LOG_FORMAT), ten fields. */
    private static String nginx(String time, String client, String protocol, String cipher, String agent) {
        return time + " " + client + " 10.0.0.1 443 \"www.example\" " + protocol + " " + cipher
                + " \"GET / HTTP/1.1\" 200 \"" + agent + "\"\n";
    }

    @Test
    void nginxLogsPlainAndGzipAreCountedWrittenAndSummarised() throws IOException {
        Path plain = write("access.log", nginx("2026-11-30T10:00:00+00:00", "192.0.2.7", "TLSv1", "AES128-SHA",
                "Java/1.7.0_80")
                + nginx("2026-12-01T10:00:00+00:00", "192.0.2.7", "TLSv1", "AES128-SHA", "Java/1.7.0_80")
                + nginx("2026-12-01T10:05:00+00:00", "198.51.100.4", "TLSv1.1", "ECDHE-RSA-AES256-SHA", "curl/7.88.1")
                + "not a line of the format\n"
                + nginx("2026-12-01T11:00:00+00:00", "203.0.113.9", "TLSv1.3", "TLS_AES_128_GCM_SHA256",
                        "curl/7.88.1"));
        Path gz = dir.resolve("access.log.1.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(nginx("2026-12-02T09:00:00+00:00", "192.0.2.7", "TLSv1", "AES128-SHA", "Java/1.7.0_80")
                    .getBytes(StandardCharsets.UTF_8));
        }
        Path out = dir.resolve("ev");
        CliRun run = CliRun.tlsweep("evidence", "-o", out.toString(), "--since", "2026-12-01", plain.toString(),
                gz.toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.USAGE); // the bad line
        EvidenceJson json = EvidenceJson.read(out.resolve(EvidenceJson.FILE));
        assertThat(json.observations()).isEqualTo(4);
        assertThat(json.outsideWindow()).isEqualTo(1);
        assertThat(json.since()).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(json.problemCount()).isEqualTo(1);
        assertThat(json.problems().get(0).input()).isEqualTo(plain.toString());
        assertThat(json.problems().get(0).line()).isEqualTo(4L);
        assertThat(json.endpoints()).singleElement().satisfies(e -> {
            assertThat(e.endpoint()).isEqualTo("10.0.0.1:443 (www.example)");
            assertThat(e.clients()).extracting(c -> c.client() + " " + c.version() + " " + c.count())
                    .containsExactly("192.0.2.7 TLSv1.0 2", "198.51.100.4 TLSv1.1 1", "203.0.113.9 TLSv1.3 1");
            assertThat(e.clients().get(0).first()).isEqualTo("2026-12-01T10:00:00Z");
            assertThat(e.clients().get(0).last()).isEqualTo("2026-12-02T09:00:00Z");
            assertThat(e.clients().get(0).userAgents()).containsExactly("Java/1.7.0_80");
            assertThat(e.clients().get(0).formats()).containsExactly("nginx");
        });
        assertThat(Files.readAllLines(out.resolve(EvidenceDailyCsv.FILE))).containsExactly(
                "day,version,established,failed", "2026-12-01,TLSv1.0,1,0", "2026-12-01,TLSv1.1,1,0",
                "2026-12-01,TLSv1.3,1,0", "2026-12-02,TLSv1.0,1,0");
        assertThat(Files.readAllLines(out.resolve(EvidenceClientsCsv.FILE))).hasSize(4)
                .element(1).asString().isEqualTo("\"10.0.0.1:443 (www.example)\",10.0.0.1,443,www.example,TLSv1.0,"
                        + "192.0.2.7,2,0,2026-12-01T10:00:00Z,2026-12-02T09:00:00Z,,,,,Java/1.7.0_80,AES128-SHA=2,nginx");
        assertThat(run.out()).contains("10.0.0.1:443 (www.example)\n")
                .contains("  TLSv1.0  1 client(s), 2 handshake(s): 192.0.2.7 x2 (last 2026-12-02T09:00:00Z,"
                        + " Java/1.7.0_80)")
                .contains("  TLSv1.1  1 client(s), 1 handshake(s): 198.51.100.4 x1")
                .contains("1 line(s) or block(s) could not be read; the first: " + plain + ":4: ");
    }

    @Test
    void aGivenFormatReadsStdinAndAllReadIsExitZero() throws IOException {
        Path out = dir.resolve("stdin-nginx");
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream(nginx("2026-12-01T10:00:00+00:00", "192.0.2.7", "TLSv1.2",
                "ECDHE-RSA-AES128-GCM-SHA256", "curl/7.88.1").getBytes(StandardCharsets.UTF_8)));
        CliRun run;
        try {
            run = CliRun.tlsweep("evidence", "--format", "NGINX", "-o", out.toString(), "-");
        } finally {
            System.setIn(before);
        }
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("10.0.0.1:443 (www.example): no legacy handshake (TLSv1.2 1)");
        EvidenceJson json = EvidenceJson.read(out.resolve(EvidenceJson.FILE));
        assertThat(json.observations()).isEqualTo(1);
        assertThat(json.problemCount()).isZero();
    }

    @Test
    void endpointsAreHostPortOrBracketedV6() {
        assertThat(EvidenceFiles.HostPort.parse("mx.example:25"))
                .contains(new EvidenceFiles.HostPort("mx.example", 25));
        assertThat(EvidenceFiles.HostPort.parse("[2001:db8::1]:443"))
                .contains(new EvidenceFiles.HostPort("2001:db8::1", 443));
        assertThat(EvidenceFiles.HostPort.parse("10.0.0.1:0")).isEmpty();
        assertThat(EvidenceFiles.HostPort.parse("10.0.0.1:65536")).isEmpty();
        assertThat(EvidenceFiles.HostPort.parse("10.0.0.1")).isEmpty();
        assertThat(EvidenceFiles.HostPort.parse(":443")).isEmpty();
        assertThat(EvidenceFiles.HostPort.parse("a b:443")).isEmpty();
        assertThat(EvidenceFiles.HostPort.parse("2001:db8::1:443")).isEqualTo(Optional.empty());
    }

    private Path write(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
