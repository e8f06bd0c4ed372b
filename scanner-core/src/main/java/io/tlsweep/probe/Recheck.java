package io.tlsweep.probe;

import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.FailureKind;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cheap nightly check of an endpoint against its baseline, all hellos at once: per accepted version, one
 * hello offering every candidate suite the baseline did <em>not</em> find accepted (expects a refusal), and one
 * hello offering the baseline's suites in the baseline's order (expects the same first choice, and the same
 * leaf certificate), at the newest version whose first flight shows the certificate (TLS 1.2 or older when the
 * endpoint has one, else TLS 1.3). That is at most (accepted versions + 1) connections. With {@code legacyWatch}, when the baseline's
 * oldest version is above TLS 1.0, one more hello offers the version just below it (a server picks the highest
 * version it accepts up to the one offered, so TLS 1.0 and 1.1 coming back are both seen) and expects a
 * refusal. Anything else (an answer where a refusal was expected, another choice, silence) marks the endpoint
 * changed: the caller scans it in full.
 */
public final class Recheck implements ProbePlan {
    private record Expectation(String what, ProtocolVersion version, Optional<CipherSuite> firstChoice,
            Optional<String> leafSha256) {
    }

    private final List<ProbeStep> steps = new ArrayList<>();
    private final Map<Integer, Expectation> outstanding = new LinkedHashMap<>();
    private final List<String> differences = new ArrayList<>();
    private boolean sent;

    /** @param firstId the first step id, so these steps never collide with another plan's */
    public Recheck(Baseline baseline, Optional<String> sni, boolean legacyWatch, int firstId) {
        int id = firstId;
        for (Baseline.Version v : baseline.versions()) {
            Set<CipherSuite> accepted = new HashSet<>(v.suites());
            List<CipherSuite> others = SuiteEnumeration.candidates(v.version()).stream()
                    .filter(s -> !accepted.contains(s)).toList();
            if (!others.isEmpty()) {
                add(id++, new Expectation(v.version() + ": the " + others.size() + " suites not accepted before",
                        v.version(), Optional.empty(), Optional.empty()), hello(v.version(), others, sni));
            }
        }
        Baseline.Version best = baseline.bestShowingCertificate();
        add(id++, new Expectation(best.version() + ": the baseline's suites in its order", best.version(),
                Optional.of(best.suites().get(0)), best.version().equals(ProtocolVersion.TLSv1_3) ? Optional.empty()
                        : baseline.leafSha256()), hello(best.version(), best.suites(), sni));
        if (legacyWatch && baseline.lowest().compareTo(ProtocolVersion.TLSv1_0) > 0) {
            ProtocolVersion below = baseline.lowest().equals(ProtocolVersion.TLSv1_1) ? ProtocolVersion.TLSv1_0
                    : ProtocolVersion.TLSv1_1;
            add(id, new Expectation(below + " and older (off before)", below, Optional.empty(), Optional.empty()),
                    hello(below, SuiteEnumeration.candidates(below), sni));
        }
    }

    private static ClientHelloSpec hello(ProtocolVersion v, List<CipherSuite> suites, Optional<String> sni) {
        return HelloTemplates.hello(v, suites, v.equals(ProtocolVersion.TLSv1_3) ? HelloTemplates.TLS13_GROUPS
                : HelloTemplates.LEGACY_GROUPS, sni, HelloTemplates.KeyShareMode.EMPTY);
    }

    private void add(int id, Expectation e, ClientHelloSpec hello) {
        steps.add(new ProbeStep(id, "recheck " + e.what(), hello));
        outstanding.put(id, e);
    }

    @Override
    public List<ProbeStep> ready() {
        if (sent) {
            return List.of();
        }
        sent = true;
        return List.copyOf(steps);
    }

    @Override
    public void complete(ProbeStep step, ConnectionOutcome outcome) {
        Expectation e = outstanding.remove(step.id());
        if (e == null) {
            throw new IllegalStateException("outcome for a step this plan did not hand out: " + step.id());
        }
        Reading read = OutcomeReader.read(step.hello(), e.version(), outcome);
        Reading r = read instanceof Reading.Lost lost ? lost.standing() : read;
        if (e.firstChoice().isPresent()) {
            if (!(r instanceof Reading.Accepted a) || !a.suite().equals(e.firstChoice().get())) {
                differences.add(e.what() + ": expected " + e.firstChoice().get().ianaName() + " first, got "
                        + describe(r));
            } else if (e.leafSha256().isPresent()) {
                Optional<String> served = a.hello().flatMap(sh -> sh.flight().certificates().stream().findFirst())
                        .map(Recheck::sha256);
                if (served.isPresent() && !served.equals(e.leafSha256())) {
                    differences.add(e.version() + ": the certificate changed (" + e.leafSha256().get()
                            .substring(0, 12) + "… → " + served.get().substring(0, 12) + "…)");
                }
            }
        } else if (!refused(r)) {
            differences.add(e.what() + ": expected a refusal, got " + describe(r));
        }
    }

    /**
     * A definite no from the server: an alert, a reset or a close. Never silence, and never a ServerHello for a
     * lower version (the version offered is gone, or an older one came back).
     */
    private static boolean refused(Reading r) {
        if (!(r instanceof Reading.Rejected x)) {
            return false;
        }
        FailureKind k = x.why().kind();
        return k == FailureKind.ALERT || k == FailureKind.RESET_BEFORE_REPLY || k == FailureKind.CLOSED_BEFORE_REPLY;
    }

    private static String sha256(byte[] der) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(der));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static String describe(Reading r) {
        if (r instanceof Reading.Accepted a) {
            return a.version() + " " + a.suite().ianaName();
        }
        if (r instanceof Reading.Rejected x) {
            return x.why().toString();
        }
        if (r instanceof Reading.Silent s) {
            return s.why().toString();
        }
        return ((Reading.Unusable) r).why().toString();
    }

    @Override
    public boolean done() {
        return sent && outstanding.isEmpty();
    }

    /** Whether every hello got what the baseline predicts (meaningful once done). */
    public boolean unchanged() {
        return done() && differences.isEmpty();
    }

    /** What differed, in words; empty when unchanged. */
    public List<String> differences() {
        return List.copyOf(differences);
    }

    public int connections() {
        return steps.size();
    }
}
