package io.tlsweep.analysis;

import io.tlsweep.result.Failure;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.TargetResult;
import io.tlsweep.result.WindowsSymptom;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.result.FailureKind;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The readiness verdict: what happens to this endpoint's clients when TLS 1.0 and 1.1 are switched off.
 * Pure: a function of the scan result, one rule after the other, most urgent first.
 */
public final class Readiness {
    private static final List<ProtocolVersion> LEGACY = List.of(ProtocolVersion.SSLv3, ProtocolVersion.TLSv1_0,
            ProtocolVersion.TLSv1_1);

    private Readiness() {
    }

    public static Assessment assess(TargetResult r) {
        List<Finding> findings = Findings.of(r);
        if (r.protocols().isEmpty()) {
            return notServing(r, findings);
        }
        ProtocolVersion best = r.protocols().get(r.protocols().size() - 1).version();
        String legacy = r.protocols().stream().map(ProtocolSupport::version).filter(LEGACY::contains)
                .map(ProtocolVersion::displayName).collect(Collectors.joining(", "));
        if (best.compareTo(ProtocolVersion.TLSv1_2) < 0) {
            return new Assessment(Verdict.BREAKS_WITHOUT_LEGACY, "best version is " + best.displayName()
                    + ": clients with TLS 1.0/1.1 disabled (and Microsoft 365 / Azure connectors) cannot connect",
                    findings);
        }
        if (onlyLegacyAlgorithmsFromTls12(r)) {
            WindowsSymptom usual = WindowsSymptom.of(FailureKind.ALERT, AlertDescription.HANDSHAKE_FAILURE);
            WindowsSymptom strict = WindowsSymptom.of(FailureKind.ALERT, AlertDescription.INSUFFICIENT_SECURITY);
            return new Assessment(Verdict.NO_COMMON_ALGORITHM_RISK, "TLS 1.2 is accepted only with "
                    + weakClasses(r) + " suites, which strong-crypto clients no longer offer: they fail with "
                    + usual.code() + " \"" + usual.text() + "\" (or " + strict.code() + " \"" + strict.text()
                    + "\" when the server answers insufficient_security)", findings);
        }
        if (!legacy.isEmpty()) {
            return new Assessment(Verdict.LEGACY_ENABLED, "TLS 1.2+ works, but " + legacy + " still accepted:"
                    + " a candidate for disabling once no legacy client depends on it", findings);
        }
        return new Assessment(Verdict.READY, "TLS 1.2+ only (" + r.protocols().stream()
                .map(p -> p.version().displayName()).collect(Collectors.joining(", "))
                + ") with suites modern clients offer", findings);
    }

    private static Assessment notServing(TargetResult r, List<Finding> findings) {
        String symptom = r.failure().map(Readiness::symptom).orElse("");
        String failure = r.failure().map(f -> f.kind().label() + ": " + f.detail()).orElse("no answer");
        return switch (r.status()) {
            case NOT_TLS -> new Assessment(Verdict.NOT_TLS, failure + symptom, findings);
            case SNI_REQUIRED -> new Assessment(Verdict.UNREACHABLE, "answers only with the right SNI name"
                    + " (unrecognized_name without it): scan again with sni=NAME" + symptom, findings);
            case REJECTED -> new Assessment(Verdict.UNREACHABLE, "a TLS server, but it accepted none of the"
                    + " versions and suites tlsweep offered (" + failure + ")" + symptom, findings);
            default -> new Assessment(Verdict.UNREACHABLE, failure + symptom, findings);
        };
    }

    private static String symptom(Failure f) {
        WindowsSymptom w = f.windowsSymptom();
        return w.code().isEmpty() && w.dotNet().isEmpty() ? ""
                : "; Windows clients see " + (w.code().isEmpty() ? "" : w.code() + " ") + "\"" + w.text() + "\"";
    }

    /** TLS 1.2 or later is there, but no suite of it is one a strong-crypto client still offers. */
    private static boolean onlyLegacyAlgorithmsFromTls12(TargetResult r) {
        List<CipherSuite> modern = r.protocols().stream()
                .filter(p -> p.version().atLeast(ProtocolVersion.TLSv1_2))
                .flatMap(p -> p.cipherSuites().stream()).toList();
        return !modern.isEmpty() && modern.stream().allMatch(Findings::legacyOnly);
    }

    private static String weakClasses(TargetResult r) {
        return r.protocols().stream().filter(p -> p.version().atLeast(ProtocolVersion.TLSv1_2))
                .flatMap(p -> p.cipherSuites().stream()).flatMap(s -> s.weaknesses().stream())
                .filter(Findings.LEGACY_ONLY::contains).distinct().sorted()
                .map(Findings::label).collect(Collectors.joining("/"));
    }
}
