package io.tlsweep.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.prelude.AskedPrelude;
import io.tlsweep.prelude.rdp.NegotiationFailure;
import io.tlsweep.prelude.rdp.RdpFacts;
import io.tlsweep.prelude.rdp.RdpPrelude;
import io.tlsweep.prelude.rdp.SecurityProtocol;
import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.PlanContext;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Finding;
import io.tlsweep.result.FindingKind;
import io.tlsweep.result.PartKey;
import io.tlsweep.result.Severity;
import io.tlsweep.result.TargetResult;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The security protocols an RDP server accepts, not only the one it picks from one request: one X.224 Connection
 * Request per protocol, each on a connection of its own — standard RDP security (nothing else asked for), TLS
 * (PROTOCOL_SSL), CredSSP (PROTOCOL_HYBRID), CredSSP with the early authorization result (HYBRID_EX, asked together
 * with HYBRID as [MS-RDPBCGR] 2.2.1.1.1 wants) and RDSTLS — and for each what the Connection Confirm said: the
 * protocol selected, or the RDP_NEG_FAILURE code of a refusal (SSL_REQUIRED_BY_SERVER, HYBRID_REQUIRED_BY_SERVER,
 * SSL_NOT_ALLOWED_BY_SERVER...). Each request is a question ({@link AskedPrelude}): the connection is closed after
 * the Connection Confirm, before any TLS byte, and a refusal does not end the endpoint; every connection goes
 * through the engine's per-host cap and rate like the scan's. Run on RDP endpoints before the scan, so a server
 * with standard RDP security only, where the scan ends after first contact, is asked too: standard RDP security
 * first, the others once the server answered that ({@link Questions}).
 *
 * <p>Its findings: standard RDP security given to some request while a TLS-based protocol is accepted too
 * ({@link #STANDARD_SECURITY_ACCEPTED}; a server with standard RDP security alone is the prelude's
 * {@code service-without-tls} already, and not found twice), and TLS accepted without CredSSP
 * ({@link #NLA_NOT_REQUIRED}). Neither changes the verdict, which judges the TLS the server offers.
 */
public final class RdpAcceptsCheck implements Check<RdpAcceptsCheck.Part> {
    public static final PartKey<Part> KEY = new PartKey<>("rdp-accepts", Part.class);
    /** The protocols asked for, one connection each, in this order. */
    static final List<SecurityProtocol> ASKED = List.of(SecurityProtocol.STANDARD_RDP, SecurityProtocol.SSL,
            SecurityProtocol.HYBRID, SecurityProtocol.HYBRID_EX, SecurityProtocol.RDSTLS);
    /**
     * The server gives standard RDP security (no TLS: RDP's own RC4 encryption, with no server key a client can
     * verify) to some request although it accepts a protocol that starts with TLS: a client that asks for nothing
     * else, or any client whose request a man in the middle rewrites (the X.224 negotiation is not protected), gets
     * a session without TLS. Where TLS is accepted too, this is the only finding that says so. High: a man in the
     * middle gets a session without TLS.
     */
    public static final FindingKind STANDARD_SECURITY_ACCEPTED = FindingKind.of("rdp-standard-security-accepted",
            "standard RDP security accepted beside TLS: a client, or a man in the middle rewriting its request, gets"
                    + " a session without TLS (RDP's own RC4 encryption)", Severity.HIGH);
    /**
     * The server accepts TLS without CredSSP (PROTOCOL_SSL): a session and its logon screen are set up before anyone
     * authenticates, where Network Level Authentication authenticates first. Microsoft's guidance is to require it
     * (the policy "Require user authentication for remote connections by using Network Level Authentication", on by
     * default since Windows Server 2012; its advice against the pre-authentication flaw BlueKeep, CVE-2019-0708).
     * Less urgent than a session without TLS: the connection is encrypted, what is open is the logon before
     * authentication. Medium, for that reason.
     */
    public static final FindingKind NLA_NOT_REQUIRED = FindingKind.of("rdp-nla-not-required",
            "TLS without Network Level Authentication (CredSSP) accepted: a session and its logon screen come before"
                    + " any authentication", Severity.MEDIUM);

    /**
     * What the server said to the request for {@code asked}.
     *
     * @param accepted whether it selected {@code asked}; empty when no Connection Confirm came
     * @param selected the protocol it selected instead, or {@code asked} itself
     * @param negotiationFailure the name of an RDP_NEG_FAILURE's code ({@code 0x...} for one the specification does
     *     not define)
     * @param failure what ended the connection before any Connection Confirm (a reset, a Disconnect Request...)
     */
    public record Answer(SecurityProtocol asked, Optional<Boolean> accepted, Optional<SecurityProtocol> selected,
            Optional<String> negotiationFailure, Optional<String> failure) {

        public Answer {
            Objects.requireNonNull(asked, "asked");
            Objects.requireNonNull(accepted, "accepted");
            Objects.requireNonNull(selected, "selected");
            Objects.requireNonNull(negotiationFailure, "negotiationFailure");
            Objects.requireNonNull(failure, "failure");
        }

        String describe() {
            if (accepted.isEmpty()) {
                return asked.label() + " (no Connection Confirm: " + failure.orElse("no answer") + ")";
            }
            return asked.label() + negotiationFailure.map(f -> " (" + f + ")")
                    .or(() -> selected.filter(s -> s != asked).map(s -> " (selected " + s.label() + ")"))
                    .orElse("");
        }
    }

    /** The answers, one per protocol of {@link #ASKED}, in that order. */
    public record Part(List<Answer> answers) {
        public Part {
            answers = List.copyOf(answers);
        }

        /** The protocols the server accepted, in the order asked. */
        public List<SecurityProtocol> accepted() {
            return answers.stream().filter(a -> a.accepted().orElse(false)).map(Answer::asked).toList();
        }

        /** The answer to the request for {@code protocol}. */
        public Optional<Answer> answer(SecurityProtocol protocol) {
            return answers.stream().filter(a -> a.asked() == protocol).findFirst();
        }
    }

    @Override
    public PartKey<Part> key() {
        return KEY;
    }

    /** Only where the endpoint speaks RDP. */
    @Override
    public Optional<? extends CheckPlan<Part>> plan(PlanContext context) {
        if (context.prelude().filter(p -> p.protocol().equals(RdpPrelude.PROTOCOL)).isEmpty()) {
            return Optional.empty();
        }
        List<HelloRound.Hello> hellos = new ArrayList<>();
        for (SecurityProtocol p : ASKED) {
            // the step's hello is never sent: the connection ends with the Connection Confirm
            hellos.add(new HelloRound.Hello("rdp-accepts: " + p.label() + " asked", PreludeHellos.upTo(
                    ProtocolVersion.TLSv1_2, context.sni()), Optional.of(new AskedPrelude(RdpPrelude.requesting(
                            requested(p))))));
        }
        return Optional.of(Questions.firstThenRest(context, hellos, exchanges -> {
            List<Answer> answers = new ArrayList<>();
            for (int i = 0; i < ASKED.size(); i++) {
                answers.add(answer(ASKED.get(i), exchanges.get(i).outcome()));
            }
            return new Part(answers);
        }));
    }

    /** The requestedProtocols that asks for {@code p}: nothing for standard RDP, HYBRID with HYBRID_EX. */
    static Set<SecurityProtocol> requested(SecurityProtocol p) {
        return switch (p) {
            case STANDARD_RDP -> Set.of();
            case HYBRID_EX -> EnumSet.of(SecurityProtocol.HYBRID, SecurityProtocol.HYBRID_EX);
            default -> EnumSet.of(p);
        };
    }

    /** What one connection that asked for {@code asked} says. */
    static Answer answer(SecurityProtocol asked, ConnectionOutcome outcome) {
        Optional<RdpFacts.Confirm> confirm = outcome.prelude().filter(RdpFacts.class::isInstance)
                .map(RdpFacts.class::cast).flatMap(RdpFacts::confirm);
        if (confirm.isEmpty()) {
            String why = outcome instanceof ConnectionOutcome.NoReply none ? none.failure().toString()
                    : "no RDP negotiation on this connection";
            return new Answer(asked, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(why));
        }
        RdpFacts.Confirm c = confirm.get();
        if (c instanceof RdpFacts.Confirm.Refused r) {
            return new Answer(asked, Optional.of(false), Optional.empty(),
                    Optional.of(NegotiationFailure.name(r.failureCode())), Optional.empty());
        }
        SecurityProtocol selected = c instanceof RdpFacts.Confirm.Selected s ? s.protocol()
                : SecurityProtocol.STANDARD_RDP;
        return new Answer(asked, Optional.of(selected == asked), Optional.of(selected), Optional.empty(),
                Optional.empty());
    }

    @Override
    public List<FindingKind> kinds() {
        return List.of(STANDARD_SECURITY_ACCEPTED, NLA_NOT_REQUIRED);
    }

    /**
     * "accepts standard-rdp beside ssl; selects it when asked for hybrid, hybrid-ex, rdstls" and "ssl accepted (TLS
     * without CredSSP); CredSSP not accepted at all" (or "; hybrid, hybrid-ex accepted too, not required").
     */
    @Override
    public List<Finding> findings(Part part, TargetResult result) {
        List<SecurityProtocol> withTls = part.accepted().stream().filter(SecurityProtocol::startsTls).toList();
        List<SecurityProtocol> givenStandard = part.answers().stream()
                .filter(a -> a.selected().filter(s -> s == SecurityProtocol.STANDARD_RDP).isPresent())
                .map(Answer::asked).toList();
        List<Finding> found = new ArrayList<>();
        if (!withTls.isEmpty() && !givenStandard.isEmpty()) {
            List<SecurityProtocol> instead = givenStandard.stream().filter(p -> p != SecurityProtocol.STANDARD_RDP)
                    .toList();
            found.add(new Finding(STANDARD_SECURITY_ACCEPTED, givenStandard.contains(SecurityProtocol.STANDARD_RDP)
                    ? "accepts standard-rdp beside " + labels(withTls) + (instead.isEmpty() ? ""
                            : "; selects it when asked for " + labels(instead))
                    : "selects standard-rdp when asked for " + labels(instead) + ", beside accepting "
                            + labels(withTls)));
        }
        if (withTls.contains(SecurityProtocol.SSL)) {
            List<SecurityProtocol> credSsp = withTls.stream().filter(p -> p == SecurityProtocol.HYBRID
                    || p == SecurityProtocol.HYBRID_EX).toList();
            found.add(new Finding(NLA_NOT_REQUIRED, "ssl accepted (TLS without CredSSP); " + (credSsp.isEmpty()
                    ? "CredSSP not accepted at all" : labels(credSsp) + " accepted too, not required")));
        }
        return found;
    }

    private static String labels(List<SecurityProtocol> protocols) {
        return protocols.stream().map(SecurityProtocol::label).collect(Collectors.joining(", "));
    }

    @Override
    public Optional<PartJson<Part>> json() {
        return Optional.of(new PartJson<>() {
            /** One object per protocol asked, by its label: accepted, selected, negotiation-failure, failure. */
            @Override
            public ObjectNode write(Part part) {
                ObjectNode json = JsonNodeFactory.instance.objectNode();
                for (Answer a : part.answers()) {
                    ObjectNode o = json.putObject(a.asked().label());
                    a.accepted().ifPresent(v -> o.put("accepted", v));
                    a.selected().ifPresent(s -> o.put("selected", s.label()));
                    a.negotiationFailure().ifPresent(f -> o.put("negotiation-failure", f));
                    a.failure().ifPresent(f -> o.put("failure", f));
                }
                return json;
            }

            @Override
            public Part read(JsonNode json) {
                List<Answer> answers = new ArrayList<>();
                Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    JsonNode o = f.getValue();
                    JsonNode accepted = o.path("accepted");
                    if (!o.isObject() || !(accepted.isMissingNode() || accepted.isBoolean())) {
                        throw new IllegalArgumentException("rdp-accepts: '" + f.getKey() + "' is not an answer");
                    }
                    answers.add(new Answer(protocol(f.getKey()), accepted.isBoolean()
                            ? Optional.of(accepted.booleanValue()) : Optional.empty(),
                            text(o, "selected").map(RdpAcceptsCheck::protocol), text(o, "negotiation-failure"),
                            text(o, "failure")));
                }
                return new Part(answers);
            }

            /** "accepts ssl; refuses standard-rdp (SSL_REQUIRED_BY_SERVER), ...; no answer to ...". */
            @Override
            public String summary(Part part) {
                List<String> said = new ArrayList<>();
                said.add(joined("accepts", part, a -> a.accepted().orElse(false)));
                said.add(joined("refuses", part, a -> !a.accepted().orElse(true)));
                said.add(joined("no answer to", part, a -> a.accepted().isEmpty()));
                return said.stream().filter(s -> !s.isEmpty()).collect(Collectors.joining("; "));
            }
        });
    }

    private static String joined(String verb, Part part, java.util.function.Predicate<Answer> which) {
        String list = part.answers().stream().filter(which).map(Answer::describe).collect(Collectors.joining(", "));
        return list.isEmpty() ? "" : verb + " " + list;
    }

    private static Optional<String> text(JsonNode o, String field) {
        return Optional.ofNullable(o.path(field).textValue());
    }

    private static SecurityProtocol protocol(String label) {
        return SecurityProtocol.byLabel(label).orElseThrow(() -> new IllegalArgumentException("rdp-accepts: '"
                + label + "' is not an RDP security protocol"));
    }
}
