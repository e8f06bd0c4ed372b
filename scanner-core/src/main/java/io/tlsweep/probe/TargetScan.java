package io.tlsweep.probe;

import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.PartKey;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.EncryptedFlight;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The whole scan of one endpoint as a plan: one lane per version, run side by side once the endpoint has
 * shown it answers. First contact is a TLS 1.2 and a TLS 1.0 hello together (the first hellos of those
 * lanes anyway), so an endpoint that is closed, silent or not TLS costs one round and about one timeout;
 * so does one that answers both with garbage in TLS framing or a suite never offered. One whose first two
 * hellos are both reset or closed gets them once more before it is taken as resetting everything.
 *
 * <p>A hello whose answer was lost (reset, closed, silent) is sent again as {@link LostAnswers} says; once
 * the endpoint is seen to lose answers it is probed one connection at a time, and a version whose probing
 * took a lost answer for the server's own before that was seen is probed again from the start, once.
 */
public final class TargetScan implements CheckPlan<Void> {
    /** The scan's key: its facts are the result's own components (versions, suites, order, groups...). */
    public static final PartKey<Void> KEY = new PartKey<>("scan", Void.class);

    private final Optional<String> sni;
    private final ScanOptions options;
    private final LostAnswers losses;
    private final RefusalStyles refusals;
    private final GroupLanes groups;
    private final HelloSize size = new HelloSize();
    private final Map<ProtocolVersion, VersionLane> lanes = new LinkedHashMap<>();
    private final Set<VersionLane> tookLostAnswers = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<ProtocolVersion> probedAgain = new HashSet<>();
    private final Map<Integer, SentHello> outstanding = new HashMap<>();
    private final Deque<SentHello> resend = new ArrayDeque<>();
    private final List<SentHello> parked = new ArrayList<>();
    private final FirstContact first = new FirstContact();
    private final List<String> notes = new ArrayList<>();
    /** The lane of the TLS 1.3 {@link FlightRetry}, once started (at most once per scan). */
    private VersionLane flight;
    private boolean contacted;
    private boolean firstContact = true;
    private Failure ending;
    private final int firstId;
    private int nextId;
    private int connections;

    public TargetScan(Optional<String> sni, ScanOptions options) {
        this(sni, options, new LostAnswers(), 0);
    }

    TargetScan(Optional<String> sni, ScanOptions options, LostAnswers losses, int firstId) {
        this.sni = sni;
        this.options = options;
        this.losses = losses;
        this.refusals = new RefusalStyles(losses);
        this.groups = new GroupLanes(options);
        this.firstId = firstId;
        List<ProtocolVersion> newestFirst = new ArrayList<>(options.versions());
        Collections.reverse(newestFirst);
        boolean pairedFirstContact = newestFirst.contains(ProtocolVersion.TLSv1_2)
                && newestFirst.contains(ProtocolVersion.TLSv1_0);
        for (ProtocolVersion v : newestFirst) {
            lanes.put(v, new VersionLane(v, sni, options, size,
                    pairedFirstContact && v.equals(ProtocolVersion.TLSv1_0)));
        }
    }

    /** The scan of the context's endpoint, unless the run sends the profile hellos alone. */
    public static Optional<TargetScan> plan(PlanContext context) {
        return context.settings().profilesOnly() ? Optional.empty() : Optional.of(new TargetScan(context.sni(),
                context.settings().options(), context.losses(), context.firstStepId()));
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
                firstContactLanes().forEach(lane -> send(lane, steps));
            }
            while (!resend.isEmpty()) {
                steps.add(issue(resend.poll()));
            }
            return steps;
        }
        boolean serial = losses.losesAnswers();
        if (serial && !outstanding.isEmpty()) {
            return steps;
        }
        do {
            while (!resend.isEmpty() && (!serial || steps.isEmpty())) {
                steps.add(issue(resend.poll()));
            }
            for (VersionLane lane : lanes()) {
                if (!serial || steps.isEmpty()) {
                    send(lane, steps);
                }
            }
        } while (steps.isEmpty() && outstanding.isEmpty() && (settleParked() || probeAgainWhereLost()));
        return steps;
    }

    private void send(VersionLane lane, List<ProbeStep> steps) {
        String step = lane.step();
        lane.next().ifPresent(h -> steps.add(issue(new SentHello(lane, step, h))));
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

    private ProbeStep issue(SentHello p) {
        int id = firstId + nextId++;
        outstanding.put(id, p);
        connections++;
        if (!p.lost().isEmpty()) {
            losses.sentAgain();
        }
        return new ProbeStep(id, p.step() + (p.lost().isEmpty() ? "" : " attempt " + (p.lost().size() + 1)),
                p.hello());
    }

    @Override
    public void complete(ProbeStep step, ConnectionOutcome outcome) {
        SentHello p = outstanding.remove(step.id());
        if (p == null) {
            throw new IllegalStateException("outcome for a step this plan did not hand out: " + step.id());
        }
        Reading r = OutcomeReader.read(p.hello(), p.lane().evidence.version, outcome);
        if (r instanceof Reading.Unusable u) {
            end(u.why());
        } else if (r instanceof Reading.Lost l) {
            SentHello lost = p.lostAgain(l.why());
            if (firstContact) {
                first.lost(lost);
            } else {
                onLost(lost);
            }
        } else {
            if (!(r instanceof Reading.Rejected x && HelloSize.suspect(x.why()))) {
                size.answered(p.hello());
            }
            if (!p.lost().isEmpty() && (!p.shrunk() || size.answeredAtLeast(p.insteadOf()))) {
                losses.seen(p.step() + ": " + LostAnswers.labels(p.lost()) + ", then " + PreferenceCheck.describe(r));
            }
            if (firstContact) {
                first.answered(r);
            }
            if (r instanceof Reading.Rejected refused) {
                refusals.refused(p, refused.why());
            }
            p.lane().fold(p.hello(), r);
        }
        if (firstContact && outstanding.isEmpty() && ending == null) {
            leaveFirstContact();
        }
        if (!firstContact && ending == null) {
            decide();
        }
    }

    /**
     * Starts what may start now: the group lanes, and the TLS 1.3 flight hello once TLS 1.3's lane and the lanes
     * beside it have all finished.
     */
    private void decide() {
        groups.decide(lanes);
        VersionLane tls13 = lanes.get(ProtocolVersion.TLSv1_3);
        if (flight == null && tls13 != null && lanes().stream().filter(l -> l.evidence == tls13.evidence)
                .allMatch(VersionLane::finished)) {
            flight = tls13.flightBeside().orElse(null);
        }
    }

    private void onLost(SentHello p) {
        Optional<String> contradiction = p.contradiction();
        contradiction.ifPresent(c -> losses.seen(p.step() + ": " + LostAnswers.labels(p.lost()) + ", though " + c));
        switch (losses.afterLoss(p.lost().size())) {
            case SEND_AGAIN -> resend.addFirst(shrunkIfSizeMayBeToBlame(p));
            case PARK -> parked.add(p);
            case UNSETTLED -> {
                losses.unsettled(p.step(), p.lost(), contradiction);
                p.lane().fold(p.hello(), p.standing());
            }
        }
    }

    /**
     * A lost suite offer is sent again smaller, once, when a size intolerance could explain the loss (the smaller
     * hello's answer then shows whether it does); any other lost hello as it was.
     */
    private SentHello shrunkIfSizeMayBeToBlame(SentHello p) {
        if (p.shrunk() || p.lost().size() != 1) {
            return p;
        }
        return p.lane().shrink(p.hello(), p.lastLoss()).map(p::shrunkTo).orElse(p);
    }

    /**
     * Parked lost answers, once nothing else is going on: sent again on an endpoint now known to lose answers,
     * else taken as the server's own answer. Returns whether there were any.
     */
    private boolean settleParked() {
        if (parked.isEmpty() || !losses.maySettle()) {
            return false;
        }
        for (SentHello p : List.copyOf(parked)) {
            refusals.lostOnly(p);
            if (losses.losesAnswers()) {
                resend.add(p);
            } else {
                tookLostAnswers.add(lanes.getOrDefault(p.lane().evidence.version, p.lane()));
                p.lane().fold(p.hello(), p.standing());
            }
        }
        parked.clear();
        decide();
        return true;
    }

    /** On an endpoint now known to lose answers, probes again each version that took a lost answer as final. */
    private boolean probeAgainWhereLost() {
        boolean any = false;
        if (probingAgainDue()) {
            for (VersionLane lane : List.copyOf(lanes.values())) {
                if (tookLostAnswers.contains(lane)) {
                    any |= probeAgain(lane.evidence.version, "its probing took a lost answer for the server's"
                            + " own before the endpoint was seen to lose answers");
                }
            }
        }
        return any;
    }

    /**
     * Probes {@code version} again from the start, with the larger number of attempts; its first pass is dropped.
     * Only when nothing is outstanding, once per version; returns false when it was probed again already.
     */
    boolean probeAgain(ProtocolVersion version, String why) {
        if (ending != null || !outstanding.isEmpty() || !lanes.containsKey(version) || !probedAgain.add(version)) {
            return false;
        }
        notes.add(version + ": probed again, as " + why);
        lanes.put(version, new VersionLane(version, sni, options, size, false));
        groups.probedAgain(version, lanes);
        return true;
    }

    /** What the profile hellos got may show the scan took a lost answer for a refusal: see {@link CrossCheck}. */
    @Override
    public void reconsider(PlanContext all) {
        all.plan(ProfileProbe.class).ifPresent(profiles -> CrossCheck.against(this, profiles, losses));
    }

    /** The versions accepted so far with what each accepts, oldest first: what later checks build on. */
    public List<ProtocolSupport> accepted() {
        return ScanFacts.accepted(evidence());
    }

    /** Whether a TLS ≤ 1.2 first flight carried an OCSP response: see {@link ScanFacts#ocspStapled}. */
    public boolean ocspStapled() {
        return ScanFacts.ocspStapled(evidence());
    }

    /** Per version up to TLS 1.2, whether its ServerHellos carried renegotiation_info: see {@link ScanFacts}. */
    public Map<ProtocolVersion, Boolean> renegotiationInfo() {
        return ScanFacts.renegotiationInfo(evidence());
    }

    /** The groups {@code version} takes when its enumeration ran to its end: see {@link ScanFacts#settledGroups}. */
    public Optional<List<NamedGroup>> settledGroups(ProtocolVersion version) {
        return ScanFacts.settledGroups(Optional.ofNullable(lanes.get(version)).map(l -> l.evidence));
    }

    /** Whether the current probing of {@code version} found {@code suite} accepted. */
    boolean accepts(ProtocolVersion version, CipherSuite suite) {
        return Optional.ofNullable(lanes.get(version)).map(l -> l.evidence.accepted.contains(suite)).orElse(false);
    }

    /** Whether the current probing of {@code version} took a lost answer as the server's own. */
    boolean tookLostAnswer(ProtocolVersion version) {
        return Optional.ofNullable(lanes.get(version)).map(tookLostAnswers::contains).orElse(false);
    }

    private void leaveFirstContact() {
        FirstContact.Verdict v = first.over();
        if (v instanceof FirstContact.Verdict.End e) {
            end(e.why());
        } else if (v instanceof FirstContact.Verdict.Again a) {
            resend.addAll(a.hellos());
        } else {
            firstContact = false;
            ((FirstContact.Verdict.GoOn) v).lost().forEach(this::onLost);
        }
    }

    /** The version lanes, then the group enumerations beside them, then the TLS 1.3 flight hello's lane. */
    private List<VersionLane> lanes() {
        List<VersionLane> all = new ArrayList<>(lanes.values());
        all.addAll(groups.lanes());
        if (flight != null) {
            all.add(flight);
        }
        return all;
    }

    private void end(Failure why) {
        if (ending == null) {
            ending = why;
            lanes().forEach(VersionLane::abandon);
            resend.clear();
            parked.clear();
        }
    }

    @Override
    public boolean done() {
        if (!outstanding.isEmpty()) {
            return false;
        }
        return ending != null || (!firstContact && resend.isEmpty() && parked.isEmpty()
                && lanes().stream().allMatch(VersionLane::finished) && !probingAgainDue());
    }

    /** Whether {@link #probeAgainWhereLost()} has a version to probe again. */
    private boolean probingAgainDue() {
        return losses.losesAnswers()
                && lanes.keySet().stream().anyMatch(v -> tookLostAnswer(v) && !probedAgain.contains(v));
    }

    @Override
    public int connections() {
        return connections;
    }

    /**
     * The client profiles' hellos need nothing the scan finds: they go out beside it once first contact showed an
     * endpoint that answers TLS (their outcomes are weighed against the scan's only at the end, {@link #reconsider}).
     */
    @Override
    public boolean laterChecksMayStart() {
        return !firstContact && ending == null;
    }

    /** Nothing listens, nothing answers, it is not TLS, or it resets everything: nothing more is sent. */
    @Override
    public boolean endsEndpoint() {
        return ending != null;
    }

    /** The failure that ended the scan early (refused, silent, not TLS), if any. */
    public Optional<Failure> ending() {
        return Optional.ofNullable(ending);
    }

    /** The scan's TLS 1.3 flight, read with its own key share: see {@link ScanFacts#tls13Flight}. */
    public Optional<EncryptedFlight> tls13Flight() {
        return ScanFacts.tls13Flight(evidence());
    }

    /** The version lanes' evidence, newest version first. */
    Collection<VersionEvidence> evidence() {
        return lanes.values().stream().map(l -> l.evidence).toList();
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    LostAnswers losses() {
        return losses;
    }
}
