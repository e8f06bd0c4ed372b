package io.tlsweep.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tlsweep.analysis.LegacyUse;
import io.tlsweep.evidence.ClientUse;
import io.tlsweep.evidence.ClientMatch;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A line's {@code evidence}: what server logs and captures say about the endpoint's legacy versions (the verdict
 * legacy-in-use, legacy-unused, no-evidence or no-legacy) and the clients that used or tried them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"verdict", "summary", "legacyAccepted", "handshakes", "legacyHandshakes", "legacyClients", "from",
    "to", "clients"})
public record LegacyUseJson(String verdict, String summary, List<String> legacyAccepted, long handshakes,
        long legacyHandshakes, int legacyClients, String from, String to, List<ClientJson> clients) {

    public static LegacyUseJson of(LegacyUse u) {
        return new LegacyUseJson(u.verdict().label(), u.summary(),
                u.legacyAccepted().stream().map(Object::toString).toList(), u.handshakes(), u.legacyHandshakes(),
                u.legacyClients(), u.from().map(Instant::toString).orElse(null),
                u.to().map(Instant::toString).orElse(null), u.clients().stream().map(ClientJson::of).toList());
    }

    /** The legacy clients' addresses with their versions, "127.0.0.5 TLSv1.0", most handshakes first. */
    public List<String> clientLabels() {
        return clients == null ? List.of() : clients.stream().map(c -> c.client() + " " + c.version()).toList();
    }

    /** One client's use of one legacy version. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ClientJson(String client, String version, long established, long failed, String first, String last,
            List<String> userAgents, Map<String, Long> suites, String ja4, String looksLike, Integer distance,
            List<String> formats) {
        static ClientJson of(ClientUse c) {
            return new ClientJson(c.client(), c.version().toString(), c.established(), c.failed(),
                    c.first().map(Instant::toString).orElse(null), c.last().map(Instant::toString).orElse(null),
                    c.userAgents().isEmpty() ? null : c.userAgents(), c.suites().isEmpty() ? null : c.suites(),
                    c.identity().ja4().orElse(null), c.identity().looksLike().map(ClientMatch::profileName).orElse(null),
                    c.identity().looksLike().map(ClientMatch::distance).orElse(null), c.formats());
        }
    }
}
