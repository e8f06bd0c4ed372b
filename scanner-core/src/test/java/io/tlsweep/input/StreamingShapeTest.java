package io.tlsweep.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Memory shape: a million generated lines (never a file, never a string) stream through the source,
 * which reads at most one buffer ahead of the target it hands out and holds nothing behind it.
 */
class StreamingShapeTest {
    private static final int LINES = 1_000_000;

    /** Makes lines on demand: comments, IPv4, names with sni=, bracketed IPv6, bad lines, in turn. */
    private static final class GeneratedLines extends InputStream {
        private final int total;
        private int produced;
        private byte[] line = new byte[0];
        private int at;

        GeneratedLines(int total) {
            this.total = total;
        }

        private static String line(int i) {
            return switch (i % 5) {
                case 0 -> "# block " + i;
                case 1 -> "198.51.100." + i % 256 + ":" + (1 + i % 65535);
                case 2 -> "h" + i + ".example sni=www.example   # named";
                case 3 -> "[2001:db8::" + Integer.toHexString(i & 0xffff) + "]:443";
                default -> "bad_" + i;
            };
        }

        private boolean fill() {
            if (at < line.length) {
                return true;
            }
            if (produced == total) {
                return false;
            }
            line = (line(produced++) + "\n").getBytes(StandardCharsets.UTF_8);
            at = 0;
            return true;
        }

        @Override
        public int read() {
            return fill() ? line[at++] : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int n = 0;
            while (n < length && fill()) {
                int chunk = Math.min(length - n, line.length - at);
                System.arraycopy(line, at, buffer, offset + n, chunk);
                at += chunk;
                n += chunk;
            }
            return n == 0 && length > 0 ? -1 : n;
        }
    }

    @Test
    void aMillionLinesStreamThroughWithoutReadingAhead() {
        GeneratedLines in = new GeneratedLines(LINES);
        long[] errors = new long[1];
        int[] readAhead = new int[1];
        long targets = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
            TargetSource source = TargetSource.builder(List.of(443)).stdin(in).onError(e -> errors[0]++).build();
            long count = 0;
            while (source.hasNext()) {
                Target target = source.next();
                count++;
                if (count % 1000 == 1) {
                    int lineOfTarget = Integer.parseInt(target.origin().substring(2));
                    readAhead[0] = Math.max(readAhead[0], in.produced - lineOfTarget);
                }
            }
            return count;
        });
        assertThat(readAhead[0]).as("lines read ahead of the consumer (one 8 KiB buffer)").isBetween(1, 2000);
        assertThat(targets).isEqualTo(3L * LINES / 5);
        assertThat(errors[0]).isEqualTo(LINES / 5);
        assertThat(in.produced).isEqualTo(LINES);
    }
}
