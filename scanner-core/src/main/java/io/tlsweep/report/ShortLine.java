package io.tlsweep.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.analysis.Verdict;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.WindowsSymptom;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The short results.jsonl line of an endpoint where nothing answered ({@link NoAnswer}): the endpoint, its status,
 * the failure kind as a plain string, the detail only where it says more than the kind and the address do, and the
 * connections made. Everything else of the full line is either empty for such an endpoint or follows from the
 * kind: the verdict ({@code unreachable}), the reason ("kind: detail"), the Windows symptom (summary.json's
 * {@code failureKinds} holds its words once). The time spent is not kept, nor the policies' not-applicable verdicts. Reading expands it back to a
 * {@link ResultJson}, so every reader sees one shape.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schema", "target", "origin", "host", "address", "port", "sni", "prelude", "status", "failure",
    "detail", "connections"})
@JsonIgnoreProperties(ignoreUnknown = true)
public record ShortLine(String schema, String target, String origin, String host, String address, int port,
        String sni, Map<String, Object> prelude, String status, String failure, String detail, int connections) {

    /** The short form of {@code r}, when nothing answered and the full line holds nothing the short one drops. */
    public static Optional<ShortLine> of(ResultJson r) {
        Optional<NoAnswer.Kind> kind = NoAnswer.kind(r);
        if (kind.isEmpty() || !Verdict.UNREACHABLE.label().equals(r.verdict()) || !onlyEmpty(r)
                || !(r.prelude() == null || r.prelude().keySet().equals(java.util.Set.of(ResultJson.PRELUDE_PROTOCOL)))
                || (r.address() == null) != (kind.get() == NoAnswer.Kind.DNS_FAILURE)) {
            return Optional.empty();
        }
        String host = r.host() == null || r.host().equals(r.target()) ? null : r.host();
        String hostName = host == null ? r.target() : host;
        String address = r.address() == null || r.address().equals(hostName) ? null : r.address();
        String detail = r.failure().detail();
        boolean usual = detail != null && detail.equals(usualDetail(kind.get(), r.address(), r.port()));
        return Optional.of(new ShortLine(r.schema(), r.target(), r.origin(), host, address, r.port(), r.sni(),
                r.prelude(), r.status(), kind.get().label(), usual ? null : detail, r.connections()));
    }

    /** The full line this short one stands for. */
    public ResultJson expand() throws JsonMappingException {
        NoAnswer.Kind kind = NoAnswer.Kind.ofLabel(failure).orElseThrow(() -> new JsonMappingException(null,
                "failure '" + failure + "' is not a kind of endpoint where nothing answered " + NoAnswer.labels()));
        if (!ScanStatus.UNREACHABLE.label().equals(status)) {
            throw new JsonMappingException(null, "status '" + status + "' on a short line (only "
                    + ScanStatus.UNREACHABLE.label() + ")");
        }
        String hostName = host == null ? target : host;
        String addr = address != null ? address : kind == NoAnswer.Kind.DNS_FAILURE ? null : hostName;
        String said = detail != null ? detail : usualDetail(kind, addr, port);
        if (said == null) {
            throw new JsonMappingException(null, "no detail for failure '" + failure + "'");
        }
        Optional<String> protocol = Optional.ofNullable(prelude).map(p -> p.get(ResultJson.PRELUDE_PROTOCOL))
                .filter(String.class::isInstance).map(String.class::cast);
        WindowsSymptom windows = WindowsSymptom.of(kind.failure(), null, protocol);
        return new ResultJson(schema, target, origin, hostName, addr, port, sni, status, Verdict.UNREACHABLE.label(),
                failure + ": " + said, List.of(), new ResultJson.FailureJson(failure, said, null, windows), List.of(),
                Map.of(), List.of(), null, null, null, null, null, null, List.of(), List.of(), connections, 0, null,
                null, prelude, null, null, null, null);
    }

    /**
     * One results.jsonl line read with {@code json}: a short line expanded, any other as it is; null for a line
     * {@code null}.
     */
    public static ResultJson read(ObjectMapper json, String line) throws JsonProcessingException {
        JsonNode node = json.readTree(line);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.path("failure").isTextual()) {
            return json.treeToValue(node, ShortLine.class).expand();
        }
        return json.treeToValue(node, ResultJson.class);
    }

    /** The detail tlsweep writes for {@code kind} at {@code address:port}, when it says nothing more; else null. */
    private static String usualDetail(NoAnswer.Kind kind, String address, int port) {
        if (address == null) {
            return null;
        }
        String peer = address + ":" + port;
        return switch (kind) {
            case CONNECT_REFUSED -> "connection refused by " + peer;
            case RESET_BEFORE_REPLY -> "connection reset by " + peer + " while connecting";
            default -> null;
        };
    }

    private static boolean onlyEmpty(ResultJson r) {
        return empty(r.findings()) && empty(r.protocols()) && (r.refusals() == null || r.refusals().isEmpty())
                && empty(r.groups()) && r.confirmation() == null && r.confirmations() == null && r.profiles() == null
                && r.legacyOff() == null && r.whatIf() == null && r.certificate() == null && empty(r.certificates())
                && empty(r.notes()) && r.inconsistencies() == null && (r.checks() == null || r.checks().isEmpty())
                && r.tls13() == null && r.evidence() == null && empty(r.nextSteps())
                && (r.policies() == null || r.policies().stream().allMatch(PolicyJson::notApplicable));
    }

    private static boolean empty(Collection<?> c) {
        return c == null || c.isEmpty();
    }
}
