package io.tlsweep.analysis;

import io.tlsweep.check.Check;
import io.tlsweep.result.Confirmation;
import io.tlsweep.result.Finding;
import io.tlsweep.result.FindingKind;
import io.tlsweep.result.PreludeFacts;
import io.tlsweep.result.TargetResult;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every finding on one endpoint, drawn once all its facts are in, in the taxonomy's order ({@link FindingKinds}):
 * the scan rules, what the prelude tells of the service, a real-stack handshake that disagreed with the scan, client profiles whose own hello got
 * something other than predicted, the certificate's problems, then each check's findings on its part.
 */
final class EndpointFindings {
    private EndpointFindings() {
    }

    static List<Finding> of(Evidence e) {
        List<Finding> found = new ArrayList<>(Findings.of(e.result()));
        e.result().prelude().ifPresent(p -> found.addAll(ofPrelude(p)));
        String disagreements = Stream.concat(e.confirmation().stream(), e.perVersion().stream())
                .filter(c -> c.outcome() == Confirmation.Outcome.DISAGREED).map(Confirmation::detail).distinct()
                .collect(Collectors.joining("; "));
        if (!disagreements.isEmpty()) {
            found.add(new Finding(FindingKind.REAL_STACK_DISAGREES, disagreements));
        }
        String profiles = e.impact().disagreements().stream().map(ProfileCheck::disagreement)
                .collect(Collectors.joining("; "));
        if (!profiles.isEmpty()) {
            found.add(new Finding(FindingKind.PROFILE_DISAGREES, profiles));
        }
        e.certificate().ifPresent(c -> c.findings().forEach(p -> found.add(new Finding(FindingKinds.of(p.finding()),
                p.detail()))));
        for (Check<?> check : e.checks().all()) {
            found.addAll(ofCheck(check, e.result()));
        }
        return found;
    }

    /** What the prelude tells of the service: no TLS, or a plain-text login offered before it. */
    static List<Finding> ofPrelude(PreludeFacts p) {
        List<Finding> found = new ArrayList<>();
        p.withoutTls().ifPresent(why -> found.add(new Finding(FindingKind.SERVICE_WITHOUT_TLS,
                p.protocol() + ": " + why)));
        if (!p.plainTextAuthBeforeTls().isEmpty()) {
            found.add(new Finding(FindingKind.PLAIN_TEXT_AUTH_BEFORE_TLS, p.protocol() + " offers "
                    + String.join(", ", p.plainTextAuthBeforeTls()) + " before TLS"));
        }
        return found;
    }

    private static <P> List<Finding> ofCheck(Check<P> check, TargetResult r) {
        List<Finding> found = check.part(r).map(p -> check.findings(p, r)).orElse(List.of());
        for (Finding f : found) {
            if (!check.kinds().contains(f.kind())) {
                throw new IllegalStateException("check " + check.id() + " raised '" + f.kind()
                        + "', which is not one of its kinds " + check.kinds());
            }
        }
        return found;
    }
}
