package io.tlsweep.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.check.PostQuantumPart.Answer;
import io.tlsweep.check.PostQuantumPart.GroupAnswer;
import io.tlsweep.check.PostQuantumPart.Preference;
import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.HelloTemplates;
import io.tlsweep.probe.PlanContext;
import io.tlsweep.probe.TargetScan;
import io.tlsweep.result.PartKey;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Post-quantum hybrid key exchange (issue 16): whether a TLS 1.3 endpoint takes X25519MLKEM768,
 * SecP256r1MLKEM768, SecP384r1MLKEM1024 (draft-ietf-tls-ecdhe-mlkem, IANA TLS Supported Groups 0x11EC, 0x11EB,
 * 0x11ED) and the older X25519Kyber768Draft00 (draft-tls-westerbaan-xyber768d00, 0x6399), asked two ways because
 * servers differ: by HelloRetryRequest (the group offered with an empty key_share) and with a real hybrid key
 * share; and which group it picks when a hello offers a hybrid and a classic share together, as browsers do
 * ({@link PostQuantumPlan}). Only where the scan accepted TLS 1.3; elsewhere not-applicable at no cost.
 * Cost: six connections, plus one per group the server names by HelloRetryRequest (at most ten).
 */
public final class PostQuantumCheck implements Check<PostQuantumPart> {
    public static final PartKey<PostQuantumPart> KEY = new PartKey<>("post-quantum", PostQuantumPart.class);

    /** The hybrid groups asked about, in the order a hello lists them. */
    public static final List<NamedGroup> GROUPS = List.of(NamedGroup.X25519_MLKEM768, NamedGroup.SECP256R1_MLKEM768,
            NamedGroup.SECP384R1_MLKEM1024, NamedGroup.X25519_KYBER768_DRAFT00);

    /** The field of its JSON part that says whether the endpoint does post-quantum key exchange. */
    public static final String PQ_KEY_EXCHANGE = "pqKeyExchange";

    @Override
    public String about() {
        return "TLS 1.3 hellos with the ML-KEM hybrid groups, by key share and beside x25519 (by HelloRetryRequest"
                + " too when the scan's group enumeration was cut short): 5-10 connections";
    }

    @Override
    public PartKey<PostQuantumPart> key() {
        return KEY;
    }

    @Override
    public Optional<? extends CheckPlan<PostQuantumPart>> plan(PlanContext context) {
        List<ProtocolSupport> accepted = context.plan(TargetScan.class).map(TargetScan::accepted).orElse(List.of());
        if (accepted.isEmpty()) {
            return Optional.empty();
        }
        Optional<ProtocolSupport> tls13 = accepted.stream()
                .filter(p -> p.version().equals(ProtocolVersion.TLSv1_3) && !p.cipherSuites().isEmpty()).findFirst();
        if (tls13.isEmpty()) {
            ProtocolVersion best = accepted.stream().map(ProtocolSupport::version).max(ProtocolVersion::compareTo)
                    .orElseThrow();
            return Optional.of(new Settled<>(PostQuantumPart.notApplicable("TLS 1.3 not accepted (best "
                    + best.displayName() + "): the hybrid groups are TLS 1.3 only")));
        }
        Optional<List<NamedGroup>> named = context.plan(TargetScan.class)
                .flatMap(scan -> scan.settledGroups(ProtocolVersion.TLSv1_3))
                .filter(g -> HelloTemplates.groupsOffered(ProtocolVersion.TLSv1_3).containsAll(GROUPS));
        return Optional.of(new PostQuantumPlan(context.firstStepId(), tls13.get().cipherSuites(), context.sni(),
                tls13.get().refusal(), named));
    }

    /** Whether a part as {@link #json()} wrote it says the endpoint does post-quantum key exchange. */
    public static boolean pqKeyExchange(JsonNode part) {
        return part != null && part.path(PQ_KEY_EXCHANGE).asBoolean(false);
    }

    @Override
    public Optional<PartJson<PostQuantumPart>> json() {
        return Optional.of(new PartJson<>() {
            @Override
            public ObjectNode write(PostQuantumPart part) {
                ObjectNode json = JsonNodeFactory.instance.objectNode();
                part.judgement().writeTo(json);
                json.put(PQ_KEY_EXCHANGE, part.pqKeyExchange());
                ArrayNode groups = json.putArray("groups");
                for (GroupAnswer g : part.groups()) {
                    ObjectNode o = groups.addObject().put("group", g.group().name())
                            .put("byRetry", g.byRetry().label()).put("byKeyShare", g.byKeyShare().label());
                    g.serverShareBytes().ifPresent(n -> o.put("serverShareBytes", n));
                }
                part.preference().ifPresent(p -> {
                    ObjectNode o = json.putObject("preference");
                    p.chosen().ifPresent(g -> o.put("chosen", g.name()).put("byRetry", p.byRetry()));
                    p.instead().ifPresent(i -> o.put("instead", i));
                });
                return json;
            }

            @Override
            public PostQuantumPart read(JsonNode json) {
                Judgement judgement = Judgement.readFrom(json, KEY.id());
                JsonNode groups = json.path("groups");
                if (!groups.isArray()) {
                    throw new IllegalArgumentException("post-quantum: 'groups' is not a list");
                }
                List<GroupAnswer> answers = new ArrayList<>();
                for (JsonNode g : groups) {
                    JsonNode bytes = g.path("serverShareBytes");
                    if (!bytes.isMissingNode() && !bytes.canConvertToInt()) {
                        throw new IllegalArgumentException("post-quantum: 'serverShareBytes' is not a length");
                    }
                    answers.add(new GroupAnswer(group(g, "group"), answer(g, "byRetry"), answer(g, "byKeyShare"),
                            bytes.isMissingNode() ? Optional.empty() : Optional.of(bytes.intValue())));
                }
                JsonNode p = json.path("preference");
                Optional<Preference> preference = Optional.empty();
                if (!p.isMissingNode()) {
                    preference = Optional.of(p.has("chosen")
                            ? Preference.of(group(p, "chosen"), p.path("byRetry").asBoolean(false))
                            : Preference.none(text(p, "instead")));
                }
                return new PostQuantumPart(judgement, answers, preference);
            }

            @Override
            public String summary(PostQuantumPart part) {
                return part.judgement().toString();
            }
        });
    }

    private static NamedGroup group(JsonNode o, String field) {
        return NamedGroup.byName(text(o, field)).orElseThrow(() -> new IllegalArgumentException("post-quantum: '"
                + field + "' is not a named group: " + o.path(field)));
    }

    private static Answer answer(JsonNode o, String field) {
        return Answer.of(text(o, field)).orElseThrow(() -> new IllegalArgumentException("post-quantum: '" + field
                + "' is not accepted, refused or unknown: " + o.path(field)));
    }

    private static String text(JsonNode o, String field) {
        String s = o.path(field).textValue();
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException("post-quantum: '" + field + "' is required");
        }
        return s;
    }
}
