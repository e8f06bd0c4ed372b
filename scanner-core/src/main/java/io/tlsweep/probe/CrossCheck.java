package io.tlsweep.probe;

import io.tlsweep.result.ProfileOutcome;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.ProtocolVersion;
import java.util.List;
import java.util.Optional;

/**
 * The scan held against the profile hellos: a profile whose own hello connected with a version and suite the scan
 * did not find, where the scan took a lost answer for the server's refusal of that version, shows the endpoint
 * loses answers, and the version is probed again. (Where the scan's refusals were all real answers, the profile's
 * prediction disagrees instead, a finding.) The other way round: a profile hello whose lost answers stood as the
 * server's refusal, though it offers a suite the scan found accepted in the newest version both have, was not
 * refused either; it is sent again.
 */
final class CrossCheck {
    private CrossCheck() {
    }

    static void against(TargetScan scan, ProfileProbe profiles, LostAnswers losses) {
        profiles.observed().forEach((id, o) -> {
            if (refusedOnLostAnswers(scan, o)) {
                String what = "profile " + id + " connected with " + o.version().get() + " "
                        + o.suite().get().ianaName();
                losses.seen(what + ", which the scan took as refused after lost answers");
                scan.probeAgain(o.version().get(), what + " where the scan had only lost answers");
            }
        });
        List<ProtocolSupport> accepted = scan.accepted();
        List<String> again = profiles.askAgain(hello -> chosenElsewhere(hello, accepted).isPresent());
        if (!again.isEmpty()) {
            losses.seen(again.get(0) + ": lost answers stood as a refusal, though the scan found "
                    + accepted.get(accepted.size() - 1).version() + " accepting a suite it offers");
        }
    }

    /** The newest version both the hello and the scan have, when the scan found it accepting a suite offered. */
    private static Optional<ProtocolSupport> chosenElsewhere(ClientHelloSpec hello, List<ProtocolSupport> accepted) {
        for (int i = accepted.size() - 1; i >= 0; i--) {
            ProtocolSupport p = accepted.get(i);
            boolean offered = hello.supportedVersions().isEmpty()
                    ? p.version().compareTo(hello.clientVersion()) <= 0 && !p.version().equals(ProtocolVersion.TLSv1_3)
                    : hello.supportedVersions().contains(p.version());
            if (offered) {
                return hello.cipherSuites().stream().anyMatch(p.cipherSuites()::contains) ? Optional.of(p)
                        : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean refusedOnLostAnswers(TargetScan scan, ProfileOutcome o) {
        return o.connects() && scan.tookLostAnswer(o.version().orElseThrow())
                && !scan.accepts(o.version().orElseThrow(), o.suite().orElseThrow());
    }
}
