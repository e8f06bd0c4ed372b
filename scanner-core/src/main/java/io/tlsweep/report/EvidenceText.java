package io.tlsweep.report;

import io.tlsweep.report.EvidenceJson.ClientJson;
import io.tlsweep.report.EvidenceJson.EndpointJson;
import io.tlsweep.report.EvidenceJson.ProblemJson;
import io.tlsweep.text.VisibleText;
import io.tlsweep.wire.ProtocolVersion;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The short text {@code tlsweep evidence} prints: the totals, then per endpoint the legacy versions (SSLv3, TLS 1.0,
 * TLS 1.1) used there with the number of clients and the busiest few, or the versions used when none is legacy;
 * then the problems. Everything is read from {@code evidence.json}; texts from the inputs are escaped.
 */
public final class EvidenceText {
    /** Clients named per legacy version. */
    static final int TOP_CLIENTS = 3;
    /** Endpoints listed; the others are counted. */
    static final int ENDPOINTS = 50;

    private EvidenceText() {
    }

    public static void print(PrintWriter out, EvidenceJson e) {
        out.printf("Evidence: %d handshake(s) from %d input(s)%s%n", e.observations(), e.inputs().size(),
                e.from() == null ? "" : ", " + e.from() + " to " + e.to());
        if (e.since() != null) {
            out.printf("  window from %s: %d handshake(s) before it left out%n", e.since(), e.outsideWindow());
        }
        if (e.withoutVersion() > 0) {
            out.printf("  %d handshake(s) without a version left out%n", e.withoutVersion());
        }
        if (e.overflowed() > 0) {
            out.printf("  %d handshake(s) counted as other clients: too many distinct clients%n", e.overflowed());
        }
        List<EndpointJson> endpoints = new ArrayList<>(e.endpoints());
        endpoints.sort(Comparator.comparing((EndpointJson p) -> legacy(p).isEmpty()));
        for (EndpointJson p : endpoints.subList(0, Math.min(ENDPOINTS, endpoints.size()))) {
            endpoint(out, p);
        }
        if (endpoints.size() > ENDPOINTS) {
            out.printf("... and %d more endpoint(s): see %s and %s%n", endpoints.size() - ENDPOINTS,
                    EvidenceJson.FILE, EvidenceClientsCsv.FILE);
        }
        if (e.problemCount() > 0) {
            ProblemJson first = e.problems().get(0);
            out.printf("%d line(s) or block(s) could not be read; the first: %s%n", e.problemCount(),
                    VisibleText.of(where(first) + ": " + first.message()));
        }
    }

    private static void endpoint(PrintWriter out, EndpointJson p) {
        Map<String, List<ClientJson>> legacy = legacy(p);
        String name = VisibleText.of(p.endpoint());
        if (legacy.isEmpty()) {
            Map<String, Long> used = new TreeMap<>(Comparator.comparing(EvidenceText::version));
            p.clients().forEach(c -> used.merge(c.version(), c.count(), Long::sum));
            out.printf("%s: no legacy handshake (%s)%n", name, used.entrySet().stream()
                    .map(u -> u.getKey() + " " + u.getValue()).collect(Collectors.joining(", ")));
            return;
        }
        out.println(name);
        legacy.forEach((version, clients) -> {
            Set<String> distinct = new HashSet<>();
            long handshakes = 0;
            for (ClientJson c : clients) {
                distinct.add(c.client());
                handshakes += c.count();
            }
            List<ClientJson> busiest = clients.stream().sorted(Comparator.comparingLong(ClientJson::count).reversed()
                    .thenComparing(ClientJson::client)).limit(TOP_CLIENTS).toList();
            out.printf("  %-8s %d client(s), %d handshake(s): %s%s%n", version, distinct.size(), handshakes,
                    busiest.stream().map(EvidenceText::client).collect(Collectors.joining(", ")),
                    clients.size() > TOP_CLIENTS ? ", ..." : "");
        });
    }

    /** The legacy versions used at the endpoint, oldest first, with their clients. */
    private static Map<String, List<ClientJson>> legacy(EndpointJson p) {
        Map<String, List<ClientJson>> legacy = new LinkedHashMap<>();
        p.clients().stream().filter(c -> version(c.version()).compareTo(ProtocolVersion.TLSv1_2) < 0)
                .sorted(Comparator.comparing(c -> version(c.version())))
                .forEach(c -> legacy.computeIfAbsent(c.version(), v -> new ArrayList<>()).add(c));
        return legacy;
    }

    private static String client(ClientJson c) {
        List<String> about = new ArrayList<>();
        if (c.label() != null) {
            about.add(c.label());
        }
        if (c.last() != null) {
            about.add("last " + c.last());
        }
        if (!c.userAgents().isEmpty()) {
            about.add(c.userAgents().get(0));
        }
        return VisibleText.of(c.client() + " x" + c.count() + (about.isEmpty() ? "" : " (" + String.join(", ", about)
                + ")"));
    }

    private static ProtocolVersion version(String name) {
        return ProtocolVersion.parse(name).orElse(ProtocolVersion.TLSv1_3);
    }

    private static String where(ProblemJson p) {
        return p.line() != null ? p.input() + ":" + p.line() : p.input() + " at byte " + p.offset();
    }
}
