package io.tlsweep.report;

import io.tlsweep.advice.CertificateMark;
import io.tlsweep.advice.NextSteps;
import io.tlsweep.advice.SoftwareGuess;
import io.tlsweep.analysis.Verdict;
import io.tlsweep.report.ResultJson.ProtocolJson;
import io.tlsweep.report.ResultJson.SuiteJson;
import io.tlsweep.text.Labels;
import io.tlsweep.wire.CipherSuite;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a result line says to do and of its certificate, drawn from the line alone (its verdict, the versions and
 * suites it accepted, what was said before TLS, the HTTP {@code Server} header its http-auth check kept, its
 * findings), so a line written before next steps existed gets them in a rebuilt report just as a new one.
 */
final class LineAdvice {
    private static final Labels<Verdict> VERDICTS = Labels.of(Verdict.class);
    /** The prelude field that holds the service's greeting. */
    static final String BANNER = "banner";
    /** The check whose part may hold the web server's {@code Server} header. */
    static final String HTTP_AUTH = "http-auth";

    private LineAdvice() {
    }

    /** The line's next steps: those it carries, else those drawn from it. */
    static List<NextStepJson> of(ResultJson r) {
        return r.nextSteps() != null ? r.nextSteps() : derived(r);
    }

    /** The next steps drawn from the line's facts; empty for a verdict this build does not know. */
    static List<NextStepJson> derived(ResultJson r) {
        Optional<Verdict> verdict = r.verdict() == null ? Optional.empty() : VERDICTS.find(r.verdict());
        if (verdict.isEmpty()) {
            return List.of();
        }
        List<String> versions = new ArrayList<>();
        List<CipherSuite> suites = new ArrayList<>();
        for (ProtocolJson p : EndpointFacts.protocols(r)) {
            versions.add(p.version());
            if (p.cipherSuites() != null) {
                p.cipherSuites().stream().map(LineAdvice::suite).flatMap(Optional::stream).forEach(suites::add);
            }
        }
        Optional<String> banner = r.prelude() == null ? Optional.empty()
                : Optional.ofNullable(r.prelude().get(BANNER)).filter(String.class::isInstance).map(String.class::cast);
        return NextSteps.of(verdict.get(), versions, suites, SoftwareGuess.of(r.preludeProtocol(), banner,
                httpServer(r))).stream().map(NextStepJson::of).toList();
    }

    /** The {@code Server} header the http-auth check kept ({@code checks.http-auth}'s {@code server}), if any. */
    static Optional<String> httpServer(ResultJson r) {
        CheckJson check = r.checks() == null ? null : r.checks().get(HTTP_AUTH);
        if (check == null || check.part() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(check.part().path("server").textValue());
    }

    /** The certificate mark of the line's findings, if it has certificate problems. */
    static Optional<CertificateMark> mark(ResultJson r) {
        return r.findings() == null ? Optional.empty() : CertificateMark.of(r.findings().stream()
                .filter(f -> f != null && f.kind() != null).map(ResultJson.FindingJson::kind).toList());
    }

    /** "⚠ cert: expired" or empty. */
    static String markText(ResultJson r) {
        return mark(r).map(CertificateMark::text).orElse("");
    }

    private static Optional<CipherSuite> suite(SuiteJson s) {
        if (s == null) {
            return Optional.empty();
        }
        if (s.code() != null) {
            try {
                return Optional.of(CipherSuite.of(Integer.decode(s.code())));
            } catch (IllegalArgumentException notACode) {
                // a hand-edited line: the name may still say which suite
            }
        }
        return s.name() == null ? Optional.empty() : CipherSuite.byName(s.name());
    }
}
