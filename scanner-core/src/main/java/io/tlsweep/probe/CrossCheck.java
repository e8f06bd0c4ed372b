package io.tlsweep.probe;

import io.tlsweep.result.ProfileOutcome;

/**
 * The scan held against the profile hellos: a profile whose own hello connected with a version and suite the scan
 * did not find, where the scan took a lost answer for the server's refusal of that version, shows the endpoint
 * loses answers, and the version is probed again. (Where the scan's refusals were all real answers, the profile's
 * prediction disagrees instead, a finding.)
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
    }

    private static boolean refusedOnLostAnswers(TargetScan scan, ProfileOutcome o) {
        return o.connects() && scan.tookLostAnswer(o.version().orElseThrow())
                && !scan.accepts(o.version().orElseThrow(), o.suite().orElseThrow());
    }
}
