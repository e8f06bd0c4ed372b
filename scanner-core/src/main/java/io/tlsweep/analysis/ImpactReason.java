package io.tlsweep.analysis;

import io.tlsweep.profile.ClientMessage;
import io.tlsweep.profile.ClientProfile;
import io.tlsweep.result.ProfileOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The parts of a verdict's reason drawn from the client profiles' predictions (or their own hellos where nothing
 * was predicted): who fails today and with what message, who connects and with which suite. A reason claims of
 * a client only what its check says.
 */
final class ImpactReason {
    /** Profiles named in one group before the rest are counted ("and 3 more"). */
    private static final int NAMED_PROFILES = 4;

    /** Groups (one message, one suite) named before the rest are counted. */
    private static final int NAMED_GROUPS = 3;

    private ImpactReason() {
    }

    /** "; already unreachable for: A, B and 3 more (they fail today, before any change)", or "" when none fail. */
    static String alreadyUnreachable(ClientImpact impact) {
        List<ProfileCheck> failing = impact.failingToday();
        return failing.isEmpty() ? "" : "; already unreachable for: " + ClientImpact.names(
                failing.stream().map(ProfileCheck::profile).toList(), NAMED_PROFILES)
                + " (they fail today, before any change)";
    }

    /**
     * "; fails today: Java 17 with "javax.net.ssl.SSLHandshakeException ..."; connects today: Windows 10, WinHTTP
     * with TLS_RSA_WITH_3DES_EDE_CBC_SHA (TLSv1.2)": each failure's message once, each suite once.
     */
    static String whoFailsAndWhoConnects(ClientImpact impact) {
        List<ProfileCheck> failing = impact.failingToday();
        List<ProfileCheck> connecting = impact.checks().stream().filter(c -> c.effective().connects()).toList();
        String fails = failing.isEmpty() ? "no client profile fails today"
                : "fails today: " + groups(failing, c -> c.message().map(ClientMessage::oneLine).orElse(""),
                        message -> message.isEmpty() ? "" : " with \"" + message + "\"");
        String connects = connecting.isEmpty() ? "no client profile connects today"
                : "connects today: " + groups(connecting, ImpactReason::suite, suite -> " with " + suite);
        return "; " + fails + "; " + connects;
    }

    private static String suite(ProfileCheck c) {
        ProfileOutcome o = c.effective();
        return o.suite().orElseThrow().ianaName() + o.version().map(v -> " (" + v.displayName() + ")").orElse("");
    }

    /** The checks grouped by {@code key} in first-seen order: "A, B with K1; C with K2; and 4 more". */
    private static String groups(List<ProfileCheck> checks, Function<ProfileCheck, String> key,
            Function<String, String> shown) {
        Map<String, List<ClientProfile>> byKey = new LinkedHashMap<>();
        for (ProfileCheck c : checks) {
            byKey.computeIfAbsent(key.apply(c), k -> new ArrayList<>()).add(c.profile());
        }
        List<String> parts = new ArrayList<>();
        int left = checks.size();
        for (Map.Entry<String, List<ClientProfile>> e : byKey.entrySet()) {
            if (parts.size() == NAMED_GROUPS) {
                parts.add("and " + left + " more");
                break;
            }
            parts.add(ClientImpact.names(e.getValue(), NAMED_PROFILES) + shown.apply(e.getKey()));
            left -= e.getValue().size();
        }
        return String.join("; ", parts);
    }
}
