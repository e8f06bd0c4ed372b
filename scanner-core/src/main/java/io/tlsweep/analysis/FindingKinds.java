package io.tlsweep.analysis;

import io.tlsweep.cert.CertificateFinding;
import io.tlsweep.check.Checks;
import io.tlsweep.result.FindingKind;
import io.tlsweep.result.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one findings taxonomy: every kind of finding a run can report, each with its label and title. tlsweep's
 * own scan rules, what a prelude tells of the service (no TLS, plain-text logins before it), the disagreements of the real-stack handshake and of the client profiles' own hellos, the
 * certificate findings, then what the run's checks contribute; no two share a label.
 */
public final class FindingKinds {
    private static final Map<CertificateFinding, FindingKind> CERTIFICATE = new EnumMap<>(CertificateFinding.class);

    static {
        for (CertificateFinding f : CertificateFinding.values()) {
            CERTIFICATE.put(f, FindingKind.of(f.label(), f.title(), severity(f)));
        }
    }

    private FindingKinds() {
    }

    /**
     * How much a certificate problem weighs: high where clients that validate refuse the connection (or a man in the
     * middle can stand in: a weak key), medium where some do or soon will, or where no certificate to judge was
     * seen; a self-signed leaf is medium, as internal services often use one on purpose.
     */
    static Severity severity(CertificateFinding f) {
        return switch (f) {
            case EXPIRED, NOT_YET_VALID, UNTRUSTED, NAME_MISMATCH, WEAK_KEY, SHA1_SIGNATURE -> Severity.HIGH;
            case NO_CERTIFICATE, UNPARSEABLE, EXPIRING_SOON, SELF_SIGNED, INCOMPLETE_CHAIN -> Severity.MEDIUM;
        };
    }

    /** The kind a certificate problem is reported as. */
    public static FindingKind of(CertificateFinding f) {
        return CERTIFICATE.get(f);
    }

    /**
     * Every kind a run with {@code checks} can report, in the order findings are listed.
     *
     * @throws IllegalStateException when a check contributes a label tlsweep's own kinds already use
     */
    public static List<FindingKind> all(Checks checks) {
        List<FindingKind> all = new ArrayList<>(FindingKind.SCAN_RULES);
        all.addAll(FindingKind.PRELUDE_RULES);
        all.add(FindingKind.REAL_STACK_DISAGREES);
        all.add(FindingKind.PROFILE_DISAGREES);
        all.addAll(CERTIFICATE.values());
        Set<String> labels = new HashSet<>();
        all.forEach(k -> labels.add(k.label()));
        for (FindingKind k : checks.kinds()) {
            if (!labels.add(k.label())) {
                throw new IllegalStateException("a check contributes the finding '" + k.label()
                        + "', which is tlsweep's own");
            }
            all.add(k);
        }
        return List.copyOf(all);
    }

    /** The kind with {@code label} among those of a run with {@code checks}. */
    public static Optional<FindingKind> byLabel(String label, Checks checks) {
        return all(checks).stream().filter(k -> k.label().equals(label)).findFirst();
    }
}
