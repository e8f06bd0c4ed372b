package io.tlsweep.probe;

import io.tlsweep.result.Failure;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.ProtocolVersion;
import java.util.Optional;

/**
 * The probing of one version, one hello at a time: suite enumeration, then the preference check, then
 * the groups. Lanes of different versions run side by side.
 */
final class VersionLane {
    final VersionEvidence evidence;
    private final Optional<String> sni;
    private final ScanOptions options;
    private final SuiteEnumeration enumeration;
    private Stage current;
    private Optional<ClientHelloSpec> queued;
    private int stageIndex;
    private boolean busy;
    private final boolean beside;
    private boolean groupsBeside;

    /** @param smallFirst whether its first hello fits the first smaller {@link HelloSize} step */
    VersionLane(ProtocolVersion version, Optional<String> sni, ScanOptions options, HelloSize size,
            boolean smallFirst) {
        this.evidence = new VersionEvidence(version);
        this.sni = sni;
        this.options = options;
        this.enumeration = new SuiteEnumeration(evidence, sni, !options.enumerateSuites(), size, smallFirst);
        this.beside = false;
        this.current = enumeration;
        this.queued = advance();
    }

    /** A lane running {@code groups} for {@code main}'s version beside it, into the same evidence. */
    private VersionLane(VersionLane main, GroupEnumeration groups) {
        this.evidence = main.evidence;
        this.sni = main.sni;
        this.options = main.options;
        this.enumeration = main.enumeration;
        this.beside = true;
        this.current = groups;
        this.queued = advance();
    }

    /** Forgets the groups found for this version, so they may be enumerated again. */
    void dropGroups() {
        evidence.groups.clear();
        evidence.groupsSettled = false;
        groupsBeside = false;
    }

    /**
     * The group enumeration of this version in a lane of its own, to run beside this one while its suites are
     * still being enumerated: once it accepted a suite to offer (an ECDHE suite below TLS 1.3; in TLS 1.3, once a
     * hello with an empty key_share was, or real shares were chosen), so the groups do not wait for the suite
     * list. Empty when there is none yet, or the groups were started already.
     */
    Optional<VersionLane> groupsBeside() {
        if (beside || groupsBeside || current == null || !options.enumerateGroups() || !options.enumerateSuites()) {
            return Optional.empty();
        }
        if (evidence.version.equals(ProtocolVersion.TLSv1_3) && !evidence.emptyShareAccepted
                && enumeration.keyShareMode() == HelloTemplates.KeyShareMode.EMPTY) {
            // only the first hello (real shares) was accepted: whether an empty key_share is, is not known yet
            return Optional.empty();
        }
        GroupEnumeration groups = new GroupEnumeration(evidence, sni, enumeration.keyShareMode());
        if (!groups.applicable()) {
            return Optional.empty();
        }
        groupsBeside = true;
        return Optional.of(new VersionLane(this, groups));
    }

    boolean busy() {
        return busy;
    }

    /** Whether the lane is enumerating suites (its hello offers a chunk of candidates, every group). */
    boolean enumeratingSuites() {
        return current instanceof SuiteEnumeration;
    }

    /** What the lane is asking now: "TLSv1.2 suites", "TLSv1.2 order" or "TLSv1.2 groups". */
    String step() {
        String what = current instanceof PreferenceCheck ? "order" : current instanceof GroupEnumeration ? "groups"
                : "suites";
        return evidence.version + " " + what;
    }

    /** The next hello of this lane, or empty if it is waiting for an outcome or has finished. */
    Optional<ClientHelloSpec> next() {
        if (busy || queued.isEmpty()) {
            return Optional.empty();
        }
        busy = true;
        Optional<ClientHelloSpec> hello = queued;
        queued = Optional.empty();
        return hello;
    }

    /**
     * A smaller hello to send again in place of the outstanding suite offer {@code sent}, whose answer was lost
     * with {@code why}, when a size intolerance could explain it; empty otherwise (send it again as it was).
     */
    Optional<ClientHelloSpec> shrink(ClientHelloSpec sent, Failure why) {
        return current == enumeration ? enumeration.shrink(sent, why) : Optional.empty();
    }

    void fold(ClientHelloSpec sent, Reading reading) {
        busy = false;
        current.fold(sent, reading);
        queued = advance();
    }

    /** True once nothing is outstanding and no stage has anything more to send. */
    boolean finished() {
        return !busy && queued.isEmpty();
    }

    /** Stops the lane where it is: what was found stays, marked incomplete. */
    void abandon() {
        if (current != null) {
            evidence.complete = false;
        }
        current = null;
        queued = Optional.empty();
        busy = false;
    }

    /**
     * Runs the group enumeration on this lane once it has finished (TLS ≤ 1.2 groups are enumerated on
     * one version only, chosen when every lane is done). Returns false when there is nothing to do.
     */
    boolean startGroups() {
        if (groupsBeside) {
            return false;
        }
        GroupEnumeration groups = new GroupEnumeration(evidence, sni, enumeration.keyShareMode());
        if (!finished() || !groups.applicable()) {
            return false;
        }
        current = groups;
        queued = advance();
        return queued.isPresent();
    }

    /** Asks the current stage for its next hello, moving on to later stages as each one finishes. */
    private Optional<ClientHelloSpec> advance() {
        while (current != null) {
            Optional<ClientHelloSpec> hello = current.next();
            if (hello.isPresent()) {
                return hello;
            }
            current = nextStage();
        }
        return Optional.empty();
    }

    private Stage nextStage() {
        stageIndex++;
        if (beside || evidence.accepted.isEmpty() || !options.enumerateSuites()) {
            return null;
        }
        if (stageIndex == 1 && options.checkOrder()) {
            return new PreferenceCheck(evidence, sni, enumeration.keyShareMode());
        }
        boolean tls13 = evidence.version.equals(ProtocolVersion.TLSv1_3);
        if (stageIndex <= 2 && tls13 && options.enumerateGroups() && !groupsBeside) {
            stageIndex = 2;
            GroupEnumeration groups = new GroupEnumeration(evidence, sni, enumeration.keyShareMode());
            return groups.applicable() ? groups : null;
        }
        return null;
    }
}
