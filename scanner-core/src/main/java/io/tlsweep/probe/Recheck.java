package io.tlsweep.probe;

import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PartKey;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerHello;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cheap nightly check of an endpoint against its baseline: the hellos of {@link RecheckHellos}, all at
 * once, each with the answer the baseline predicts (a ServerHello with a given version, first choice and
 * leaf certificate, or a refusal). Anything else (another version or suite, a refusal where a ServerHello
 * was predicted, an answer where a refusal was, silence) marks the endpoint changed: the caller scans it in full.
 */
public final class Recheck implements CheckPlan<Void> {
    /** The re-check's key: what it found is the result's notes (and, unchanged, the baseline's line). */
    public static final PartKey<Void> KEY = new PartKey<>("recheck", Void.class);

    private final List<ProbeStep> steps = new ArrayList<>();
    private final Map<Integer, RecheckHellos.Planned> outstanding = new LinkedHashMap<>();
    private final List<String> differences = new ArrayList<>();
    private boolean sent;

    /** @param firstId the first step id, so these steps never collide with another plan's */
    public Recheck(Baseline baseline, Optional<String> sni, boolean legacyWatch, int firstId) {
        int id = firstId;
        for (RecheckHellos.Planned p : RecheckHellos.of(baseline, sni, legacyWatch)) {
            steps.add(new ProbeStep(id, "recheck " + p.what(), p.hello()));
            outstanding.put(id++, p);
        }
    }

    /** The re-check of the context's endpoint against its baseline; empty when it has none. */
    public static Optional<Recheck> plan(PlanContext context) {
        return context.baseline().map(b -> new Recheck(b, context.sni(), context.settings().legacyWatch(),
                context.firstStepId()));
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
        RecheckHellos.Planned p = outstanding.remove(step.id());
        if (p == null) {
            throw new IllegalStateException("outcome for a step this plan did not hand out: " + step.id());
        }
        Reading r = read(step.hello(), outcome);
        if (p.expected().isEmpty()) {
            if (!refused(r)) {
                differences.add(p.what() + ": expected a refusal, got " + describe(r));
            }
            return;
        }
        RecheckHellos.Choice c = p.expected().get();
        if (!(r instanceof Reading.Accepted a) || !a.version().equals(c.version()) || !a.suite().equals(c.suite())) {
            differences.add(p.what() + ": expected " + c.version() + " " + c.suite().ianaName() + ", got "
                    + describe(r));
            return;
        }
        Optional<String> served = a.hello().flatMap(sh -> sh.flight().certificates().stream().findFirst())
                .map(Recheck::sha256);
        if (c.leafSha256().isPresent() && served.isPresent() && !served.equals(c.leafSha256())) {
            differences.add(c.version() + ": the certificate changed (" + c.leafSha256().get().substring(0, 12)
                    + "… → " + served.get().substring(0, 12) + "…)");
        }
    }

    /**
     * The outcome read against the version the server chose when it chose one the hello offered (a range hello
     * is answered with any version of its range, or an older one when the version it was for is gone), else
     * against the highest version offered.
     */
    private static Reading read(ClientHelloSpec hello, ConnectionOutcome outcome) {
        ProtocolVersion offered = hello.highestOffered();
        ProtocolVersion chosen = offered;
        if (outcome instanceof ConnectionOutcome.Replied replied && replied.response() instanceof ServerHello sh
                && sh.version().isKnown() && sh.version().compareTo(offered) <= 0) {
            chosen = sh.version();
        }
        Reading read = OutcomeReader.read(hello, chosen, outcome);
        // a re-check does not retry: a lost answer stands as what it looks like, and a difference it causes
        // sends the endpoint to a full scan, which does retry
        return read instanceof Reading.Lost lost ? lost.standing() : read;
    }

    /** A definite no from the server: an alert, a reset or a close. Never silence, and never a ServerHello. */
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

    @Override
    public int connections() {
        return steps.size();
    }

    /** Found as the baseline says: nothing else is sent, the baseline's line is carried over. */
    @Override
    public boolean endsEndpoint() {
        return unchanged();
    }
}
