package io.tlsweep.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tlsweep.analysis.Assessment;
import io.tlsweep.analysis.Evidence;
import io.tlsweep.analysis.ClientImpact;
import io.tlsweep.cert.ChainReport;
import io.tlsweep.check.Check;
import io.tlsweep.check.Checks;
import io.tlsweep.result.CheckParts;
import io.tlsweep.result.Confirmation;
import io.tlsweep.result.Failure;
import io.tlsweep.result.Finding;
import io.tlsweep.result.FindingKind;
import io.tlsweep.result.Inconsistency;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.TargetResult;
import io.tlsweep.result.WindowsSymptom;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.Hex;
import io.tlsweep.wire.NamedGroup;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON-lines schema (version {@value #SCHEMA}): transfer objects kept apart from the domain types, so
 * the file format changes only on purpose.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schema", "target", "origin", "host", "address", "port", "sni", "prelude", "status", "verdict",
    "reason",
    "findings", "failure", "inconsistencies", "protocols", "refusals", "groups", "confirmation", "confirmations", "profiles", "legacyOff", "whatIf", "certificate", "certificates",
    "tls13", "checks", "evidence", "nextSteps", "policies", "notes", "connections", "elapsedMs"})
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResultJson(String schema, String target, String origin, String host, String address, int port,
        String sni, String status, String verdict, String reason, List<FindingJson> findings, FailureJson failure,
        List<ProtocolJson> protocols, Map<String, FailureJson> refusals, List<String> groups, ConfirmationJson confirmation,
        List<ConfirmationJson> confirmations, List<ProfileJson> profiles, ProfileJson.WhatIfJson legacyOff,
        ProfileJson.WhatIfJson whatIf, ChainJson certificate, List<CertificateJson> certificates,
        List<String> notes, int connections, long elapsedMs, List<InconsistencyJson> inconsistencies,
        Map<String, CheckJson> checks, Map<String, Object> prelude, Tls13FlightJson tls13, LegacyUseJson evidence,
        List<NextStepJson> nextSteps, List<PolicyJson> policies) {

    public static final String SCHEMA = "tlsweep/1";
    /** The key of {@link #prelude()} that names the protocol; the others are its facts' fields. */
    public static final String PRELUDE_PROTOCOL = "protocol";
    /** The fact, among a prelude's fields, that says whether the service offered STARTTLS. */
    public static final String STARTTLS_OFFERED = "starttls-offered";

    /** This line with the evidence of use joined ({@code null}: none). */
    public ResultJson withEvidence(LegacyUseJson use) {
        return new ResultJson(schema, target, origin, host, address, port, sni, status, verdict, reason, findings,
                failure, protocols, refusals, groups, confirmation, confirmations, profiles, legacyOff, whatIf,
                certificate, certificates, notes, connections, elapsedMs, inconsistencies, checks, prelude, tls13,
                use, nextSteps, policies);
    }

    /** This line with its next steps ({@code null} or empty: none, no field in the line). */
    public ResultJson withNextSteps(List<NextStepJson> steps) {
        return new ResultJson(schema, target, origin, host, address, port, sni, status, verdict, reason, findings,
                failure, protocols, refusals, groups, confirmation, confirmations, profiles, legacyOff, whatIf,
                certificate, certificates, notes, connections, elapsedMs, inconsistencies, checks, prelude, tls13,
                evidence, steps == null || steps.isEmpty() ? null : List.copyOf(steps), policies);
    }

    /** This line with the policies' judgements ({@code null} or empty: none, no field in the line). */
    public ResultJson withPolicies(List<PolicyJson> judged) {
        return new ResultJson(schema, target, origin, host, address, port, sni, status, verdict, reason, findings,
                failure, protocols, refusals, groups, confirmation, confirmations, profiles, legacyOff, whatIf,
                certificate, certificates, notes, connections, elapsedMs, inconsistencies, checks, prelude, tls13,
                evidence, nextSteps, judged == null || judged.isEmpty() ? null : List.copyOf(judged));
    }

    /**
     * Answers that contradicted each other and could not be settled: what was asked, what each attempt saw and
     * the evidence it disagrees with.
     */
    public record InconsistencyJson(String step, int attempts, List<String> seen, String contradicts) {
        static InconsistencyJson of(Inconsistency i) {
            return new InconsistencyJson(i.step(), i.attempts(), i.seen(), i.contradicts());
        }
    }
    /** The finding for a client profile whose own hello got something other than predicted. */
    public static final String PROFILE_DISAGREES = FindingKind.PROFILE_DISAGREES.label();

    /**
     * One finding: its kind's label, the specifics, and the kind's severity (critical, high, medium, low, info;
     * absent from lines written before findings had one).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FindingJson(String kind, String detail, String severity) {
        /** A finding whose severity the line does not say. */
        public FindingJson(String kind, String detail) {
            this(kind, detail, null);
        }

        static FindingJson of(Finding f) {
            return new FindingJson(f.kind().label(), f.detail(), f.kind().severity().label());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FailureJson(String kind, String detail, String alert, WindowsSymptom windowsSymptom) {
        /** {@code f} on an endpoint where {@code protocol} is spoken before TLS (empty: none). */
        static FailureJson of(Failure f, Optional<String> protocol) {
            return new FailureJson(f.kind().label(), f.detail(), f.alert().map(Object::toString).orElse(null),
                    f.windowsSymptom(protocol));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProtocolJson(String version, List<SuiteJson> cipherSuites, String order, boolean chacha20Priority,
            List<String> groups, Integer dhPrimeBits, boolean complete, FailureJson refusal) {
        static ProtocolJson of(ProtocolSupport p, Optional<String> prelude) {
            return new ProtocolJson(p.version().displayName(), p.cipherSuites().stream().map(SuiteJson::of).toList(),
                    p.order().label(), p.chacha20Priority(), names(p.groups()), p.dhPrimeBits().orElse(null),
                    p.complete(), p.refusal().map(f -> FailureJson.of(f, prelude)).orElse(null));
        }
    }

    public record SuiteJson(String code, String name) {
        static SuiteJson of(CipherSuite s) {
            return new SuiteJson(Hex.u16(s.code()), s.ianaName());
        }
    }

    /** One certificate as served: its SHA-256 fingerprint and DER, base64. */
    public record CertificateJson(String sha256, String der) {
        static CertificateJson of(byte[] der) {
            try {
                String fp = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
                return new CertificateJson(fp, Base64.getEncoder().encodeToString(der));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required of every JDK", e);
            }
        }
    }

    /** The line of a result and its assessment, with nothing else known (no certificate check, no profiles). */
    public static ResultJson of(TargetResult r, Assessment a) {
        return of(r, a, Optional.empty(), Optional.empty(), List.of(), ClientImpact.none());
    }

    /**
     * A result line with the certificate check, the real-stack confirmation and the client profiles; the findings
     * are the assessment's, which drew them from the same facts.
     */
    public static ResultJson of(TargetResult r, Assessment a, Optional<ChainReport> chain,
            Optional<Confirmation> confirmation, List<Confirmation> perVersion, ClientImpact impact) {
        return of(new Evidence(r, chain, confirmation, perVersion, impact, Checks.BUILT_IN), a);
    }

    /**
     * The line of one endpoint: every fact of {@code e} (the checks' parts in their JSON) and the findings, verdict
     * and reason of {@code a}, drawn from them. Nothing is judged here.
     */
    public static ResultJson of(Evidence e, Assessment a) {
        TargetResult r = e.result();
        ClientImpact impact = e.impact();
        Map<String, FailureJson> refusals = new LinkedHashMap<>();
        Optional<String> protocol = r.target().prelude();
        r.refusals().forEach((v, f) -> refusals.put(v.displayName(), FailureJson.of(f, protocol)));
        ResultJson line = new ResultJson(SCHEMA, r.target().input(), r.target().origin(), r.target().host(),
                r.address().orElse(null), r.target().port(), r.target().sni().orElse(null), r.status().label(),
                a.verdict().label(), a.reason(), a.findings().stream().map(FindingJson::of).toList(),
                r.failure().map(f -> FailureJson.of(f, protocol)).orElse(null),
                r.protocols().stream().map(p -> ProtocolJson.of(p, protocol)).toList(), refusals, names(r.groups()),
                e.confirmation().map(ConfirmationJson::of).orElse(null),
                e.perVersion().isEmpty() ? null : e.perVersion().stream().map(ConfirmationJson::of).toList(),
                impact.checks().isEmpty() ? null : impact.checks().stream().map(ProfileJson::of).toList(),
                impact.checks().isEmpty() ? null : ProfileJson.WhatIfJson.legacyOff(impact),
                impact.whatIf().map(ProfileJson.WhatIfJson::of).orElse(null),
                e.certificate().map(c -> ChainJson.of(c, r.ocspStapled())).orElse(null),
                r.certificateChain().stream().map(CertificateJson::of).toList(), r.notes(), r.connections(),
                r.elapsedMillis(), r.inconsistencies().isEmpty() ? null
                        : r.inconsistencies().stream().map(InconsistencyJson::of).toList(), checks(r, e.checks()),
                prelude(r), r.tls13Flight().map(Tls13FlightJson::of).orElse(null), null, null, null);
        return line.withNextSteps(LineAdvice.derived(line));
    }

    /**
     * What is said before TLS on the endpoint: the protocol, then what its first connection that got far enough
     * learned (the facts' fields); null when TLS starts with the first byte (no field in the line).
     */
    private static Map<String, Object> prelude(TargetResult r) {
        if (r.target().prelude().isEmpty()) {
            return null;
        }
        Map<String, Object> prelude = new LinkedHashMap<>();
        prelude.put(PRELUDE_PROTOCOL, r.target().prelude().get());
        r.prelude().ifPresent(f -> f.fields().forEach(prelude::putIfAbsent));
        return prelude;
    }

    /** The protocol said before TLS, when the line has a {@code prelude}. */
    public Optional<String> preludeProtocol() {
        return prelude == null ? Optional.empty() : Optional.ofNullable(prelude.get(PRELUDE_PROTOCOL))
                .filter(String.class::isInstance).map(String.class::cast);
    }

    /** Whether the service offered STARTTLS, when the prelude got far enough to tell. */
    public Optional<Boolean> starttlsOffered() {
        return prelude == null ? Optional.empty() : Optional.ofNullable(prelude.get(STARTTLS_OFFERED))
                .filter(Boolean.class::isInstance).map(Boolean.class::cast);
    }

    /** The checks' parts, by check id in the order they ran; null when there are none (no field in the line). */
    private static Map<String, CheckJson> checks(TargetResult r, Checks checks) {
        if (r.checks().isEmpty()) {
            return null;
        }
        Map<String, CheckJson> parts = new LinkedHashMap<>();
        for (CheckParts.Entry<?> entry : r.checks().entries()) {
            Check<?> check = checks.byId(entry.key().id()).orElseThrow(() -> new IllegalStateException(
                    "a part of check " + entry.key().id() + ", which is not among the run's checks " + checks));
            parts.put(check.id(), CheckJson.of(check, entry));
        }
        return parts;
    }

    private static List<String> names(List<NamedGroup> groups) {
        return groups.stream().map(NamedGroup::toString).toList();
    }
}
