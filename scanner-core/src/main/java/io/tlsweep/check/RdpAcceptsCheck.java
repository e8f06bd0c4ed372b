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
import io.tlsweep.result.PartKey;
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
 */
public final class RdpAcceptsCheck implements Check<RdpAcceptsCheck.Part> {
    public static final PartKey<Part> KEY = new PartKey<>("rdp-accepts", Part.class);
    /** The protocols asked for, one connection each, in this order. */
    static final List<SecurityProtocol> ASKED = List.of(SecurityProtocol.STANDARD_RDP, SecurityProtocol.SSL,
            SecurityProtocol.HYBRID, SecurityProtocol.HYBRID_EX, SecurityProtocol.RDSTLS);

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
