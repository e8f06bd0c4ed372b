package io.tlsweep.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arguments, files and stdin in order, errors with their lines, and the rest goes on. */
class TargetSourceTest {
    @TempDir
    Path dir;

    private final List<InputError> errors = new ArrayList<>();

    private TargetSource.Builder builder(Integer... ports) {
        return TargetSource.builder(List.of(ports)).onError(errors::add);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static InputStream stdin(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> described(TargetSource source) {
        return source.stream().map(t -> t.origin() + " " + t.host() + ":" + t.port()).toList();
    }

    @Test
    void argumentsFilesAndStdinAreReadInOrderWithTheirOrigins() throws IOException {
        Path file = write("targets.txt", """
                # production edge
                192.0.2.1

                example.com:8443 sni=www.example.com   # the CDN name
                """);
        TargetSource source = builder(443).arguments(List.of("127.0.0.1", "[::1]:8443"))
                .file(file).stdin(stdin("198.51.100.9\n")).arguments(List.of("localhost")).build();
        String name = file.toString();
        assertThat(described(source)).containsExactly(
                "argument 1 127.0.0.1:443",
                "argument 2 ::1:8443",
                name + ":2 192.0.2.1:443",
                name + ":4 example.com:8443",
                "-:1 198.51.100.9:443",
                "argument 3 localhost:443");
        assertThat(errors).isEmpty();
    }

    @Test
    void badLinesAreReportedWithTheirLineNumbersAndReadingGoesOn() throws IOException {
        Path file = write("targets.txt", "192.0.2.1\nexample.com:70000\n192.0.2.2\n10.0.0.0/33\n192.0.2.3");
        List<String> events = new ArrayList<>();
        TargetSource source = TargetSource.builder(List.of(443)).file(file)
                .onError(e -> events.add("error " + e)).build();
        source.forEachRemaining(t -> events.add("target " + t.origin()));
        String name = file.toString();
        assertThat(events).containsExactly(
                "target " + name + ":1",
                "error " + name + ":2: port 70000 out of range (1-65535)",
                "target " + name + ":3",
                "error " + name + ":4: bad CIDR prefix /33 for IPv4 (0-32)",
                "target " + name + ":5");
    }

    @Test
    void aMissingFileIsReportedAndTheNextInputIsStillRead() throws IOException {
        Path missing = dir.resolve("targets.txt");
        Path next = write("more.txt", "192.0.2.7\n");
        TargetSource source = builder(443).file(missing).file(dir).file(next)
                .arguments(List.of("bad_host", "192.0.2.8")).build();
        assertThat(described(source)).containsExactly(next + ":1 192.0.2.7:443", "argument 2 192.0.2.8:443");
        assertThat(errors).extracting(InputError::toString).containsExactly(
                missing + ": cannot read: No such file",
                dir + ": cannot read: Is a directory",
                "argument 1: bad character '_' in host name 'bad_host'");
    }

    @Test
    void stdinIsReadFromTheInjectedStreamAndNotClosed() {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream in = new ByteArrayInputStream("127.0.0.1\r\n\r\n# c\r\nexample.com:70000\r\nlocalhost".getBytes()) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        assertThat(described(builder(443, 8443).stdin(in).build())).containsExactly(
                "-:1 127.0.0.1:443", "-:1 127.0.0.1:8443", "-:5 localhost:443", "-:5 localhost:8443");
        assertThat(errors).extracting(InputError::toString).containsExactly("-:4: port 70000 out of range (1-65535)");
        assertThat(closed).isFalse();
    }

    @Test
    void aFileIsClosedWhenExhaustedAndNotOpenedBeforeItIsReached() throws IOException {
        Path file = write("t.txt", "192.0.2.1\n");
        TargetSource source = builder(443).arguments(List.of("127.0.0.1")).file(file).build();
        assertThat(source.next().origin()).isEqualTo("argument 1");
        Files.writeString(file, "192.0.2.99\n");
        assertThat(source.next().host()).isEqualTo("192.0.2.99");
        assertThat(source.hasNext()).isFalse();
        Files.delete(file);
        assertThat(errors).isEmpty();
    }

    /** An input that counts how often it is opened and closed. */
    private static final class TrackedInput {
        int opened;
        int closed;

        LineInput input(String text) {
            return new LineInput.TextStream("tracked", () -> {
                opened++;
                return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
                    @Override
                    public void close() {
                        closed++;
                    }
                };
            }, true);
        }
    }

    @Test
    void aFileIsClosedAsSoonAsItIsExhausted() {
        TrackedInput tracked = new TrackedInput();
        TargetSource source = builder(443).input(tracked.input("192.0.2.1\n")).arguments(List.of("localhost")).build();
        assertThat(source.next().host()).isEqualTo("192.0.2.1");
        assertThat(tracked.closed).isZero();
        assertThat(source.next().host()).isEqualTo("localhost");
        assertThat(tracked.opened).isOne();
        assertThat(tracked.closed).isOne();
    }

    @Test
    void closingEarlyClosesTheOpenFileAndOpensNoOther() {
        TrackedInput first = new TrackedInput();
        TrackedInput second = new TrackedInput();
        TargetSource source = builder(443).input(first.input("192.0.2.0/24\n")).input(second.input("::1\n")).build();
        assertThat(source.next().host()).isEqualTo("192.0.2.0");
        source.close();
        assertThat(source.hasNext()).isFalse();
        assertThat(first.closed).isOne();
        assertThat(second.opened).isZero();
    }

    @Test
    void aByteOrderMarkOldMacLineEndsAndBadUtf8AreHandled() {
        byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '1', '2', '7', '.', '0', '.', '0', '.', '1', '\r',
            (byte) 0xC3, '\r', 'l', 'o', 'c', 'a', 'l', 'h', 'o', 's', 't', '\n'};
        assertThat(described(builder(443).stdin(new ByteArrayInputStream(bytes)).build()))
                .containsExactly("-:1 127.0.0.1:443", "-:3 localhost:443");
        assertThat(errors).extracting(InputError::toString)
                .containsExactly("-:2: non-ASCII host name '\uFFFD' (write it in its xn-- punycode form)");
    }

    @Test
    void anOverlongLineIsReportedWithoutHoldingItButAnOverlongCommentIsNot() {
        String text = "192.0.2.1 sni=" + "a".repeat(100_000) + "\n# " + "x".repeat(100_000) + "\n192.0.2.2\n";
        assertThat(described(builder(443).stdin(stdin(text)).build())).containsExactly("-:3 192.0.2.2:443");
        assertThat(errors).extracting(InputError::toString).containsExactly("-:1: line longer than 8192 characters");
    }

    @Test
    void aReadFailureMidFileIsReportedAtItsLineAndTheNextInputGoesOn() {
        InputStream failing = new InputStream() {
            private final InputStream first = stdin("192.0.2.1\n");

            @Override
            public int read() throws IOException {
                int b = first.read();
                if (b < 0) {
                    throw new IOException("Input/output error");
                }
                return b;
            }
        };
        assertThat(described(builder(443).stdin(failing).arguments(List.of("localhost")).build()))
                .containsExactly("-:1 192.0.2.1:443", "argument 1 localhost:443");
        assertThat(errors).extracting(InputError::toString).containsExactly("-:2: cannot read: Input/output error");
    }
}
