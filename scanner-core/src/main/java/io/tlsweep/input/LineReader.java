package io.tlsweep.input;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Reads UTF-8 lines ({@code \n}, {@code \r\n} or {@code \r}) with a bound on line length, so that a
 * file without newlines cannot fill the heap: characters past the bound ({@link #MAX_LINE} for target files) are
 * skipped and the line is marked {@link #truncated()}. Malformed UTF-8 becomes U+FFFD (and so a bad character in
 * that line only); a byte order mark at the start is dropped.
 */
public final class LineReader implements Closeable {
    static final int MAX_LINE = 8192;

    private final int maxLine;
    private final Reader in;
    private final char[] buffer = new char[8192];
    private final StringBuilder line = new StringBuilder(128);
    private int position;
    private int limit;
    private boolean skipLineFeed;
    private boolean truncated;
    private boolean atStart = true;

    LineReader(InputStream in) {
        this(in, MAX_LINE);
    }

    /** Lines of at most {@code maxLine} characters kept; the rest of a longer line is skipped, not buffered. */
    public LineReader(InputStream in, int maxLine) {
        this.in = new InputStreamReader(in, StandardCharsets.UTF_8);
        this.maxLine = maxLine;
    }

    /** The next line without its terminator, or null at the end of input. */
    public String readLine() throws IOException {
        line.setLength(0);
        truncated = false;
        while (true) {
            if (position == limit) {
                limit = Math.max(0, in.read(buffer, 0, buffer.length));
                position = 0;
                if (limit == 0) {
                    return line.length() > 0 || truncated ? line.toString() : null;
                }
            }
            char c = buffer[position++];
            if (atStart) {
                atStart = false;
                if (c == '\uFEFF') {
                    continue;
                }
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (c == '\n') {
                    continue;
                }
            }
            if (c == '\n' || c == '\r') {
                skipLineFeed = c == '\r';
                return line.toString();
            }
            if (line.length() < maxLine) {
                line.append(c);
            } else {
                truncated = true;
            }
        }
    }

    /** Whether the line last read was longer than the bound and cut. */
    public boolean truncated() {
        return truncated;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
