package io.tlsweep.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.HelloTemplates;
import io.tlsweep.probe.PlanContext;
import io.tlsweep.probe.RealExchange;
import io.tlsweep.probe.TargetScan;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.FindingKind;
import io.tlsweep.result.PartKey;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.RealHandshake;
import io.tlsweep.result.RealHandshake.RenegotiationOutcome;
import io.tlsweep.result.Severity;
import io.tlsweep.text.Labels;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.ProtocolVersion;
import java.util.List;
import java.util.Optional;

/**
 * Client-initiated renegotiation: whether the server lets a client start a second handshake on a connection, each
 * costing the server far more work than the client (the CPU-exhaustion denial of service testssl.sh reports as
 * "client-initiated renegotiation"). One real handshake (the newest version up to TLS 1.2 the scan accepted, its
 * suites, with the JDK's stack, the one here whose client renegotiates) that then asks for a renegotiation: a second
 * handshake that completes is vulnerable; an alert (no_renegotiation), a close, a reset or no answer is not. With
 * TLS 1.3 only there is no renegotiation (not applicable). Whether the renegotiation is secure (RFC 5746) is the
 * secure-renegotiation check's question, not this one's.
 *
 * <p>Opt-in: the renegotiation it asks for is the denial of service itself, and a server that allows it does the
 * work of a second full handshake for it.
 */
public final class ClientRenegotiationCheck implements Check<ClientRenegotiationCheck.Part> {
    static final PartKey<Part> KEY = new PartKey<>("client-renegotiation", Part.class);
    static final FindingKind CLIENT_RENEGOTIATION = FindingKind.of("client-renegotiation", "client-initiated"
            + " renegotiation accepted: a client can make the server run handshake after handshake on one connection"
            + " (CPU exhaustion)", Severity.MEDIUM);
    private static final Labels<RenegotiationOutcome> OUTCOMES = Labels.of(RenegotiationOutcome.class);

    /**
     * What the check found.
     *
     * @param version the version of the real handshake, when it completed
     * @param outcome how the renegotiation went, when it was asked
     * @param alert the alert that refused it, when one did
     */
    public record Part(Judgement judgement, Optional<ProtocolVersion> version, Optional<RenegotiationOutcome> outcome,
            Optional<AlertDescription> alert) implements Judged {
    }

    @Override
    public PartKey<Part> key() {
        return KEY;
    }

    /** Opt-in: what it asks for is the denial of service itself (a second full handshake's work for the server). */
    @Override
    public boolean onByDefault() {
        return false;
    }

    @Override
    public String about() {
        return "opt-in (the renegotiation it asks for is the DoS itself): a real TLS 1.2 handshake, then a"
                + " client-initiated renegotiation: 1 connection";
    }

    @Override
    public Optional<? extends CheckPlan<Part>> plan(PlanContext context) {
        if (context.plan(TargetScan.class).map(s -> s.accepted().isEmpty()).orElse(true)) {
            return Optional.empty();
        }
        Optional<ProtocolSupport> v = AfterReply.newestUpToTls12(context, ProtocolVersion.TLSv1_0);
        if (v.isEmpty()) {
            return Optional.of(new Settled<>(new Part(Judgement.notApplicable("no version from TLS 1.0 to TLS 1.2"
                    + " accepted: TLS 1.3 has no renegotiation"), Optional.empty(), Optional.empty(),
                    Optional.empty())));
        }
        ProtocolVersion version = v.get().version();
        return Optional.of(OneExchange.real(context, "client renegotiation: " + version.displayName(),
                HelloTemplates.upTo(version, version, v.get().cipherSuites(), context.sni()),
                RealExchange.renegotiating(), ClientRenegotiationCheck::judge));
    }

    /** The judgement of a real handshake that asked for a renegotiation once it was up. */
    static Part judge(ConnectionOutcome outcome) {
        if (!(outcome instanceof ConnectionOutcome.Handshook h)) {
            String why = outcome instanceof ConnectionOutcome.NoReply n
                    ? (n.failure().kind() == FailureKind.INTERNAL_ERROR && n.timings().connectNanos() < 0
                            ? "the JDK's stack, the one here that renegotiates, cannot start it: " : "")
                            + n.failure() : "no handshake";
            return new Part(Judgement.inconclusive("the handshake did not complete: " + why), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }
        RealHandshake rh = h.handshake();
        Optional<ProtocolVersion> version = Optional.of(rh.version());
        if (rh.renegotiation().isEmpty()) {
            return new Part(Judgement.inconclusive("no renegotiation was asked"), version, Optional.empty(),
                    Optional.empty());
        }
        RealHandshake.Renegotiation r = rh.renegotiation().get();
        String after = "after a " + rh.version().displayName() + " handshake, a client-initiated renegotiation ";
        Judgement j = switch (r.outcome()) {
            case ACCEPTED -> Judgement.vulnerable(after + "was accepted: a second handshake completed");
            case REFUSED_ALERT -> Judgement.notVulnerable(after + "was refused with "
                    + r.alert().map(a -> "a " + a + " alert").orElse("an alert") + " (" + r.detail() + ")");
            case CLOSED -> Judgement.notVulnerable(after + "made the server close the connection");
            case RESET -> Judgement.notVulnerable(after + "made the server reset the connection");
            case NO_ANSWER -> Judgement.notVulnerable(after + "got no answer (" + r.detail() + "): the server"
                    + " ignores it");
            case NOT_ASKED -> Judgement.inconclusive(after + "could not be asked: " + r.detail());
        };
        return new Part(j, version, Optional.of(r.outcome()), r.alert());
    }

    @Override
    public List<FindingKind> kinds() {
        return List.of(CLIENT_RENEGOTIATION);
    }


    @Override
    public Optional<PartJson<Part>> json() {
        return Optional.of(new PartJson<>() {
            @Override
            public ObjectNode write(Part part) {
                ObjectNode json = JsonNodeFactory.instance.objectNode();
                part.judgement().writeTo(json);
                part.version().ifPresent(v -> json.put("version", v.displayName()));
                part.outcome().ifPresent(o -> json.put("renegotiation", o.label()));
                part.alert().ifPresent(a -> json.put("alert", a.code()));
                return json;
            }

            @Override
            public Part read(JsonNode json) {
                String id = KEY.id();
                JsonNode o = json.path("renegotiation");
                Optional<RenegotiationOutcome> outcome = o.isMissingNode() ? Optional.empty()
                        : Optional.of(OUTCOMES.find(o.asText()).filter(x -> o.isTextual()).orElseThrow(() ->
                                new IllegalArgumentException(id + ": 'renegotiation' is one of "
                                        + OUTCOMES.alternatives() + ": " + o)));
                return new Part(Judgement.readFrom(json, id), PartFields.version(json, "version", id), outcome,
                        PartFields.alert(json, "alert", id));
            }

            @Override
            public String summary(Part part) {
                return part.judgement().toString();
            }
        });
    }
}
