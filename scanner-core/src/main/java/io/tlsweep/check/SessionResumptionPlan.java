package io.tlsweep.check;

import io.tlsweep.check.SessionResumptionCheck.Part;
import io.tlsweep.check.SessionResumptionCheck.Resumption;
import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.PlanContext;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.probe.RealExchange;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.RealHandshake;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.Extension;
import io.tlsweep.wire.ExtensionType;
import io.tlsweep.wire.NewSessionTicket;
import io.tlsweep.wire.ServerHello;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The session-resumption check's plan: one real handshake whose clear messages are read (the session id, the
 * ticket), then, on new connections, a hello offering that session id alone and one offering that ticket with 32
 * fresh bytes of session id (RFC 5077 §3.4: a server that accepts the ticket echoes them). Each is sent only when
 * the server handed out what it offers. The reading of the answers is pure and static, for the tests.
 */
final class SessionResumptionPlan implements CheckPlan<Part> {
    private static final int ID_STEP = 1;
    private static final int TICKET_STEP = 2;

    private final int base;
    private final ProbeStep first;
    private final ClientHelloSpec hello;
    private final List<ProbeStep> resumptions = new ArrayList<>();
    private boolean firstSent;
    private boolean resumptionsSent;
    private ConnectionOutcome handshake;
    private ConnectionOutcome byId;
    private ConnectionOutcome byTicket;
    private Part part;

    /** @param firstStepId the first step id of its range ({@link PlanContext#firstStepId()}) */
    SessionResumptionPlan(int firstStepId, ClientHelloSpec hello) {
        this.base = firstStepId;
        this.hello = hello;
        this.first = ProbeStep.real(base, "session resumption: a real " + hello.highestOffered().displayName()
                + " handshake", hello, RealExchange.tapped());
    }

    @Override
    public List<ProbeStep> ready() {
        if (!firstSent) {
            firstSent = true;
            return List.of(first);
        }
        if (handshake != null && !resumptionsSent) {
            resumptionsSent = true;
            return List.copyOf(resumptions);
        }
        return List.of();
    }

    @Override
    public void complete(ProbeStep step, ConnectionOutcome outcome) {
        int which = step.id() - base;
        if (which == 0 && handshake == null && firstSent) {
            handshake = outcome;
            tapped(outcome).ifPresent(tap -> {
                tap.sessionId().filter(id -> id.length > 0).ifPresent(id -> resumptions.add(new ProbeStep(
                        base + ID_STEP, "session resumption: by session id", byIdHello(hello, id, tap))));
                tap.ticket().ifPresent(t -> resumptions.add(new ProbeStep(base + TICKET_STEP,
                        "session resumption: by ticket", byTicketHello(hello, t, tap))));
            });
        } else if (which == ID_STEP && resumptionsSent && byId == null) {
            byId = outcome;
        } else if (which == TICKET_STEP && resumptionsSent && byTicket == null) {
            byTicket = outcome;
        } else {
            throw new IllegalStateException("outcome for a step this plan did not hand out: " + step.id());
        }
        if (resumptions.size() == (byId != null ? 1 : 0) + (byTicket != null ? 1 : 0)) {
            part = fold(handshake, stepOf(ID_STEP), byId, stepOf(TICKET_STEP), byTicket);
        }
    }

    private Optional<ProbeStep> stepOf(int which) {
        return resumptions.stream().filter(s -> s.id() == base + which).findFirst();
    }

    @Override
    public boolean done() {
        return part != null;
    }

    @Override
    public Optional<Part> part() {
        return Optional.ofNullable(part);
    }

    @Override
    public int connections() {
        return (firstSent ? 1 : 0) + (resumptionsSent ? resumptions.size() : 0);
    }

    private static Optional<RealHandshake.Tap> tapped(ConnectionOutcome outcome) {
        return outcome instanceof ConnectionOutcome.Handshook h ? h.handshake().tap() : Optional.empty();
    }

    /** {@code hello} offering session {@code id}, no ticket, and the extended master secret as the session had it. */
    static ClientHelloSpec byIdHello(ClientHelloSpec hello, byte[] id, RealHandshake.Tap tap) {
        return hello.toBuilder().random(ClientHelloSpec.freshRandom()).sessionId(id).sessionTicket(false)
                .extendedMasterSecret(tap.extendedMasterSecret()).build();
    }

    /** {@code hello} offering {@code ticket} with 32 fresh bytes of session id, as a client resuming with it does. */
    static ClientHelloSpec byTicketHello(ClientHelloSpec hello, NewSessionTicket ticket, RealHandshake.Tap tap) {
        List<Extension> extra = new ArrayList<>(hello.extraExtensions());
        extra.add(new Extension(ExtensionType.SESSION_TICKET, ticket.ticket()));
        return hello.toBuilder().random(ClientHelloSpec.freshRandom()).sessionId(ClientHelloSpec.freshRandom())
                .sessionTicket(false).extendedMasterSecret(tap.extendedMasterSecret()).extraExtensions(extra).build();
    }

    /**
     * How a hello offering to resume was answered: resumed when the ServerHello echoes the session id offered and its
     * flight ends without a Certificate (at the ChangeCipherSpec of an abbreviated handshake).
     */
    static Resumption read(ClientHelloSpec sent, ConnectionOutcome outcome) {
        if (!(outcome instanceof ConnectionOutcome.Replied r)) {
            return Resumption.NO_ANSWER;
        }
        if (!(r.response() instanceof ServerHello sh)) {
            return r.response() instanceof io.tlsweep.wire.ServerResponse.Alert ? Resumption.REFUSED
                    : Resumption.NO_ANSWER;
        }
        boolean echoed = sent.sessionId().length > 0 && Arrays.equals(sh.sessionId(), sent.sessionId());
        if (!echoed) {
            return Resumption.FULL_HANDSHAKE;
        }
        if (!sh.flight().complete()) {
            return Resumption.NO_ANSWER; // the session id came back, but the flight was cut before it said more
        }
        return sh.flight().certificates().isEmpty() ? Resumption.RESUMED : Resumption.FULL_HANDSHAKE;
    }

    /** The part from the real handshake and the answers to the hellos sent after it (absent when not sent). */
    static Part fold(ConnectionOutcome handshake, Optional<ProbeStep> idStep, ConnectionOutcome idAnswer,
            Optional<ProbeStep> ticketStep, ConnectionOutcome ticketAnswer) {
        if (!(handshake instanceof ConnectionOutcome.Handshook h) || h.handshake().tap().isEmpty()) {
            String why = handshake instanceof ConnectionOutcome.NoReply n ? n.failure().toString()
                    : "no handshake messages read";
            return new Part(Judgement.inconclusive("the first handshake did not complete: " + why), Optional.empty(),
                    Resumption.UNKNOWN, Resumption.UNKNOWN, Optional.empty());
        }
        RealHandshake.Tap tap = h.handshake().tap().get();
        if (tap.sessionId().isEmpty()) { // bytes that are not bare TLS records (a prelude's framing, say)
            return new Part(Judgement.inconclusive("the handshake completed, but its ServerHello could not be read in"
                    + " clear"), Optional.of(h.handshake().version()), Resumption.UNKNOWN, Resumption.UNKNOWN,
                    Optional.empty());
        }
        Resumption id = idStep.map(s -> read(s.hello(), idAnswer)).orElse(Resumption.NOT_OFFERED);
        Resumption ticket = ticketStep.map(s -> read(s.hello(), ticketAnswer)).orElse(Resumption.NOT_OFFERED);
        Optional<Long> hint = tap.ticket().map(NewSessionTicket::lifetimeHintSeconds);
        return SessionResumptionCheck.judge(h.handshake(), id, ticket, hint);
    }
}
