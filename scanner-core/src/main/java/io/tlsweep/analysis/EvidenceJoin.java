package io.tlsweep.analysis;

import io.tlsweep.evidence.ClientUse;
import io.tlsweep.evidence.EndpointEvidence;
import io.tlsweep.evidence.EvidenceEndpoint;
import io.tlsweep.evidence.EvidenceSummary;
import io.tlsweep.text.IpLiteral;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Joins evidence (who used which version, from logs and captures) with scanned endpoints. An evidence endpoint
 * belongs to a scanned one when its port is the scanned port (or the evidence names no port: Windows' Schannel
 * events are machine-wide) and it names the endpoint: its address is the scanned address or host (IP addresses
 * compared as addresses, names ignoring case), or its SNI name is the scanned SNI name or host. Evidence that names
 * neither address nor SNI (a Postfix log read without {@code --endpoint}) joins nothing. Pure: built once per
 * evidence, asked once per endpoint.
 */
public final class EvidenceJoin {
    private final EvidenceSummary summary;
    private final Map<String, List<EndpointEvidence>> byName = new HashMap<>();

    public EvidenceJoin(EvidenceSummary summary) {
        this.summary = summary;
        for (EndpointEvidence e : summary.endpoints()) {
            EvidenceEndpoint at = e.endpoint();
            at.address().ifPresent(a -> index(a, e));
            at.serverName().filter(n -> !n.equalsIgnoreCase(at.address().orElse(""))).ifPresent(n -> index(n, e));
        }
    }

    private void index(String name, EndpointEvidence e) {
        byName.computeIfAbsent(key(name), k -> new ArrayList<>()).add(e);
    }

    /** An address in its one text form (RFC 5952 for IPv6), a name in lower case. */
    static String key(String name) {
        String n = name.strip();
        return IpLiteral.parse(n) instanceof IpLiteral.Address a ? a.toString() : n.toLowerCase(Locale.ROOT);
    }

    /** The evidence endpoints that belong to a scanned endpoint (each once). */
    public List<EndpointEvidence> matching(String host, Optional<String> address, int port, Optional<String> sni) {
        Map<EndpointEvidence, Boolean> found = new IdentityHashMap<>();
        List<EndpointEvidence> out = new ArrayList<>();
        for (String name : names(host, address, sni)) {
            for (EndpointEvidence e : byName.getOrDefault(key(name), List.of())) {
                boolean portOk = e.endpoint().port().isEmpty() || e.endpoint().port().getAsInt() == port;
                if (portOk && found.put(e, Boolean.TRUE) == null) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private static List<String> names(String host, Optional<String> address, Optional<String> sni) {
        List<String> names = new ArrayList<>(3);
        names.add(host);
        address.ifPresent(names::add);
        sni.ifPresent(names::add);
        return names;
    }

    /**
     * What the evidence says about a scanned endpoint that accepts {@code accepted}.
     *
     * @param host the target's host as given (name or address)
     * @param address the address scanned, when known
     */
    public LegacyUse legacyUse(String host, Optional<String> address, int port, Optional<String> sni,
            Collection<ProtocolVersion> accepted) {
        List<ProtocolVersion> legacyAccepted = accepted.stream().filter(LegacyUse::legacy).sorted().distinct()
                .toList();
        List<EndpointEvidence> at = matching(host, address, port, sni);
        long handshakes = 0;
        long legacyHandshakes = 0;
        List<ClientUse> used = new ArrayList<>();
        List<ClientUse> tried = new ArrayList<>();
        for (EndpointEvidence e : at) {
            for (ClientUse c : e.clients()) {
                handshakes += c.count();
                if (LegacyUse.legacy(c.version())) {
                    legacyHandshakes += c.count();
                    (c.established() > 0 ? used : tried).add(c);
                }
            }
        }
        LegacyUse.Verdict verdict;
        List<ClientUse> named;
        if (legacyAccepted.isEmpty()) {
            verdict = LegacyUse.Verdict.NO_LEGACY;
            named = new ArrayList<>(used);
            named.addAll(tried);
        } else if (at.isEmpty()) {
            verdict = LegacyUse.Verdict.NO_EVIDENCE;
            named = List.of();
        } else if (!used.isEmpty()) {
            verdict = LegacyUse.Verdict.IN_USE;
            named = used;
        } else {
            verdict = LegacyUse.Verdict.UNUSED;
            named = tried;
        }
        List<ClientUse> sorted = named.stream().sorted(Comparator.comparingLong(ClientUse::count).reversed()
                .thenComparing(ClientUse::client).thenComparing(ClientUse::version)).toList();
        int distinct = (int) sorted.stream().map(ClientUse::client).distinct().count();
        return new LegacyUse(verdict, legacyAccepted, handshakes, legacyHandshakes,
                sorted.subList(0, Math.min(LegacyUse.MAX_CLIENTS, sorted.size())), distinct, summary.from(),
                summary.to());
    }
}
