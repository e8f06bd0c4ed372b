package io.tlsweep.probe;

import io.tlsweep.prelude.Prelude;
import io.tlsweep.profile.ClientProfile;
import io.tlsweep.profile.DistinctHello;
import io.tlsweep.profile.ProfileHello;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PartKey;
import io.tlsweep.result.ProfileOutcome;
import io.tlsweep.result.ProfileOutcome.Reason;
import io.tlsweep.result.Timings;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.HelloRetryRequest;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.ServerResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends the client profiles' own ClientHellos and records what the server chose for each profile: the
 * confirmation of the profile predictions, and on its own the quick "who can talk to this endpoint today" mode.
 * Profiles whose hellos a server cannot tell apart ({@link ProfileHello#distinct}) share one connection, and its
 * answer is read for each of them as if each had sent it. The first hello goes alone; when it finds nothing
 * listening, silence or not TLS, the rest are not sent. A hello whose answer was lost (reset, closed, silent) is
 * sent again as {@link LostAnswers} says, like the scan's.
 */
public final class ProfileProbe implements CheckPlan<Void> {
    /** The profile hellos' key: what they got is the result's {@code profileHellos}. */
    public static final PartKey<Void> KEY = new PartKey<>("profiles", Void.class);

    /** One distinct hello, with the answers it lost so far. */
    private record Attempt(DistinctHello hello, List<Failure> lost) {
        Attempt lostAgain(Failure f) {
            List<Failure> more = new ArrayList<>(lost);
            more.add(f);
            return new Attempt(hello, List.copyOf(more));
        }
    }

    private final List<ClientProfile> profiles;
    private final List<DistinctHello> hellos;
    private final int firstId;
    private final LostAnswers losses;
    private final Map<Integer, Attempt> outstanding = new HashMap<>();
    private final Deque<Attempt> resend = new ArrayDeque<>();
    private final List<Attempt> parked = new ArrayList<>();
    private final List<Attempt> stood = new ArrayList<>();
    private final Map<String, ProfileOutcome> observed = new LinkedHashMap<>();
    private int next;
    private int issued;
    private boolean contacted;
    private Failure ending;

    /** @param firstId the first step id to use, so the steps do not collide with another plan's */
    public ProfileProbe(List<ClientProfile> profiles, Optional<String> sni, int firstId) {
        this(profiles, sni, List.of(), firstId, new LostAnswers());
    }

    /** @param alpn what the endpoint's prelude puts in every hello in place of its own; empty for none */
    ProfileProbe(List<ClientProfile> profiles, Optional<String> sni, List<String> alpn, int firstId,
            LostAnswers losses) {
        this.profiles = List.copyOf(profiles);
        this.hellos = ProfileHello.distinct(profiles, sni, alpn);
        this.firstId = firstId;
        this.losses = losses;
    }

    /**
     * The distinct hellos of the profiles that apply to the context's endpoint (its service: the prelude spoken
     * before TLS, or none), as that endpoint's prelude has them sent; empty when no profile applies.
     */
    public static Optional<ProfileProbe> plan(PlanContext context) {
        String service = context.prelude().map(Prelude::protocol).orElse("");
        List<ClientProfile> profiles = context.settings().profiles().stream().filter(p -> p.appliesTo(service))
                .toList();
        return profiles.isEmpty() ? Optional.empty()
                : Optional.of(new ProfileProbe(profiles, context.sni(), context.prelude().map(Prelude::alpn)
                        .orElse(List.of()), context.firstStepId(), context.losses()));
    }

    @Override
    public List<ProbeStep> ready() {
        List<ProbeStep> steps = new ArrayList<>();
        boolean serial = losses.losesAnswers();
        do {
            while (ending == null && room(steps, serial)) {
                Attempt a = !resend.isEmpty() ? resend.poll()
                        : next < hellos.size() ? new Attempt(hellos.get(next++), List.of()) : null;
                if (a == null) {
                    break;
                }
                int id = firstId + issued++;
                outstanding.put(id, a);
                if (!a.lost().isEmpty()) {
                    losses.sentAgain();
                }
                steps.add(new ProbeStep(id, a.hello().label()
                        + (a.lost().isEmpty() ? "" : " attempt " + (a.lost().size() + 1)), a.hello().hello()));
            }
        } while (steps.isEmpty() && outstanding.isEmpty() && settleParked());
        return steps;
    }

    /** The first hello goes alone until something answered; on an endpoint losing answers, every hello does. */
    private boolean room(List<ProbeStep> steps, boolean serial) {
        boolean alone = serial || !contacted;
        return !alone || (steps.isEmpty() && outstanding.isEmpty());
    }

    /** Parked lost answers: sent again on an endpoint now known to lose answers, else taken as they are. */
    private boolean settleParked() {
        if (parked.isEmpty() || !losses.maySettle()) {
            return false;
        }
        for (Attempt a : List.copyOf(parked)) {
            if (losses.losesAnswers()) {
                resend.add(a);
            } else {
                stood.add(a);
                record(a, a.lost().get(a.lost().size() - 1));
            }
        }
        parked.clear();
        return true;
    }

    /**
     * Sends again, with the attempts an endpoint losing answers gets, every hello whose lost answers stood as the
     * server's refusal and that {@code contradicted} says was not refused; returns the labels of those hellos.
     */
    List<String> askAgain(java.util.function.Predicate<ClientHelloSpec> contradicted) {
        List<String> again = new ArrayList<>();
        for (Attempt a : List.copyOf(stood)) {
            if (contradicted.test(a.hello().hello())) {
                stood.remove(a);
                resend.add(a);
                again.add(a.hello().label());
            }
        }
        return again;
    }

    /** Whether {@code step} is one of this plan's. */
    public boolean owns(ProbeStep step) {
        return outstanding.containsKey(step.id());
    }

    @Override
    public void complete(ProbeStep step, ConnectionOutcome outcome) {
        Attempt a = outstanding.remove(step.id());
        if (a == null) {
            throw new IllegalStateException("outcome for a step this plan did not hand out: " + step.id());
        }
        if (outcome instanceof ConnectionOutcome.NoReply none && lost(none.failure().kind())) {
            Attempt again = a.lostAgain(none.failure());
            switch (losses.afterLoss(again.lost().size())) {
                case SEND_AGAIN -> resend.addFirst(again);
                case PARK -> parked.add(again);
                case UNSETTLED -> {
                    losses.unsettled(a.hello().label(), again.lost(), Optional.empty());
                    record(again, none.failure());
                }
            }
            return;
        }
        if (!a.lost().isEmpty()) {
            ProfileOutcome o = read(a.hello().profiles().get(0), a.hello().hello(), outcome);
            losses.seen(a.hello().label() + ": " + LostAnswers.labels(a.lost()) + ", then " + o.reason().label()
                    + o.version().map(v -> " " + v).orElse(""));
        }
        record(a, outcome);
    }

    private void record(Attempt a, Failure lost) {
        record(a, new ConnectionOutcome.NoReply(lost, Timings.NONE));
    }

    /** The one answer read for every profile sharing the hello, each as its client would read it. */
    private void record(Attempt a, ConnectionOutcome outcome) {
        for (ClientProfile p : a.hello().profiles()) {
            ProfileOutcome o = read(p, a.hello().hello(), outcome);
            observed.put(p.id(), o);
            if (o.reason() == Reason.NO_ANSWER) {
                ending = o.failure().orElseThrow();
                resend.clear();
                parked.clear();
            }
        }
        contacted = true;
    }

    private static boolean lost(FailureKind kind) {
        return kind == FailureKind.READ_TIMEOUT || kind == FailureKind.RESET_BEFORE_REPLY
                || kind == FailureKind.CLOSED_BEFORE_REPLY;
    }

    @Override
    public boolean done() {
        return outstanding.isEmpty() && resend.isEmpty() && parked.isEmpty()
                && (ending != null || next >= hellos.size());
    }

    /** What each profile's hello got, by profile id, in profile order; profiles not sent are absent. */
    public Map<String, ProfileOutcome> observed() {
        Map<String, ProfileOutcome> ordered = new LinkedHashMap<>();
        profiles.stream().filter(p -> observed.containsKey(p.id())).forEach(p -> ordered.put(p.id(), observed.get(p.id())));
        return ordered;
    }

    /** Why the hellos stopped early (nothing listening, silence, not TLS), if they did. */
    public Optional<Failure> ending() {
        return Optional.ofNullable(ending);
    }

    /** Nothing answered its hellos (nothing listening, silence, not TLS): nothing more is sent. */
    @Override
    public boolean endsEndpoint() {
        return ending != null;
    }

    /** The distinct hellos this plan sends, each once unless its answer is lost. */
    public List<DistinctHello> hellos() {
        return hellos;
    }

    /** Connections opened, hellos sent again included: one per distinct hello when no answer is lost. */
    @Override
    public int connections() {
        return issued;
    }

    /** What a profile's hello got, read as the client would read it. */
    static ProfileOutcome read(ClientProfile p, ClientHelloSpec hello, ConnectionOutcome outcome) {
        if (outcome instanceof ConnectionOutcome.NoReply none) {
            Failure f = none.failure();
            return switch (f.kind()) {
                case CONNECT_REFUSED, CONNECT_TIMEOUT, DNS_FAILURE, READ_TIMEOUT, INTERNAL_ERROR ->
                        ProfileOutcome.fails(Reason.NO_ANSWER, Optional.empty(), f, false);
                default -> ProfileOutcome.fails(Reason.REFUSED, Optional.empty(), f, false);
            };
        }
        if (outcome instanceof ConnectionOutcome.Handshook h) { // a real stack's handshake: it connects
            return ProfileOutcome.connects(h.handshake().version(), h.handshake().cipherSuite());
        }
        if (!(outcome instanceof ConnectionOutcome.Replied replied)) {
            return other("an answer to a prelude's question, not to a hello");
        }
        ServerResponse r = replied.response();
        if (r instanceof ServerHello sh) {
            return serverHello(p, hello, sh);
        }
        if (r instanceof HelloRetryRequest hrr) {
            if (!p.offers(ProtocolVersion.TLSv1_3) || !hello.cipherSuites().contains(hrr.cipherSuite())
                    || hrr.selectedGroup().filter(g -> !p.groups().value().contains(g)).isPresent()) {
                return other("a HelloRetryRequest for something the hello did not offer");
            }
            return ProfileOutcome.connects(ProtocolVersion.TLSv1_3, hrr.cipherSuite());
        }
        if (r instanceof ServerResponse.Alert a) {
            return ProfileOutcome.fails(Reason.REFUSED, Optional.empty(),
                    Failure.alert(a.description(), a.levelName() + " alert " + a.description()), false);
        }
        if (r instanceof ServerResponse.NotTls n) {
            return ProfileOutcome.fails(Reason.NO_ANSWER, Optional.empty(),
                    Failure.of(FailureKind.NOT_TLS, n.looksLike() + ": " + n.description()), false);
        }
        return other(r instanceof ServerResponse.SslV2ServerHello ? "an SSL 2.0 SERVER-HELLO"
                : ((ServerResponse.Malformed) r).toString());
    }

    private static ProfileOutcome serverHello(ClientProfile p, ClientHelloSpec hello, ServerHello sh) {
        ProtocolVersion v = sh.version();
        if (!p.offers(v) && v.compareTo(p.maxVersion()) > 0) {
            return other("chose " + v + ", above the " + p.maxVersion() + " offered");
        }
        if (!p.completes(v)) {
            return ProfileOutcome.fails(Reason.CLIENT_REFUSES_VERSION, Optional.of(v), Failure.of(
                    FailureKind.LOWER_VERSION, "the server chose " + v.displayName() + ", which " + p.name()
                            + " does not complete"), false);
        }
        if (!hello.cipherSuites().contains(sh.cipherSuite()) || sh.cipherSuite().isScsv()
                || !sh.cipherSuite().usableIn(v)) {
            return other("chose cipher suite " + sh.cipherSuite() + ", which was not offered for " + v);
        }
        if (p.refusesSignatureOf(v, sh.cipherSuite())) {
            return ProfileOutcome.clientRefusesSignature(v);
        }
        return ProfileOutcome.connects(v, sh.cipherSuite());
    }

    private static ProfileOutcome other(String detail) {
        return ProfileOutcome.fails(Reason.OTHER, Optional.empty(), Failure.of(FailureKind.UNOFFERED_CHOICE, detail),
                false);
    }
}
