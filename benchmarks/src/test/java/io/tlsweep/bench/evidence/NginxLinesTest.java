package io.tlsweep.bench.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.NamedGroup;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated nginx log: its shape, its mix, and the same lines from the file and the stream. */
class NginxLinesTest {
    @TempDir
    Path dir;

    @Test
    void aLineHasTheTwelveFieldsOfTheFormat() {
        String line = NginxLines.line(0);
        assertThat(line).matches("2026-11-01T00:00:00\\+00:00 192\\.0\\.\\d+\\.\\d+ 10\\.0\\.0\\.\\d (443|8443)"
                + " \"[-a-z.]+\" TLSv1(\\.[123])? \\S+ \"[A-Z]+ \\S+ HTTP/[12]\\.[01]\" 200 \"[^\"]+\" \"[-A-Z0-9_:]+\""
                + " \"[a-zA-Z0-9:]+\"");
        assertThat(NginxLines.line(4)).startsWith("2026-11-01T00:00:01+00:00 ");
        assertThat(NginxLines.line(12345)).isEqualTo(NginxLines.line(12345));
    }

    @Test
    void everyOfferedSuiteAndCurveHasACode() {
        for (String offer : List.of(NginxLines.LEGACY_OFFER, NginxLines.MODERN_OFFER)) {
            String[] lists = offer.replace("\"", "").split(" ");
            assertThat(lists[0].split(":")).allSatisfy(n -> assertThat(CipherSuite.byName(n)).as(n).isPresent());
            assertThat(lists[1].split(":")).allSatisfy(n -> assertThat(NamedGroup.byName(n)).as(n).isPresent());
        }
    }

    @Test
    void theMixHasLegacyVersionsAndABoundedSetOfClients() {
        Set<String> clients = new HashSet<>();
        long[] tls10 = {0};
        long[] tls11 = {0};
        LongStream.range(0, 100_000).forEach(i -> {
            String[] f = NginxLines.line(i).split(" ");
            clients.add(f[1]);
            tls10[0] += f[5].equals("TLSv1") ? 1 : 0;
            tls11[0] += f[5].equals("TLSv1.1") ? 1 : 0;
        });
        assertThat(clients).hasSize(NginxLines.CLIENTS);
        assertThat(tls10[0]).isBetween(1_500L, 2_500L);
        assertThat(tls11[0]).isBetween(700L, 1_300L);
    }

    @Test
    void theFileAndTheStreamHoldTheSameLines() throws IOException {
        Path file = dir.resolve("access.log");
        long size = NginxLines.write(file, 5000);
        byte[] streamed;
        try (InputStream in = NginxLines.stream(5000)) {
            streamed = in.readAllBytes();
        }
        assertThat(streamed).isEqualTo(Files.readAllBytes(file));
        assertThat(streamed.length).isEqualTo(size);
        assertThat(Files.readAllLines(file)).hasSize(5000).last().isEqualTo(NginxLines.line(4999));
    }
}
