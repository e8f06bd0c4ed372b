package io.tlsweep.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.HelloTemplates;
import io.tlsweep.probe.PlanContext;
import io.tlsweep.probe.TargetScan;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.FindingKind;
import io.tlsweep.result.PartKey;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.Severity;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.ServerResponse;
import java.util.List;
import java.util.Optional;

/**
 * TLS_FALLBACK_SCSV (RFC 7507): whether the server refuses a client that fell back to an older version than both
 * speak, the protection against version downgrade by forced retries (POODLE's way to SSL 3.0). One connection,
 * when the scan accepted at least two versions: a hello for the second newest, with its suites and
 * TLS_FALLBACK_SCSV. A fatal inappropriate_fallback alert (86) is the protection; a ServerHello is the fallback
 * ignored (vulnerable) — unless it carries the RFC 8446 downgrade sentinel ("DOWNGRD" in its random, what a TLS 1.3
 * server such as the JDK's, which ignores the SCSV, sends when it negotiates less): clients of the newer version
 * then abort the fallen-back handshake themselves, so the fallback is refused all the same (not vulnerable, the
 * reason says how). Any other answer settles nothing. With one version only there is nothing to fall back to (not
 * applicable).
 */
public final class FallbackScsvCheck implements Check<FallbackScsvCheck.Part> {
    static final PartKey<Part> KEY = new PartKey<>("fallback-scsv", Part.class);
    static final FindingKind FALLBACK_IGNORED = FindingKind.of("fallback-scsv-ignored", "TLS_FALLBACK_SCSV ignored"
            + " (RFC 7507): the server lets a client fall back below its best version, which a man in the middle"
            + " can force", Severity.MEDIUM);
    private static final AlertDescription INAPPROPRIATE_FALLBACK = AlertDescription.of(86);

    /**
     * What the check found.
     *
     * @param best the newest version the scan accepted
     * @param offered the version the hello with the SCSV offered, when it was sent
     * @param negotiated the version of the ServerHello that answered it, when one did
     * @param alert the alert that answered it, when one did
     * @param downgradeSentinel whether that ServerHello carried the RFC 8446 downgrade sentinel
     */
    public record Part(Judgement judgement, ProtocolVersion best, Optional<ProtocolVersion> offered,
            Optional<ProtocolVersion> negotiated, Optional<AlertDescription> alert, boolean downgradeSentinel)
            implements Judged {
    }

    @Override
    public PartKey<Part> key() {
        return KEY;
    }

    @Override
    public String about() {
        return "a hello below the best version with TLS_FALLBACK_SCSV: 1 connection";
    }

    @Override
    public Optional<? extends CheckPlan<Part>> plan(PlanContext context) {
        List<ProtocolSupport> accepted = context.plan(TargetScan.class).map(TargetScan::accepted).orElse(List.of())
                .stream().filter(p -> !p.cipherSuites().isEmpty()).toList();
        if (accepted.isEmpty()) {
            return Optional.empty();
        }
        ProtocolVersion best = accepted.get(accepted.size() - 1).version();
        if (accepted.size() < 2) {
            return Optional.of(new Settled<>(new Part(Judgement.notApplicable("only " + best.displayName()
                    + " accepted: there is no older version to fall back to"), best, Optional.empty(),
                    Optional.empty(), Optional.empty(), false)));
        }
        ProtocolSupport lower = accepted.get(accepted.size() - 2);
        ProtocolVersion v = lower.version();
        return Optional.of(OneExchange.of(context, "fallback scsv: " + v.displayName() + " below " + best
                .displayName(), HelloTemplates.upTo(v, v, lower.cipherSuites(), context.sni()).toBuilder()
                .addCipherSuite(CipherSuite.TLS_FALLBACK_SCSV).build(), List.of(), o -> judge(best, v, o)));
    }

    /** The judgement of the answer to a hello of {@code offered} with the SCSV, {@code best} being accepted. */
    static Part judge(ProtocolVersion best, ProtocolVersion offered, ConnectionOutcome outcome) {
        String hello = "a " + offered.displayName() + " hello with TLS_FALLBACK_SCSV";
        if (!(outcome instanceof ConnectionOutcome.Replied replied)) {
            String why = outcome instanceof ConnectionOutcome.NoReply none ? none.failure().kind().label()
                    : "not sent";
            return new Part(Judgement.inconclusive("no reply to " + hello + " (" + why + ")"), best,
                    Optional.of(offered), Optional.empty(), Optional.empty(), false);
        }
        ServerResponse r = replied.response();
        if (r instanceof ServerHello sh) {
            String got = hello + " got a " + sh.version().displayName() + " ServerHello";
            boolean sentinel = sh.downgradeSentinel().isPresent();
            Judgement j;
            if (sh.version().compareTo(best) >= 0) {
                j = Judgement.inconclusive(got + ", not below the best version accepted (" + best.displayName() + ")");
            } else if (sentinel) {
                j = Judgement.notVulnerable(got + ": the SCSV is ignored, but the RFC 8446 downgrade sentinel in it"
                        + " makes clients of " + best.displayName() + " refuse the fallback");
            } else {
                j = Judgement.vulnerable(got + " though " + best.displayName() + " is accepted: the fallback is not"
                        + " refused");
            }
            return new Part(j, best, Optional.of(offered), Optional.of(sh.version()), Optional.empty(), sentinel);
        }
        if (r instanceof ServerResponse.Alert a) {
            Judgement j = a.description().code() == INAPPROPRIATE_FALLBACK.code() && a.isFatal()
                    ? Judgement.notVulnerable(hello + " got a " + a + " alert (" + best.displayName()
                            + " is accepted)")
                    : Judgement.inconclusive(hello + " got a " + a + " alert, not inappropriate_fallback");
            return new Part(j, best, Optional.of(offered), Optional.empty(), Optional.of(a.description()), false);
        }
        return new Part(Judgement.inconclusive(hello + " got " + r.getClass().getSimpleName() + ", neither a"
                + " ServerHello nor an alert"), best, Optional.of(offered), Optional.empty(), Optional.empty(), false);
    }

    private static boolean sentinel(JsonNode json) {
        JsonNode v = json.path("downgrade-sentinel");
        if (!v.isMissingNode() && !v.isBoolean()) {
            throw new IllegalArgumentException(KEY.id() + ": 'downgrade-sentinel' is true or false: " + v);
        }
        return v.booleanValue();
    }

    @Override
    public List<FindingKind> kinds() {
        return List.of(FALLBACK_IGNORED);
    }


    @Override
    public Optional<PartJson<Part>> json() {
        return Optional.of(new PartJson<>() {
            @Override
            public ObjectNode write(Part part) {
                ObjectNode json = JsonNodeFactory.instance.objectNode();
                part.judgement().writeTo(json);
                json.put("best", part.best().displayName());
                part.offered().ifPresent(v -> json.put("offered", v.displayName()));
                part.negotiated().ifPresent(v -> json.put("negotiated", v.displayName()));
                part.alert().ifPresent(a -> json.put("alert", a.code()));
                if (part.downgradeSentinel()) {
                    json.put("downgrade-sentinel", true);
                }
                return json;
            }

            @Override
            public Part read(JsonNode json) {
                String id = KEY.id();
                return new Part(Judgement.readFrom(json, id), PartFields.version(json, "best", id).orElseThrow(
                        () -> new IllegalArgumentException(id + ": 'best' is required")),
                        PartFields.version(json, "offered", id), PartFields.version(json, "negotiated", id),
                        PartFields.alert(json, "alert", id), sentinel(json));
            }

            @Override
            public String summary(Part part) {
                return part.judgement().toString();
            }
        });
    }
}
