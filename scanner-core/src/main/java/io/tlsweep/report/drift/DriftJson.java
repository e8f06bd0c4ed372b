package io.tlsweep.report.drift;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code drift.json} (schema {@value #SCHEMA}): the changes from a baseline run to a run, with counts per
 * class (every class present). Strings in changes come from the result lines, so from servers and input:
 * every view escapes them.
 *
 * <pre>{@code
 * {"schema":"tlsweep-drift/1","baseline":"runs/monday","run":"runs/tuesday",
 *  "endpoints":{"baseline":2,"run":2},"counts":{"appeared":0,...,"legacy-enabled":1,...},
 *  "changes":[{"class":"legacy-enabled","target":"127.0.0.1:8443","port":8443,
 *              "detail":"legacy TLSv1.0 enabled","new":"TLSv1.0"}, ...]}
 * }</pre>
 *
 * @param endpoints how many distinct endpoints each run had (absent in hand-made files: then null)
 */
@JsonPropertyOrder({"schema", "baseline", "run", "endpoints", "counts", "changes"})
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DriftJson(String schema, String baseline, String run, Endpoints endpoints, Map<String, Long> counts,
        List<ChangeJson> changes) {

    public static final String SCHEMA = "tlsweep-drift/1";
    /** The file name in a run directory. */
    public static final String FILE = "drift.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter JSON = MAPPER.copy().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .writerWithDefaultPrettyPrinter();

    public DriftJson {
        counts = counts == null ? Map.of() : counts;
        changes = changes == null ? List.of() : changes;
    }

    /** Endpoints in each run. */
    public record Endpoints(long baseline, long run) {
    }

    /**
     * One change; {@code sni}, {@code prelude} (the protocol said before TLS), {@code old} and {@code new} are left
     * out when null.
     */
    @JsonPropertyOrder({"class", "target", "port", "sni", "prelude", "detail", "old", "new"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChangeJson(@JsonProperty("class") String driftClass, String target, int port, String sni,
            String prelude, String detail, @JsonProperty("old") String oldValue,
            @JsonProperty("new") String newValue) {

        static ChangeJson of(Change c) {
            return new ChangeJson(c.driftClass().label(), c.endpoint().target(), c.endpoint().port(),
                    c.endpoint().sni(), c.endpoint().prelude(), c.detail(), c.oldValue(), c.newValue());
        }

        /** "target", "target (sni name)", "target (smtp)". */
        public String name() {
            return new EndpointKey(target, port, sni, prelude).name();
        }

        /** @throws IllegalArgumentException for a class label this version does not know */
        public Change toChange() {
            DriftClass c = DriftClass.LABELS.require(driftClass, "drift class");
            return new Change(c, new EndpointKey(target, port, sni, prelude), detail, oldValue, newValue);
        }
    }

    /** A drift.json read with at most {@code cap} changes kept, and how many the file holds. */
    public record Head(DriftJson drift, long changes) {
        /** Changes in the file but not kept. */
        public long more() {
            return changes - drift.changes().size();
        }
    }

    /**
     * @param baseline what the old run is called in reports (its directory, usually)
     * @param run what the new run is called
     */
    public static DriftJson of(Drift d, String baseline, String run) {
        return new DriftJson(SCHEMA, baseline, run, new Endpoints(d.baselineEndpoints(), d.endpoints()), d.counts(),
                d.changes().stream().map(ChangeJson::of).toList());
    }

    /** The drift again; endpoint totals are 0 when the file has none. */
    public Drift toDrift() {
        List<Change> list = changes.stream().map(ChangeJson::toChange).toList();
        return Drift.of(list, endpoints == null ? 0 : endpoints.baseline(), endpoints == null ? 0 : endpoints.run());
    }

    public void write(OutputStream out) throws IOException {
        JSON.writeValue(out, this);
        out.write('\n');
        out.flush();
    }

    public void write(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out);
        }
    }

    public static DriftJson read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    public static DriftJson read(InputStream in) throws IOException {
        return read(in, Integer.MAX_VALUE).drift();
    }

    /**
     * Reads a drift.json keeping at most {@code cap} changes, streaming past the rest: memory stays bounded
     * however large the file.
     *
     * @throws IOException when it is not JSON or not schema {@value #SCHEMA}
     */
    public static Head read(InputStream in, int cap) throws IOException {
        String schema = null;
        String baseline = null;
        String run = null;
        Endpoints endpoints = null;
        Map<String, Long> counts = new LinkedHashMap<>();
        List<ChangeJson> kept = new ArrayList<>();
        long total = 0;
        try (JsonParser p = MAPPER.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a drift.json: no JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "schema" -> schema = p.getValueAsString();
                    case "baseline" -> baseline = p.getValueAsString();
                    case "run" -> run = p.getValueAsString();
                    case "endpoints" -> endpoints = value == JsonToken.VALUE_NULL ? null
                            : MAPPER.readValue(p, Endpoints.class);
                    case "counts" -> counts = value == JsonToken.VALUE_NULL ? counts
                            : MAPPER.readValue(p, new TypeReference<LinkedHashMap<String, Long>>() { });
                    case "changes" -> {
                        if (value != JsonToken.START_ARRAY) {
                            throw new IOException("not a drift.json: changes is not a list");
                        }
                        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                            if (t == null) {
                                throw new IOException("not a drift.json: it ends inside the changes");
                            }
                            ChangeJson c = t == JsonToken.VALUE_NULL ? null : MAPPER.readValue(p, ChangeJson.class);
                            if (c == null) {
                                continue;
                            }
                            total++;
                            if (kept.size() < cap) {
                                kept.add(c);
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new IOException("not a drift.json: it ends early");
            }
        }
        if (!SCHEMA.equals(schema)) {
            throw new IOException("schema '" + schema + "' is not " + SCHEMA);
        }
        return new Head(new DriftJson(schema, baseline, run, endpoints, counts, List.copyOf(kept)), total);
    }
}
