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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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

    @Test
    void endpointsAreHostPortOrBracketedV6() {
        assertThat(EvidenceCommand.HostPort.parse("mx.example:25"))
                .contains(new EvidenceCommand.HostPort("mx.example", 25));
        assertThat(EvidenceCommand.HostPort.parse("[2001:db8::1]:443"))
                .contains(new EvidenceCommand.HostPort("2001:db8::1", 443));
        assertThat(EvidenceCommand.HostPort.parse("10.0.0.1:0")).isEmpty();
        assertThat(EvidenceCommand.HostPort.parse("10.0.0.1:65536")).isEmpty();
        assertThat(EvidenceCommand.HostPort.parse("10.0.0.1")).isEmpty();
        assertThat(EvidenceCommand.HostPort.parse(":443")).isEmpty();
        assertThat(EvidenceCommand.HostPort.parse("a b:443")).isEmpty();
        assertThat(EvidenceCommand.HostPort.parse("2001:db8::1:443")).isEqualTo(Optional.empty());
    }

    private Path write(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
