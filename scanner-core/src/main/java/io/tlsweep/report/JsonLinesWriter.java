package io.tlsweep.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Streams one JSON object per target (the short form of {@link ShortLine} where nothing answered), one per line, flushed as each target finishes so that nothing already
 * scanned is lost if the run is stopped. A line and its newline go out in one write, so a process killed
 * mid-run leaves at most one unterminated last line (which a resume repairs). Not thread-safe: the engine calls
 * its sink from one thread.
 */
public final class JsonLinesWriter implements Closeable {
    private static final ObjectWriter JSON = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .writerFor(ResultJson.class);
    private static final ObjectWriter SHORT = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .writerFor(ShortLine.class);

    private final OutputStream out;
    private long written;

    public JsonLinesWriter(OutputStream out) {
        this.out = out;
    }

    public void write(ResultJson result) {
        try {
            java.util.Optional<ShortLine> shortLine = ShortLine.of(result);
            byte[] json = shortLine.isPresent() ? SHORT.writeValueAsBytes(shortLine.get())
                    : JSON.writeValueAsBytes(result);
            byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
            line[json.length] = '\n';
            out.write(line);
            out.flush();
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results", e);
        }
    }

    public long written() {
        return written;
    }

    @Override
    public void close() throws IOException {
        out.flush();
        out.close();
    }
}
