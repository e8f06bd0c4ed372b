package io.tlsweep.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.HelloTemplates;
import io.tlsweep.probe.PlanContext;
import io.tlsweep.probe.TargetScan;
import io.tlsweep.result.Finding;
import io.tlsweep.result.FindingKind;
import io.tlsweep.result.PartKey;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.RealHandshake;
import io.tlsweep.result.Severity;
import io.tlsweep.result.TargetResult;
import io.tlsweep.text.Labelled;
import io.tlsweep.text.Labels;
import io.tlsweep.wire.ProtocolVersion;
import java.util.List;
import java.util.Optional;

/**
 * Session resumption in TLS 1.2 and older: whether the server resumes a session by its id and by a ticket
 * (RFC 5077), and how long it says its tickets live. One real handshake (the newest version up to TLS 1.2 the scan
 * accepted, its suites) whose clear messages are read, then one hello per thing the server handed out: the session
 * id alone, and the ticket with 32 fresh bytes of session id (a server that accepts it echoes them and sends no
 * Certificate). Up to 3 connections. Resumption is not a flaw: the part says what was found, not vulnerable; a
 * ticket lifetime hint over 7 days (the cap RFC 8446 §4.6.1 puts on TLS 1.3 tickets, taken here as the limit for
 * TLS 1.2 ones too: a ticket key kept that long weakens forward secrecy) is a low finding. An endpoint with TLS 1.3
 * only is not applicable: its resumption (PSK tickets) travels encrypted and is not read here.
 */
public final class SessionResumptionCheck implements Check<SessionResumptionCheck.Part> {
    static final PartKey<Part> KEY = new PartKey<>("session-resumption", Part.class);
    static final FindingKind LONG_TICKET_LIFETIME = FindingKind.of("long-ticket-lifetime", "session ticket lifetime"
            + " hint over 7 days (the RFC 8446 cap for TLS 1.3 tickets): the ticket key protects sessions that long",
            Severity.LOW);
    /** RFC 8446 §4.6.1: servers MUST NOT use any value greater than 604800 seconds (7 days). */
    static final long MAX_LIFETIME_SECONDS = 604_800;
    private static final Labels<Resumption> RESUMPTIONS = Labels.of(Resumption.class);

    /** How a hello offering to resume was answered. */
    public enum Resumption implements Labelled {
        /** The server resumed: the session id offered came back and no Certificate followed. */
        RESUMED("resumed"),
        /** The server ran a full handshake. */
        FULL_HANDSHAKE("full-handshake"),
        /** The server refused the hello with an alert. */
        REFUSED("refused"),
        /** No ServerHello came back (lost, cut short, not TLS). */
        NO_ANSWER("no-answer"),
        /** The server handed out nothing to resume with this way (no session id, no ticket): not asked. */
        NOT_OFFERED("not-offered"),
        /** The first handshake did not complete: nothing was asked. */
        UNKNOWN("unknown");

        private final String label;

        Resumption(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /**
     * What the check found.
     *
     * @param version the version of the real handshake, when it completed
     * @param byId how a hello offering the session id alone was answered
     * @param byTicket how a hello offering the ticket was answered
     * @param ticketLifetimeHint the NewSessionTicket's lifetime hint in seconds (0: unspecified), when one came
     */
    public record Part(Judgement judgement, Optional<ProtocolVersion> version, Resumption byId, Resumption byTicket,
            Optional<Long> ticketLifetimeHint) implements Judged {
    }

    @Override
    public PartKey<Part> key() {
        return KEY;
    }

    @Override
    public String about() {
        return "a real TLS 1.2 handshake, then hellos resuming its session by id and by ticket: up to 3 connections";
    }

    @Override
    public Optional<? extends CheckPlan<Part>> plan(PlanContext context) {
        if (context.plan(TargetScan.class).map(s -> s.accepted().isEmpty()).orElse(true)) {
            return Optional.empty();
        }
        Optional<ProtocolSupport> v = AfterReply.newestUpToTls12(context, ProtocolVersion.TLSv1_0);
        if (v.isEmpty()) {
            return Optional.of(new Settled<>(new Part(Judgement.notApplicable("no version from TLS 1.0 to TLS 1.2"
                    + " accepted: TLS 1.3 resumes with tickets sent encrypted, which this check does not read"),
                    Optional.empty(), Resumption.UNKNOWN, Resumption.UNKNOWN, Optional.empty())));
        }
        ProtocolVersion version = v.get().version();
        return Optional.of(new SessionResumptionPlan(context.firstStepId(), HelloTemplates.upTo(version, version,
                v.get().cipherSuites(), context.sni())));
    }

    /** The judgement of what was found: never a flaw; the reason says each way and the ticket's lifetime. */
    static Part judge(RealHandshake handshake, Resumption byId, Resumption byTicket, Optional<Long> hint) {
        String facts = handshake.version().displayName() + " (" + handshake.provider() + "): by session id "
                + byId.label() + ", by ticket " + byTicket.label() + hint.map(h -> ", ticket lifetime hint "
                        + (h == 0 ? "unspecified" : h + " s") + (h > MAX_LIFETIME_SECONDS ? ", over 7 days" : ""))
                        .orElse("");
        Judgement j = byId == Resumption.NO_ANSWER && byTicket != Resumption.RESUMED
                || byTicket == Resumption.NO_ANSWER && byId != Resumption.RESUMED
                ? Judgement.inconclusive(facts + "; a hello offering to resume got no answer")
                : Judgement.notVulnerable(facts);
        return new Part(j, Optional.of(handshake.version()), byId, byTicket, hint);
    }

    @Override
    public List<FindingKind> kinds() {
        return List.of(LONG_TICKET_LIFETIME);
    }

    @Override
    public List<Finding> findings(Part part, TargetResult result) {
        return part.ticketLifetimeHint().filter(h -> h > MAX_LIFETIME_SECONDS).map(h -> List.of(new Finding(
                LONG_TICKET_LIFETIME, "ticket lifetime hint " + h + " s, over the " + MAX_LIFETIME_SECONDS
                        + " s (7 days) of RFC 8446 §4.6.1"))).orElse(List.of());
    }

    @Override
    public Optional<PartJson<Part>> json() {
        return Optional.of(new PartJson<>() {
            @Override
            public ObjectNode write(Part part) {
                ObjectNode json = JsonNodeFactory.instance.objectNode();
                part.judgement().writeTo(json);
                part.version().ifPresent(v -> json.put("version", v.displayName()));
                json.put("by-id", part.byId().label());
                json.put("by-ticket", part.byTicket().label());
                part.ticketLifetimeHint().ifPresent(h -> json.put("ticket-lifetime-hint", h));
                return json;
            }

            @Override
            public Part read(JsonNode json) {
                String id = KEY.id();
                JsonNode hint = json.path("ticket-lifetime-hint");
                if (!hint.isMissingNode() && (!hint.canConvertToLong() || !hint.isIntegralNumber()
                        || hint.longValue() < 0 || hint.longValue() > 0xFFFFFFFFL)) {
                    throw new IllegalArgumentException(id + ": 'ticket-lifetime-hint' is not a uint32: " + hint);
                }
                return new Part(Judgement.readFrom(json, id), PartFields.version(json, "version", id),
                        resumption(json, "by-id"), resumption(json, "by-ticket"),
                        hint.isMissingNode() ? Optional.empty() : Optional.of(hint.longValue()));
            }

            @Override
            public String summary(Part part) {
                return part.judgement().toString();
            }
        });
    }

    private static Resumption resumption(JsonNode json, String field) {
        JsonNode v = json.path(field);
        return RESUMPTIONS.find(v.asText()).filter(r -> v.isTextual()).orElseThrow(() -> new IllegalArgumentException(
                KEY.id() + ": '" + field + "' is one of " + RESUMPTIONS.alternatives() + ": " + v));
    }
}
