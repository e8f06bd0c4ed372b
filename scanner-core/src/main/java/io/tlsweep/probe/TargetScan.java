package io.tlsweep.probe;

import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole scan of one endpoint as a plan: one lane per version, run side by side once the endpoint has
 * shown it answers. First contact is a TLS 1.2 and a TLS 1.0 hello together (the first hellos of those
 * lanes anyway), so an endpoint that is closed, silent or not TLS costs one round and about one timeout;
 * so does one that answers both with a reset, a close, garbage in TLS framing or a suite never offered.
 * A hello that times out on an endpoint that has answered before is sent once more.
 */
public final class TargetScan implements ProbePlan {
    private record Pending(VersionLane lane, ClientHelloSpec hello, boolean retry) {
    }

    private final Optional<String> sni;
    private final ScanOptions options;
    private final Map<ProtocolVersion, VersionLane> lanes = new LinkedHashMap<>();
    private final Map<Integer, Pending> outstanding = new HashMap<>();
    private final Deque<Pending> resend = new ArrayDeque<>();
    private final List<Pending> silentAtFirstContact = new ArrayList<>();
    private final List<Reading> firstContactReadings = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private boolean contacted;
    private boolean firstContact = true;
    private boolean answered;
    private boolean legacyGroupsDecided;
    private Failure ending;
    private Failure firstSilence;
    private int nextId;
    private int connections;
    private int retries;

    public TargetScan(Optional<String> sni, ScanOptions options) {
        this.sni = sni;
        this.options = options;
        List<ProtocolVersion> newestFirst = new ArrayList<>(options.versions());
        java.util.Collections.reverse(newestFirst);
        for (ProtocolVersion v : newestFirst) {
            lanes.put(v, new VersionLane(v, sni, options));
        }
    }

    @Override
    public List<ProbeStep> ready() {
        List<ProbeStep> steps = new ArrayList<>();
        if (ending != null) {
            return steps;
        }
        if (firstContact) {
            if (!contacted) {
                contacted = true;
                firstContactLanes().forEach(lane -> lane.next().ifPresent(h -> steps.add(issue(lane, h, false))));
            }
            return steps;
        }
        while (!resend.isEmpty()) {
            Pending p = resend.poll();
            steps.add(issue(p.lane(), p.hello(), true));
        }
        for (VersionLane lane : lanes.values()) {
            lane.next().ifPresent(h -> steps.add(issue(lane, h, false)));
        }
        return steps;
    }

    private List<VersionLane> firstContactLanes() {
        List<VersionLane> first = new ArrayList<>();
        for (ProtocolVersion v : List.of(ProtocolVersion.TLSv1_2, ProtocolVersion.TLSv1_0)) {
            Optional.ofNullable(lanes.get(v)).ifPresent(first::add);
        }
        if (first.isEmpty()) {
            first.add(lanes.values().iterator().next());
        }
        return first;
    }

    private ProbeStep issue(VersionLane lane, ClientHelloSpec hello, boolean retry) {
        int id = nextId++;
        outstanding.put(id, new Pending(lane, hello, retry));
        connections++;
        if (retry) {
            retries++;
        }
        return new ProbeStep(id, lane.evidence.version + (retry ? " retry" : ""), hello);
    }

    @Override
    public void complete(ProbeStep step, ConnectionOutcome outcome) {
        Pending p = outstanding.remove(step.id());
        if (p == null) {
            throw new IllegalStateException("outcome for a step this plan did not hand out: " + step.id());
        }
        Reading r = OutcomeReader.read(p.hello(), p.lane().evidence.version, outcome);
        if (r instanceof Reading.Unusable u) {
            end(u.why());
        } else if (r instanceof Reading.Silent s) {
            onSilence(p, s);
        } else {
            answered = true;
            if (firstContact) {
                firstContactReadings.add(r);
            }
            p.lane().fold(p.hello(), r);
        }
        if (firstContact && outstanding.isEmpty() && ending == null) {
            leaveFirstContact();
        }
        if (!firstContact && ending == null) {
            decideLegacyGroups();
        }
    }

    private void onSilence(Pending p, Reading.Silent s) {
        if (firstContact) {
            silentAtFirstContact.add(p);
            firstSilence = firstSilence == null ? s.why() : firstSilence;
        } else if (!p.retry() && answered) {
            notes.add(p.lane().evidence.version + ": a hello went unanswered; sent again");
            resend.add(p);
        } else {
            p.lane().fold(p.hello(), s);
        }
    }

    private void leaveFirstContact() {
        if (!answered) {
            end(Failure.of(FailureKind.READ_TIMEOUT, "no reply to a TLS 1.2 or a TLS 1.0 hello"
                    + (firstSilence == null ? "" : " (" + firstSilence.detail() + ")")));
            return;
        }
        if (silentAtFirstContact.isEmpty() && !firstContactReadings.isEmpty()
                && firstContactReadings.stream().allMatch(TargetScan::hostile)) {
            end(((Reading.Rejected) firstContactReadings.get(0)).why());
            return;
        }
        firstContact = false;
        for (Pending p : silentAtFirstContact) {
            notes.add(p.lane().evidence.version + ": first hello went unanswered; sent again");
            resend.add(p);
        }
        silentAtFirstContact.clear();
    }

    /**
     * A first-contact answer that no TLS server gives to a plain hello: a reset or close without a word, a
     * malformed reply, a choice that was never offered. When every first answer is like that, the endpoint
     * is not worth more hellos.
     */
    private static boolean hostile(Reading r) {
        if (!(r instanceof Reading.Rejected rejected)) {
            return false;
        }
        return switch (rejected.why().kind()) {
            case RESET_BEFORE_REPLY, CLOSED_BEFORE_REPLY, MALFORMED_REPLY, UNOFFERED_CHOICE -> true;
            default -> false;
        };
    }

    /** TLS ≤ 1.2 groups are enumerated once, on the newest legacy version that accepted ECDHE. */
    private void decideLegacyGroups() {
        if (legacyGroupsDecided || !options.enumerateGroups() || !options.enumerateSuites()) {
            return;
        }
        List<VersionLane> legacy = lanes.values().stream()
                .filter(l -> !l.evidence.version.equals(ProtocolVersion.TLSv1_3)).toList();
        if (legacy.stream().allMatch(VersionLane::finished)) {
            legacyGroupsDecided = true;
            for (VersionLane lane : legacy) {
                if (lane.startGroups()) {
                    return;
                }
            }
        }
    }

    private void end(Failure why) {
        if (ending == null) {
            ending = why;
            lanes.values().forEach(VersionLane::abandon);
            resend.clear();
        }
    }

    @Override
    public boolean done() {
        if (!outstanding.isEmpty()) {
            return false;
        }
        return ending != null || (!firstContact && resend.isEmpty()
                && lanes.values().stream().allMatch(VersionLane::finished));
    }

    public int connections() {
        return connections;
    }

    public int retries() {
        return retries;
    }

    /** The failure that ended the scan early (refused, silent, not TLS), if any. */
    public Optional<Failure> ending() {
        return Optional.ofNullable(ending);
    }

    /** The version lanes' evidence, newest version first. */
    Collection<VersionEvidence> evidence() {
        return lanes.values().stream().map(l -> l.evidence).toList();
    }

    List<String> notes() {
        return notes;
    }

    Optional<String> sni() {
        return sni;
    }
}
