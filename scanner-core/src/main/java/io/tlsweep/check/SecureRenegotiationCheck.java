package io.tlsweep.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.PlanContext;
import io.tlsweep.probe.TargetScan;
import io.tlsweep.result.FindingKind;
import io.tlsweep.result.PartKey;
import io.tlsweep.result.Severity;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.wire.ProtocolVersion;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Whether the server supports secure renegotiation (RFC 5746), without which a man in the middle can splice his
 * own request in front of a client's (CVE-2009-3555). Read from the scan's own ServerHellos, at no connection:
 * every hello of the scan up to TLS 1.2 carries TLS_EMPTY_RENEGOTIATION_INFO_SCSV, to which an RFC 5746 server
 * answers with the renegotiation_info extension. A version up to TLS 1.2 whose ServerHellos came without it is the
 * flaw; TLS 1.3 has no renegotiation, so a server that accepts only TLS 1.3 is not applicable. Whether the server
 * also lets a client start a renegotiation is another question, not asked here.
 */
public final class SecureRenegotiationCheck implements Check<SecureRenegotiationCheck.Part> {
    static final PartKey<Part> KEY = new PartKey<>("secure-renegotiation", Part.class);
    /**
     * Medium: a man in the middle can put his own request before a client's only where a renegotiation happens,
     * and clients of the last decade refuse to renegotiate without RFC 5746.
     */
    public static final FindingKind INSECURE = FindingKind.of("no-secure-renegotiation",
            "no secure renegotiation (RFC 5746; CVE-2009-3555)", Severity.MEDIUM);

    /**
     * The judgement and, per version up to TLS 1.2 the scan read ServerHellos of (oldest first), whether they all
     * carried renegotiation_info.
     */
    public record Part(Judgement judgement, Map<ProtocolVersion, Boolean> renegotiationInfo) implements Judged {
        public Part {
            renegotiationInfo = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(renegotiationInfo));
        }
    }

    @Override
    public PartKey<Part> key() {
        return KEY;
    }

    @Override
    public String about() {
        return "renegotiation_info read from the scan's own ServerHellos up to TLS 1.2: no connection";
    }

    @Override
    public Optional<? extends CheckPlan<Part>> plan(PlanContext context) {
        return context.plan(TargetScan.class).map(scan -> new Settled<>(judge(scan.accepted(),
                scan.renegotiationInfo())));
    }

    /**
     * The part from the versions the scan accepted and what their ServerHellos said.
     *
     * @param seen per version up to TLS 1.2 with a ServerHello: whether every one carried renegotiation_info
     */
    static Part judge(List<ProtocolSupport> accepted, Map<ProtocolVersion, Boolean> seen) {
        Judgement j;
        String without = versions(seen, ok -> !ok);
        if (!without.isEmpty()) {
            j = Judgement.vulnerable("no renegotiation_info in the ServerHello of " + without
                    + " (the hello carried TLS_EMPTY_RENEGOTIATION_INFO_SCSV)");
        } else if (!seen.isEmpty()) {
            j = Judgement.notVulnerable("renegotiation_info in the ServerHello of " + versions(seen, ok -> ok));
        } else if (accepted.stream().anyMatch(p -> p.version().atLeast(ProtocolVersion.TLSv1_3))) {
            j = Judgement.notApplicable("TLS 1.3 only: it has no renegotiation");
        } else {
            j = Judgement.notApplicable("no version accepted");
        }
        return new Part(j, seen);
    }

    private static String versions(Map<ProtocolVersion, Boolean> seen, Predicate<Boolean> which) {
        return seen.entrySet().stream().filter(e -> which.test(e.getValue())).map(e -> e.getKey().displayName())
                .collect(Collectors.joining(", "));
    }

    @Override
    public List<FindingKind> kinds() {
        return List.of(INSECURE);
    }


    @Override
    public Optional<PartJson<Part>> json() {
        return Optional.of(new PartJson<>() {
            @Override
            public ObjectNode write(Part part) {
                ObjectNode json = JsonNodeFactory.instance.objectNode();
                part.judgement().writeTo(json);
                ObjectNode versions = json.putObject("renegotiationInfo");
                part.renegotiationInfo().forEach((v, ok) -> versions.put(v.displayName(), ok));
                return json;
            }

            @Override
            public Part read(JsonNode json) {
                JsonNode versions = json.path("renegotiationInfo");
                if (!versions.isObject()) {
                    throw new IllegalArgumentException("secure-renegotiation: 'renegotiationInfo' is not an object");
                }
                Map<ProtocolVersion, Boolean> seen = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = versions.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    ProtocolVersion v = ProtocolVersion.parse(e.getKey()).orElseThrow(() ->
                            new IllegalArgumentException("secure-renegotiation: not a version: " + e.getKey()));
                    if (!e.getValue().isBoolean()) {
                        throw new IllegalArgumentException("secure-renegotiation: " + e.getKey() + " is not true or"
                                + " false");
                    }
                    seen.put(v, e.getValue().booleanValue());
                }
                return new Part(Judgement.readFrom(json, "secure-renegotiation"), seen);
            }

            @Override
            public String summary(Part part) {
                return part.judgement().toString();
            }
        });
    }
}
