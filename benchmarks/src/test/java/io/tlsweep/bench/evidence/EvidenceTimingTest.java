package io.tlsweep.bench.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.evidence.LineFormat;
import io.tlsweep.evidence.LineParser;
import io.tlsweep.evidence.Observation;
import io.tlsweep.wire.ProtocolVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness with a reader of the generated lines' first fields (not the nginx reader): counts and samples. */
class EvidenceTimingTest {
    /** Time, client, server, port, SNI, protocol, cipher: the generated lines' first fields. */
    private static final LineFormat FIELDS = new LineFormat() {
        @Override
        protected LineParser start() {
            return line -> {
                String[] f = line.split(" ", 8);
                return LineParser.Parsed.seen(Observation.established("fields")
                        .at(OffsetDateTime.parse(f[0]).toInstant()).from(f[1]).to(f[2], Integer.parseInt(f[3]))
                        .negotiated(ProtocolVersion.parse(f[5]).orElseThrow(), f[6]));
            };
        }

        @Override
        protected boolean recognises(List<String> firstLines) {
            return true;
        }

        @Override
        public String name() {
            return "fields";
        }

        @Override
        public String about() {
            return "test";
        }
    };

    @TempDir
    Path dir;

    @Test
    void aTimedReadCountsEveryLine() throws IOException {
        Path file = dir.resolve("a.log");
        long size = NginxLines.write(file, 3000);
        EvidenceTiming.Read r = EvidenceTiming.read(FIELDS, file);
        assertThat(r.observations()).isEqualTo(3000);
        assertThat(r.problems()).isZero();
        assertThat(r.bytes()).isEqualTo(size);
        // a client is at one endpoint: a key per client and version
        long keys = LongStream.range(0, 3000).mapToObj(i -> NginxLines.line(i).split(" "))
                .map(f -> f[1] + " " + f[5]).distinct().count();
        assertThat(r.keys()).isEqualTo(keys);
        assertThat(r.wallNanos()).isPositive();
    }

    @Test
    void theHeapIsSampledAtEachCheckpointAndAtTheEnd() throws IOException {
        List<EvidenceTiming.HeapSample> samples = EvidenceTiming.heap(FIELDS, NginxLines.stream(20_000), 5_000,
                10_000);
        assertThat(samples).extracting(EvidenceTiming.HeapSample::observations).containsExactly(5_000L, 10_000L,
                20_000L);
        assertThat(samples).allSatisfy(s -> assertThat(s.usedBytes()).isPositive());
    }
}
