package io.tlsweep.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.text.VisibleText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a {@code results.jsonl} back, one {@link ResultJson} per line, for rebuilding reports. A line that
 * does not parse, or lacks a field tlsweep always writes ({@link RequiredFields}), is reported as
 * {@code name:line: why} to the error consumer and skipped; the message may quote the line, so its control
 * characters are escaped ({@link VisibleText}).
 */
public final class JsonLinesReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLinesReader() {
    }

    public static void read(BufferedReader in, String name, Consumer<ResultJson> results, Consumer<String> errors) {
        try {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    ResultJson r = ShortLine.read(JSON, line);
                    if (r == null) {
                        errors.accept(name + ":" + number + ": not a result line: null");
                        continue;
                    }
                    if (!ResultJson.SCHEMA.equals(r.schema())) {
                        errors.accept(VisibleText.of(name + ":" + number + ": schema '" + r.schema() + "' is not "
                                + ResultJson.SCHEMA));
                        continue;
                    }
                    Optional<String> missing = RequiredFields.firstMissing(r);
                    if (missing.isPresent()) {
                        errors.accept(name + ":" + number + ": not a result line: no " + missing.get());
                        continue;
                    }
                    results.accept(r);
                } catch (JsonProcessingException e) {
                    errors.accept(VisibleText.of(name + ":" + number + ": not a result line: "
                            + e.getOriginalMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
