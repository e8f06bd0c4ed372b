package io.tlsweep.analysis;

import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.Finding;
import io.tlsweep.result.ProfileOutcome;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.TargetResult;
import io.tlsweep.result.WindowsSymptom;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.Weakness;
import io.tlsweep.wire.ProtocolVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The readiness verdict: what happens to this endpoint's clients when TLS 1.0 and 1.1 are switched off.
 * Pure: a function of the scan result, one rule after the other, most urgent first. Every reason is one line.
 */
public final class Readiness {
    /** Suites named in a reason before the rest are counted ("and 3 more"). */
    private static final int NAMED_SUITES = 4;

    private Readiness() {
    }

    /** Contradictions named in a reason before the rest are counted. */
    private static final int NAMED_INCONSISTENCIES = 2;

    /** Profiles named in a reason before the rest are counted. */
    private static final int NAMED_PROFILES = 4;

    public static Assessment assess(TargetResult r) {
        return assess(Evidence.of(r));
    }

    /** As {@link #assess(Evidence)} with the scan's result and the client profiles alone. */
    public static Assessment assess(TargetResult r, ClientImpact impact) {
        return assess(Evidence.of(r, impact));
    }

    /**
     * The verdict, its reason naming the client profiles already unreachable today (for an endpoint with only legacy
     * suites: who fails with what message and who connects with which suite) and those that lose the endpoint once
     * TLS 1.0/1.1 are switched off, and every finding ({@link EndpointFindings}), drawn once all the facts are in.
     */
    public static Assessment assess(Evidence e) {
        Assessment a = assessScan(e.result(), EndpointFindings.of(e));
        ClientImpact impact = e.impact();
        if (impact.checks().isEmpty() || a.verdict() == Verdict.UNREACHABLE || a.verdict() == Verdict.NOT_TLS
                || a.verdict() == Verdict.TLS_NOT_OFFERED || a.verdict() == Verdict.INCONSISTENT || a.verdict() == Verdict.EXCLUDED) {
            return a;
        }
        StringBuilder reason = new StringBuilder(a.reason());
        reason.append(a.verdict() == Verdict.NO_COMMON_ALGORITHM_RISK ? ImpactReason.whoFailsAndWhoConnects(impact)
                : ImpactReason.alreadyUnreachable(impact));
        if (!impact.legacyOff().isEmpty()) {
            reason.append("; switching TLS 1.0/1.1 off breaks ").append(ClientImpact.names(
                    impact.legacyOff().stream().map(WhatIf.Loss::profile).toList(), NAMED_PROFILES));
        } else if (a.verdict() == Verdict.LEGACY_ENABLED) {
            reason.append("; no client profile loses access when TLS 1.0/1.1 are switched off");
        }
        return assessment(a.verdict(), reason.toString(), a.findings());
    }

    /** The scan's verdict, with the anonymous suites it accepts named after the reason. */
    private static Assessment assessScan(TargetResult r, List<Finding> findings) {
        Assessment a = verdictOfScan(r, findings);
        List<CipherSuite> anonymous = r.protocols().stream().flatMap(p -> p.cipherSuites().stream())
                .filter(s -> s.weaknesses().contains(Weakness.ANONYMOUS)).distinct().toList();
        return anonymous.isEmpty() || a.verdict() == Verdict.INCONSISTENT ? a : assessment(a.verdict(), a.reason()
                + "; accepts anonymous suites " + named(anonymous) + ": no server authentication", findings);
    }

    private static Assessment verdictOfScan(TargetResult r, List<Finding> findings) {
        if (r.status() == ScanStatus.INCONSISTENT) {
            return inconsistent(r, findings);
        }
        if (r.protocols().isEmpty()) {
            return notServing(r, findings);
        }
        ProtocolVersion best = r.protocols().get(r.protocols().size() - 1).version();
        if (!best.atLeast(ProtocolVersion.TLSv1_2)) {
            return assessment(Verdict.BREAKS_WITHOUT_LEGACY, "best version is " + best.displayName() + " (accepted: "
                    + versions(r.protocols()) + "): clients with TLS 1.0/1.1 disabled (and Microsoft 365 / Azure"
                    + " connectors) cannot connect", findings);
        }
        List<ProtocolSupport> modern = r.protocols().stream()
                .filter(p -> p.version().atLeast(ProtocolVersion.TLSv1_2)).toList();
        if (onlyLegacyAlgorithms(modern)) {
            return noCommonAlgorithm(modern, findings);
        }
        List<ProtocolSupport> legacy = r.protocols().stream()
                .filter(p -> !p.version().atLeast(ProtocolVersion.TLSv1_2)).toList();
        if (!legacy.isEmpty()) {
            return assessment(Verdict.LEGACY_ENABLED, "TLS 1.2+ works (" + versions(modern) + "), but "
                    + versions(legacy) + " still accepted: a candidate for disabling once no legacy client"
                    + " depends on it", findings);
        }
        return assessment(Verdict.READY, "TLS 1.2+ only (" + versions(modern) + ") with suites modern clients offer",
                findings);
    }

    private static Assessment notServing(TargetResult r, List<Finding> findings) {
        String symptom = r.failure().map(f -> symptom(f, r.target().prelude())).orElse("");
        String failure = r.failure().map(f -> f.kind().label() + ": " + f.detail()).orElse("no answer");
        return switch (r.status()) {
            case NOT_TLS -> assessment(Verdict.NOT_TLS, failure + symptom, findings);
            case TLS_NOT_OFFERED -> assessment(Verdict.TLS_NOT_OFFERED, withoutTls(r, failure)
                    + r.failure().map(f -> requiringTls(f, r.target().prelude())).orElse(""), findings);
            case EXCLUDED -> assessment(Verdict.EXCLUDED, "not scanned: "
                    + r.failure().map(Failure::detail).orElse("out of scope"), findings);
            case SNI_REQUIRED -> assessment(Verdict.UNREACHABLE, "answers only with the right SNI name"
                    + " (unrecognized_name without it): scan again with sni=NAME" + symptom, findings);
            case REJECTED -> assessment(Verdict.UNREACHABLE, rejected(r.failure()) + " (" + failure + ")" + symptom,
                    findings);
            default -> assessment(Verdict.UNREACHABLE, failure + symptom, findings);
        };
    }

    /**
     * "rdp: standard RDP security only: no TLS to retire, its clients connect without TLS (prelude-tls-not-offered:
     * ...)": what the service said, in the prelude's words where it has them, then the failure as seen.
     */
    private static String withoutTls(TargetResult r, String failure) {
        String said = r.prelude().flatMap(p -> p.withoutTls().map(why -> p.protocol() + ": " + why))
                .orElse("the service offers no TLS");
        return said + ": no TLS to retire, its clients connect without TLS (" + failure + ")";
    }

    /**
     * What a server that accepted nothing did, in the words its failure kind says: a refusal (an alert, a lower
     * version) is a TLS server saying no; a garbled or impossible reply is not a refusal.
     */
    private static String rejected(Optional<Failure> failure) {
        FailureKind kind = failure.map(Failure::kind).orElse(FailureKind.READ_TIMEOUT);
        return switch (kind) {
            case MALFORMED_REPLY -> "answers hellos, but not with well-formed TLS: no version or suite could be"
                    + " read from its replies";
            case UNOFFERED_CHOICE -> "answers hellos with choices tlsweep never offered: a broken TLS stack or a"
                    + " middlebox, no version or suite could be established";
            default -> kind.serverSaidNo()
                    ? "a TLS server, but it accepted none of the versions and suites tlsweep offered"
                    : "no hello got an answer a version could be read from";
        };
    }

    /**
     * "answers contradict each other and asking again did not settle it: TLSv1.2 suites: reset-before-reply ×4
     * in 4 attempts, against ... (3 hellos); seen: TLSv1.2 (3 suites); 9 client profiles connected (TLSv1.2)":
     * the evidence, then what was seen, never a verdict built on it.
     */
    private static Assessment inconsistent(TargetResult r, List<Finding> findings) {
        Map<String, Long> alike = r.inconsistencies().stream().map(Object::toString)
                .collect(Collectors.groupingBy(s -> s, LinkedHashMap::new, Collectors.counting()));
        String evidence = alike.entrySet().stream().limit(NAMED_INCONSISTENCIES)
                .map(e -> e.getKey() + (e.getValue() > 1 ? " (" + e.getValue() + " hellos)" : ""))
                .collect(Collectors.joining("; "));
        int more = alike.size() - NAMED_INCONSISTENCIES;
        String seen = r.protocols().isEmpty() ? "no version accepted" : r.protocols().stream()
                .map(p -> p.version().displayName() + " (" + p.cipherSuites().size() + " suite"
                        + (p.cipherSuites().size() == 1 ? "" : "s") + ")").collect(Collectors.joining(", "));
        List<ProfileOutcome> connected = r.profileHellos().values().stream().filter(ProfileOutcome::connects).toList();
        String profiles = connected.isEmpty() ? "" : "; " + connected.size() + " client profile"
                + (connected.size() == 1 ? "" : "s") + " connected (" + connected.stream()
                .map(o -> o.version().orElseThrow().displayName()).distinct().collect(Collectors.joining(", ")) + ")";
        return assessment(Verdict.INCONSISTENT, "answers contradict each other and asking again did not settle it: "
                + evidence + (more > 0 ? "; and " + more + " more" : "") + "; seen: " + seen + profiles, findings);
    }

    /** "; a client that requires TLS shows SmtpException "Server does not support secure connections."", if known. */
    private static String requiringTls(Failure f, Optional<String> protocol) {
        WindowsSymptom w = f.windowsSymptom(protocol);
        return w.code().isEmpty() ? "" : "; a Windows client that requires TLS shows " + w.code() + " \"" + w.text()
                + "\"";
    }

    private static String symptom(Failure f, Optional<String> protocol) {
        WindowsSymptom w = f.windowsSymptom(protocol);
        return w.code().isEmpty() && w.dotNet().isEmpty() ? ""
                : "; Windows clients see " + (w.code().isEmpty() ? "" : w.code() + " ") + "\"" + w.text() + "\"";
    }

    /** TLS 1.2 or later is there, but no suite of it is one a strong-crypto client still offers. */
    private static boolean onlyLegacyAlgorithms(List<ProtocolSupport> modern) {
        List<CipherSuite> suites = modern.stream().flatMap(p -> p.cipherSuites().stream()).toList();
        return !suites.isEmpty() && suites.stream().allMatch(Findings::legacyOnly);
    }

    /**
     * "TLSv1.2 accepts only A, B (3des/rc4) and no suite without a legacy weakness": what is accepted, not who
     * fails; the client profiles, when predicted, add that ({@link ImpactReason#whoFailsAndWhoConnects}).
     */
    private static Assessment noCommonAlgorithm(List<ProtocolSupport> modern, List<Finding> findings) {
        String accepted = modern.stream().filter(p -> !p.cipherSuites().isEmpty())
                .map(p -> p.version().displayName() + " accepts only " + named(p.cipherSuites()))
                .collect(Collectors.joining("; "));
        String classes = modern.stream().flatMap(p -> p.cipherSuites().stream())
                .flatMap(s -> s.weaknesses().stream()).filter(Findings.LEGACY_ONLY::contains).distinct().sorted()
                .map(Weakness::label).collect(Collectors.joining("/"));
        return assessment(Verdict.NO_COMMON_ALGORITHM_RISK, accepted + " (" + classes + ") and no suite without a"
                + " legacy weakness", findings);
    }

    private static String named(List<CipherSuite> suites) {
        String named = Findings.names(suites.stream().limit(NAMED_SUITES).toList());
        return suites.size() <= NAMED_SUITES ? named : named + " and " + (suites.size() - NAMED_SUITES) + " more";
    }

    private static String versions(List<ProtocolSupport> protocols) {
        return protocols.stream().map(p -> p.version().displayName()).collect(Collectors.joining(", "));
    }

    /** Line breaks from failure details (server bytes, exception text) never reach a reason. */
    private static Assessment assessment(Verdict verdict, String reason, List<Finding> findings) {
        return new Assessment(verdict, reason.replaceAll("\\s*[\\r\\n]+\\s*", " "), findings);
    }
}
