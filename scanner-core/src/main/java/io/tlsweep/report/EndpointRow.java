package io.tlsweep.report;

import io.tlsweep.advice.CertificateMark;
import io.tlsweep.analysis.Verdict;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.WindowsSymptom;
import io.tlsweep.wire.AlertDescription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One endpoint as the HTML tables show it, kept only for the endpoints that need attention.
 *
 * @param target the target as written, and what is said before TLS on it ("mx.example:25 (smtp, STARTTLS)")
 * @param windows what a Windows client shows: the recorded failure's symptom, else the one expected when
 *     TLS 1.0/1.1 are switched off on the client (see {@link #expectedSymptom})
 * @param windowsExpected whether {@code windows} is expected rather than recorded
 * @param tls13 what the scan's TLS 1.3 flight showed ({@link Tls13FlightJson#describe()}), empty without one
 * @param findings the labels of the endpoint's findings, each once
 * @param losing what the client profiles that lose the endpoint when TLS 1.0/1.1 go will show, each message once
 *     with who shows it, in the words of the loss tables ({@link ProfileTally#shown}); where none loses it, what
 *     those failing today show, marked "(fails today)"; empty without profiles
 * @param certificateMark the certificate's problems in a few words ("⚠ cert: expired"), empty without any
 * @param certificateMarkTitle what each of those problems means, empty without any
 * @param nextSteps what to change on the endpoint, and where ({@link LineAdvice})
 */
public record EndpointRow(String target, int port, String sni, String verdict, List<String> versions, String best,
        String reason, WindowsSymptom windows, boolean windowsExpected, String certificate, String tls13,
        String notes, List<String> findings, List<String> losing, String certificateMark, String certificateMarkTitle,
        List<NextStepJson> nextSteps) {

    /** Clients named beside a message before the rest are counted. */
    private static final int NAMED_CLIENTS = 3;

    static EndpointRow of(EndpointFacts e) {
        ResultJson r = e.result();
        boolean recorded = !e.windows().code().isEmpty() || !e.windows().text().isEmpty();
        WindowsSymptom w = recorded ? e.windows() : expectedSymptom(r.verdict());
        String certificate = LeafCertificate.of(r.certificates())
                .map(c -> c.subject() + " (until " + c.notAfter() + ")").orElse("");
        String prelude = EndpointFacts.preludeShown(r);
        String target = EndpointFacts.nonNull(r.target()) + (prelude.isEmpty() ? "" : " (" + prelude + ")");
        return new EndpointRow(target, r.port(), EndpointFacts.nonNull(r.sni()), EndpointFacts.nonNull(r.verdict()),
                e.versions(), e.best(), EndpointFacts.nonNull(r.reason()), w, !recorded && !w.code().isEmpty(),
                certificate, r.tls13() == null ? "" : r.tls13().describe(), e.notesJoined(), e.findings(), losing(r),
                LineAdvice.markText(r),
                LineAdvice.mark(r).map(CertificateMark::titles).orElse(""), LineAdvice.of(r));
    }

    /** "0x80090302 The function requested is not supported: Windows 7, Windows 8, Java 8 and 5 more"; for an
     * endpoint no client loses, what those that fail today show, each message once. */
    private static List<String> losing(ResultJson r) {
        Map<String, List<String>> byMessage = new LinkedHashMap<>();
        if (r.legacyOff() != null && r.legacyOff().loses() != null && !r.legacyOff().loses().isEmpty()) {
            r.legacyOff().loses().stream().filter(Objects::nonNull).forEach(l -> byMessage
                    .computeIfAbsent(ProfileTally.shown(l), k -> new ArrayList<>()).add(EndpointFacts.nonNull(l.name())));
        } else if (r.profiles() != null) {
            // nothing to lose (an endpoint already out of their reach): what the clients that fail today show
            r.profiles().stream().filter(Objects::nonNull).filter(p -> p.message() != null
                    && !ProfileTally.effective(p).connects()).forEach(p -> byMessage.computeIfAbsent(
                            p.message().oneLine() + " (fails today)", k -> new ArrayList<>())
                    .add(EndpointFacts.nonNull(p.name())));
        }
        return byMessage.entrySet().stream().map(e -> e.getKey() + ": " + String.join(", ", e.getValue().stream()
                .limit(NAMED_CLIENTS).toList()) + (e.getValue().size() > NAMED_CLIENTS ? " and "
                + (e.getValue().size() - NAMED_CLIENTS) + " more" : "")).toList();
    }

    /**
     * A server whose best version is below TLS 1.2 is expected to answer a TLS 1.2-only hello with a
     * protocol_version alert (RFC 5246 appendix E.1); one with only legacy suites, with handshake_failure.
     */
    static WindowsSymptom expectedSymptom(String verdict) {
        if (Verdict.BREAKS_WITHOUT_LEGACY.label().equals(verdict)) {
            return WindowsSymptom.of(FailureKind.ALERT, AlertDescription.PROTOCOL_VERSION);
        }
        if (Verdict.NO_COMMON_ALGORITHM_RISK.label().equals(verdict)) {
            return WindowsSymptom.of(FailureKind.ALERT, AlertDescription.HANDSHAKE_FAILURE);
        }
        return new WindowsSymptom("", "", "", "");
    }
}
