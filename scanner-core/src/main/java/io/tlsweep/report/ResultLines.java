package io.tlsweep.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.tlsweep.input.EndpointIdentity;
import io.tlsweep.input.KeySet;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A {@code results.jsonl} read for the reports with every endpoint once. An endpoint ({@link EndpointIdentity}:
 * host, port, SNI, protocol) with several lines, as a journal written before runs were de-duplicated may have,
 * counts once, and its last line wins: a journal only appends, so the last line is the newest result.
 *
 * <p>Two passes over the file: the first reads only each line's identity and keeps a {@link KeySet} of keys
 * (11-21 bytes per endpoint) and a count for each endpoint seen more than once; the second hands on the lines
 * that no later line replaces. Lines that are not results are reported (by the second pass) and skipped.
 */
public final class ResultLines {
    private static final ObjectReader IDENTITY = new ObjectMapper().readerFor(Identity.class);

    /** The fields of a line that say which endpoint it is about. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Identity(String schema, String target, String host, int port, String sni,
            Map<String, Object> prelude) {
    }

    private ResultLines() {
    }

    /**
     * Hands each endpoint's last line of {@code file} to {@code results}, in file order; unreadable lines go to
     * {@code errors}.
     *
     * @return the lines left out because a later line of the same endpoint replaces them
     */
    public static long read(Path file, Consumer<ResultJson> results, Consumer<String> errors) throws IOException {
        Map<Long, Integer> repeated = repeatedEndpoints(file);
        long[] superseded = {0};
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonLinesReader.read(in, file.toString(), r -> {
                long key = key(r);
                Integer left = repeated.get(key);
                if (left != null) {
                    if (left > 1) {
                        repeated.put(key, left - 1);
                        superseded[0]++;
                        return;
                    }
                    repeated.remove(key);
                }
                results.accept(r);
            }, errors);
        }
        return superseded[0];
    }

    /** The identity key of a result line (a line without {@code host} is keyed on its target as written). */
    public static long key(ResultJson r) {
        return EndpointIdentity.key(r.host() != null ? r.host() : r.target(), r.port(), r.sni(),
                r.preludeProtocol().orElse(null));
    }

    /** Endpoints with more than one line, and how many lines each has. */
    private static Map<Long, Integer> repeatedEndpoints(Path file) throws IOException {
        KeySet seen = new KeySet();
        Map<Long, Integer> repeated = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                Identity id;
                try {
                    id = IDENTITY.readValue(line);
                } catch (JsonProcessingException e) {
                    continue;
                }
                if (!ResultJson.SCHEMA.equals(id.schema())) {
                    continue;
                }
                Object protocol = id.prelude() == null ? null : id.prelude().get(ResultJson.PRELUDE_PROTOCOL);
                long key = EndpointIdentity.key(id.host() != null ? id.host() : id.target(), id.port(), id.sni(),
                        protocol instanceof String p ? p : null);
                if (!seen.add(key)) {
                    repeated.merge(key, 1, Integer::sum);
                }
            }
        }
        repeated.replaceAll((k, n) -> n + 1);
        return repeated;
    }
}
