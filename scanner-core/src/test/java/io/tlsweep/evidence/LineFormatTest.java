package io.tlsweep.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.wire.ProtocolVersion;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The line machinery every text format shares: gzip, long lines, bad lines, inputs that end early. */
class LineFormatTest {
    /** "client version": a test format of two fields. */
    private static final LineFormat PAIRS = new LineFormat() {
        @Override
        protected LineParser start() {
            return line -> {
                if (line.startsWith("#")) {
                    return LineParser.Parsed.SKIPPED;
                }
                String[] f = line.split(" ");
                Optional<ProtocolVersion> v = f.length == 2 ? ProtocolVersion.parse(f[1]) : Optional.empty();
                return v.isEmpty() ? LineParser.Parsed.bad("not 'client version': " + line)
                        : LineParser.Parsed.seen(Observation.established("pairs").from(f[0]).negotiated(v.get(), null));
            };
        }

        @Override
        protected boolean recognises(List<String> firstLines) {
            return !firstLines.isEmpty() && firstLines.stream().allMatch(l -> l.startsWith("#") || l.contains(" TLS"));
        }

        @Override
        public String name() {
            return "pairs";
        }

        @Override
        public String about() {
            return "test pairs";
        }
    };


    private static Collected read(byte[] bytes) throws IOException {
        Collected c = new Collected();
        try (EvidenceInput in = EvidenceInput.of("t.log", new ByteArrayInputStream(bytes))) {
            PAIRS.read(in, c);
        }
        return c;
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(plain);
        }
        return out.toByteArray();
    }

    private static byte[] lines(int n) {
        StringBuilder s = new StringBuilder("# header\n");
        for (int i = 0; i < n; i++) {
            s.append("10.0.0.").append(i % 250).append(i % 3 == 0 ? " TLSv1" : " TLSv1.2").append('\n');
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theHeadIsTheUncompressedStartAndIsNotConsumed() throws IOException {
        try (EvidenceInput in = EvidenceInput.of("t.log.gz", new ByteArrayInputStream(gzip(lines(10))))) {
            assertThat(in.compressed()).isTrue();
            assertThat(new String(in.head(), StandardCharsets.UTF_8)).startsWith("# header\n10.0.0.0 TLSv1\n");
            assertThat(PAIRS.recognises(in.head())).isTrue();
            Collected c = new Collected();
            EvidenceReaders.read(in, Optional.of(PAIRS), c);
            assertThat(c.seen).hasSize(10);
            assertThat(c.problems).isEmpty();
        }
    }

    @Test
    void plainAndGzipReadTheSame() throws IOException {
        Collected plain = read(lines(1000));
        Collected gz = read(gzip(lines(1000)));
        assertThat(plain.seen).hasSize(1000).isEqualTo(gz.seen);
        assertThat(plain.problems).isEmpty();
        assertThat(gz.problems).isEmpty();
        assertThat(plain.seen.get(0).version()).contains(ProtocolVersion.TLSv1_0);
    }

    @Test
    void aBadLineIsAProblemAtItsLineAndTheRestIsRead() throws IOException {
        byte[] bytes = "# h\n1.1.1.1 TLSv1\ngarbage here now\n\u0000\u0001\u0002\n2.2.2.2 TLSv1.1\n"
                .getBytes(StandardCharsets.UTF_8);
        Collected c = read(bytes);
        assertThat(c.seen).extracting(o -> o.clientAddress().orElseThrow()).containsExactly("1.1.1.1", "2.2.2.2");
        assertThat(c.problems).extracting(p -> p.where().toString()).containsExactly("t.log:3", "t.log:4");
        assertThat(c.problems.get(0).message()).contains("garbage here now");
    }

    @Test
    void aLineOfAMegabyteIsSkippedWithoutKeepingIt() throws IOException {
        String huge = "x".repeat(1 << 20);
        byte[] bytes = ("1.1.1.1 TLSv1\n" + huge + "\n2.2.2.2 TLSv1.2\n").getBytes(StandardCharsets.UTF_8);
        Collected c = read(bytes);
        assertThat(c.seen).hasSize(2);
        assertThat(c.problems).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo(Position.line("t.log", 2));
            assertThat(p.message()).contains("longer than 65536");
        });
    }

    @Test
    void aTruncatedGzipKeepsEveryLineBeforeTheCutAndSaysWhere() throws IOException {
        byte[] whole = gzip(lines(200_000));
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        Collected c = read(cut);
        assertThat(c.seen.size()).isBetween(50_000, 199_999);
        assertThat(c.problems).singleElement().satisfies(p -> {
            assertThat(p.where().unit()).isEqualTo(Position.Unit.LINE);
            assertThat(p.message()).contains("could not be read past here").contains("of the compressed file")
                    .contains("lines before it were read");
        });
    }

    @Test
    void anInputNoReaderKnowsIsOneProblemNamingFormat() throws IOException {
        Collected c = new Collected();
        try (EvidenceInput in = EvidenceInput.of("x.bin", new ByteArrayInputStream(new byte[] {1, 2, 3}))) {
            EvidenceReaders.read(in, Optional.empty(), c);
        }
        assertThat(c.seen).isEmpty();
        assertThat(c.problems).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo(Position.offset("x.bin", 0));
            assertThat(p.message()).contains("--format");
        });
    }
}
