package io.tlsweep.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.tlsweep.evidence.ClientIdentity;
import io.tlsweep.evidence.ClientUse;
import io.tlsweep.evidence.DailyCount;
import io.tlsweep.evidence.EndpointEvidence;
import io.tlsweep.evidence.EvidenceProblem;
import io.tlsweep.evidence.EvidenceSummary;
import io.tlsweep.evidence.Position;
import io.tlsweep.evidence.ProfileMatcher;
import io.tlsweep.evidence.TallyNotes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code evidence.json} (schema {@value #SCHEMA}): what {@code tlsweep evidence} counted. Per server endpoint the
 * clients per version (count, first and last seen, user agents, suites with counts, JA4 and nearest profile where
 * a ClientHello was seen, the formats that saw them), the daily series per version, the inputs, what was left out
 * and the first problems. Times are ISO-8601 UTC; fields without a value are left out. Strings come from the
 * inputs: every view escapes them.
 *
 * <pre>{@code
 * {"schema":"tlsweep-evidence/1","inputs":["access.log"],"observations":3,"from":"...","to":"...",
 *  "endpoints":[{"endpoint":"10.0.0.1:443 (www.example)","address":"10.0.0.1","port":443,"sni":"www.example",
 *    "clients":[{"client":"192.0.2.7","version":"TLSv1.0","established":2,"failed":0,"first":"...",
 *      "last":"...","userAgents":["curl/7.88.1"],"suites":[{"name":"AES128-SHA","count":2}],
 *      "formats":["nginx"]}]}],
 *  "daily":[{"day":"2026-12-01","version":"TLSv1.0","established":2,"failed":0}],
 *  "problemCount":1,"problems":[{"input":"access.log","line":7,"message":"..."}]}
 * }</pre>
 *
 * @param since the window's start ({@code --since}), when there was one
 * @param outsideWindow handshakes before {@code since}, left out
 * @param withoutVersion handshakes whose input named no version, left out
 * @param keys distinct (endpoint, version, client, identity) counted
 * @param overflowed handshakes counted as "other clients" because the limit of distinct keys was reached
 */
@JsonPropertyOrder({"schema", "inputs", "observations", "from", "to", "since", "outsideWindow", "withoutVersion",
    "keys", "overflowed", "endpoints", "daily", "problemCount", "problems"})
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record EvidenceJson(String schema, List<String> inputs, long observations, String from, String to,
        String since, long outsideWindow, long withoutVersion, long keys, long overflowed,
        List<EndpointJson> endpoints, List<DayJson> daily, long problemCount, List<ProblemJson> problems) {
    public static final String SCHEMA = "tlsweep-evidence/1";
    /** The file name in the output directory. */
    public static final String FILE = "evidence.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter JSON = MAPPER.writerWithDefaultPrettyPrinter();

    /** One server endpoint; {@code endpoint} is its name as the text summary shows it. */
    @JsonPropertyOrder({"endpoint", "address", "port", "sni", "clients"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EndpointJson(String endpoint, String address, Integer port, String sni, List<ClientJson> clients) {
    }

    /**
     * One client's use of one version; suites by count, then name. Where a ClientHello was seen: {@code ja4}, the
     * nearest profile ({@code looksLike}), the stack's {@code family} and the {@code label} a report shows ("looks
     * like OpenSSL 3.0, exact", "nearest: Java 17 (distance 4)").
     */
    @JsonPropertyOrder({"client", "version", "established", "failed", "first", "last", "userAgents", "suites", "ja4",
        "looksLike", "family", "label", "formats"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ClientJson(String client, String version, long established, long failed, String first,
            String last, List<String> userAgents, List<SuiteCount> suites, String ja4, MatchJson looksLike,
            String family, String label, List<String> formats) {
        static ClientJson of(ClientUse u) {
            List<SuiteCount> suites = u.suites().entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .map(e -> new SuiteCount(e.getKey(), e.getValue())).toList();
            return new ClientJson(u.client(), u.version().displayName(), u.established(), u.failed(), text(u.first()),
                    text(u.last()), u.userAgents(), suites, u.identity().ja4().orElse(null),
                    u.identity().looksLike().map(m -> new MatchJson(m.profileId(), m.profileName(), m.distance(),
                            m.exact())).orElse(null), u.identity().family().orElse(null),
                    u.identity().equals(ClientIdentity.UNKNOWN) ? null : ProfileMatcher.label(u.identity()),
                    u.formats());
        }

        /** Handshakes seen, completed or not. */
        public long count() {
            return established + failed;
        }
    }

    /** A suite as the input named it, and how often. */
    public record SuiteCount(String name, long count) {
    }

    /** The nearest client profile; {@code exact} when the distance is 0. */
    @JsonPropertyOrder({"profile", "name", "distance", "exact"})
    public record MatchJson(String profile, String name, int distance, boolean exact) {
    }

    /** Handshakes of one version on one UTC day, over every endpoint. */
    @JsonPropertyOrder({"day", "version", "established", "failed"})
    public record DayJson(String day, String version, long established, long failed) {
        static DayJson of(DailyCount d) {
            return new DayJson(d.day().toString(), d.version().displayName(), d.established(), d.failed());
        }
    }

    /** A part of an input that could not be read: its line, or its byte offset. */
    @JsonPropertyOrder({"input", "line", "byte", "message"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ProblemJson(String input, Long line, @JsonProperty("byte") Long offset,
            String message) {
        static ProblemJson of(EvidenceProblem p) {
            Position w = p.where();
            boolean line = w.unit() == Position.Unit.LINE;
            return new ProblemJson(w.input(), line ? w.at() : null, line ? null : w.at(), p.message());
        }
    }

    public static EvidenceJson of(EvidenceSummary s, TallyNotes notes) {
        List<EndpointJson> endpoints = s.endpoints().stream().map(EvidenceJson::endpoint).toList();
        return new EvidenceJson(SCHEMA, s.inputs(), s.observations(), text(s.from()), text(s.to()),
                text(notes.since()), notes.outsideWindow(), notes.withoutVersion(), notes.keys(), notes.overflowed(),
                endpoints, s.daily().stream().map(DayJson::of).toList(), s.problemCount(),
                s.problems().stream().map(ProblemJson::of).toList());
    }

    private static EndpointJson endpoint(EndpointEvidence e) {
        return new EndpointJson(e.endpoint().toString(), e.endpoint().address().orElse(null),
                e.endpoint().port().isPresent() ? e.endpoint().port().getAsInt() : null,
                e.endpoint().serverName().orElse(null), e.clients().stream().map(ClientJson::of).toList());
    }

    private static String text(Optional<Instant> t) {
        return t.map(Instant::toString).orElse(null);
    }

    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    public static EvidenceJson read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), EvidenceJson.class);
    }
}
