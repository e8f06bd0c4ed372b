package io.tlsweep.report;

import io.tlsweep.report.EvidenceJson.ClientJson;
import io.tlsweep.report.EvidenceJson.EndpointJson;
import io.tlsweep.report.EvidenceJson.SuiteCount;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code evidence-clients.csv}: one row per endpoint, version and client, as in {@code evidence.json}.
 * {@code user_agents} are joined with " | ", {@code suites} as "NAME=COUNT" joined with ";" (by count), the formats
 * with ";". {@code looks_like} and {@code distance} are the nearest client profile and {@code family} the client
 * stack's, where a ClientHello was seen.
 */
public final class EvidenceClientsCsv {
    public static final String FILE = "evidence-clients.csv";
    public static final List<String> COLUMNS = List.of("endpoint", "address", "port", "sni", "version", "client",
            "established", "failed", "first", "last", "ja4", "looks_like", "distance", "family", "user_agents",
            "suites", "formats");

    private EvidenceClientsCsv() {
    }

    public static void write(EvidenceJson evidence, Writer out) throws IOException {
        try (CsvRows rows = new CsvRows(out, COLUMNS)) {
            for (EndpointJson e : evidence.endpoints()) {
                for (ClientJson c : e.clients()) {
                    rows.row(e.endpoint(), e.address(), e.port(), e.sni(), c.version(), c.client(), c.established(),
                            c.failed(), c.first(), c.last(), c.ja4(),
                            c.looksLike() == null ? null : c.looksLike().profile(),
                            c.looksLike() == null ? null : c.looksLike().distance(), c.family(),
                            String.join(" | ", c.userAgents()), c.suites().stream().map(EvidenceClientsCsv::suite)
                                    .collect(Collectors.joining(";")), String.join(";", c.formats()));
                }
            }
        }
    }

    private static String suite(SuiteCount s) {
        return s.name() + "=" + s.count();
    }
}
