package io.tlsweep.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.HelloTemplates;
import io.tlsweep.probe.PlanContext;
import io.tlsweep.probe.TargetScan;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.FindingKind;
import io.tlsweep.result.PartKey;
import io.tlsweep.result.Severity;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Whether the server compresses TLS records, which lets an attacker who can add to the plaintext learn secrets
 * from the compressed length (CRIME, CVE-2012-4929). One hello per version up to TLS 1.2 the scan accepted (at
 * most four connections), each the scan's own hello for that version with the suites it accepted there, offering
 * DEFLATE (1) before null (0) (RFC 3749). A ServerHello that selects DEFLATE in any version is the flaw; null
 * compression or a refusal by alert in every version is not; a lost answer leaves that version unsettled. TLS 1.3
 * has no compression (RFC 8446 §4.1.2): a server that accepts only TLS 1.3 is not asked.
 */
public final class CompressionCheck implements Check<CompressionCheck.Part> {
    static final PartKey<Part> KEY = new PartKey<>("compression", Part.class);
    /**
     * Medium: the attacker must add to the plaintext and see the record lengths, and only clients that offer
     * compression are exposed (no current browser does).
     */
    public static final FindingKind COMPRESSION = FindingKind.of("compression-crime",
            "TLS compression selected (CRIME, CVE-2012-4929)", Severity.MEDIUM);
    /** DEFLATE, the one compression method TLS registered (RFC 3749). */
    static final int DEFLATE = 1;

    /**
     * One version's hello and its answer.
     *
     * @param method the compression method of the ServerHello, empty without one
     * @param failure what came instead of a ServerHello
     * @param refused whether that was an alert: the server's own no, where anything else leaves the version open
     */
    public record Answer(ProtocolVersion version, Optional<Integer> method, Optional<String> failure,
            boolean refused) {
        String describe() {
            return version.displayName() + ": " + method.map(CompressionCheck::methodName)
                    .orElseGet(() -> failure.orElse("no ServerHello"));
        }
    }

    /** The judgement and the answers, oldest version first. */
    public record Part(Judgement judgement, List<Answer> answers) implements Judged {
        public Part {
            answers = List.copyOf(answers);
        }
    }

    @Override
    public PartKey<Part> key() {
        return KEY;
    }

    @Override
    public String about() {
        return "a hello offering DEFLATE per version up to TLS 1.2 accepted: 1 connection each, at most 4";
    }

    @Override
    public Optional<? extends CheckPlan<Part>> plan(PlanContext context) {
        Optional<TargetScan> scan = context.plan(TargetScan.class);
        if (scan.isEmpty()) {
            return Optional.empty();
        }
        List<ProtocolSupport> legacy = scan.get().accepted().stream()
                .filter(p -> !p.version().atLeast(ProtocolVersion.TLSv1_3)).toList();
        if (legacy.isEmpty()) {
            return Optional.of(new Settled<>(new Part(Judgement.notApplicable(
                    "no version up to TLS 1.2 accepted: TLS 1.3 has no compression"), List.of())));
        }
        List<HelloRound.Hello> hellos = legacy.stream().map(p -> new HelloRound.Hello("compression: "
                + p.version().displayName() + " offering DEFLATE", hello(p, context.sni()))).toList();
        return Optional.of(new HelloRound<>(context, hellos, exchanges -> judge(exchanges.stream()
                .map(CompressionCheck::answer).toList())));
    }

    /** The scan's hello for the version, with its accepted suites, offering DEFLATE then null compression. */
    static ClientHelloSpec hello(ProtocolSupport version, Optional<String> sni) {
        return HelloTemplates.upTo(version.version(), version.version(), version.cipherSuites(), sni)
                .toBuilder().compressionMethods((byte) DEFLATE, (byte) 0).build();
    }

    static Answer answer(HelloRound.Exchange e) {
        ProtocolVersion offered = e.hello().highestOffered();
        if (e.outcome() instanceof ConnectionOutcome.Replied r) {
            ServerResponse response = r.response();
            if (response instanceof ServerHello sh) {
                return new Answer(offered, Optional.of(sh.compressionMethod()), Optional.empty(), false);
            }
            if (response instanceof ServerResponse.Alert a) {
                return new Answer(offered, Optional.empty(), Optional.of(a.levelName() + " alert " + a.description()),
                        true);
            }
            return new Answer(offered, Optional.empty(), Optional.of(response.toString()), false);
        }
        String why = e.outcome() instanceof ConnectionOutcome.NoReply none ? none.failure().kind().label()
                : "the prelude did not let TLS start";
        return new Answer(offered, Optional.empty(), Optional.of(why), false);
    }

    /** Vulnerable when any version selected DEFLATE; settled "not" when every version chose null or refused. */
    static Part judge(List<Answer> answers) {
        String deflate = versions(answers, a -> a.method().filter(m -> m == DEFLATE).isPresent());
        String unoffered = versions(answers, a -> a.method().filter(m -> m != DEFLATE && m != 0).isPresent());
        String lost = versions(answers, a -> a.method().isEmpty() && !a.refused());
        Judgement j;
        if (!deflate.isEmpty()) {
            j = Judgement.vulnerable("DEFLATE selected in " + deflate);
        } else if (!unoffered.isEmpty()) {
            j = Judgement.inconclusive("a compression method never offered selected in " + unoffered);
        } else if (!lost.isEmpty()) {
            j = Judgement.inconclusive("no ServerHello or alert in " + lost);
        } else {
            j = Judgement.notVulnerable("DEFLATE offered, not selected in " + versions(answers, a -> true));
        }
        return new Part(j, answers);
    }

    private static String versions(List<Answer> answers, Predicate<Answer> which) {
        return answers.stream().filter(which).map(a -> a.version().displayName()).collect(Collectors.joining(", "));
    }

    static String methodName(int method) {
        return switch (method) {
            case 0 -> "null compression";
            case DEFLATE -> "DEFLATE";
            default -> "compression method " + method;
        };
    }

    @Override
    public List<FindingKind> kinds() {
        return List.of(COMPRESSION);
    }


    @Override
    public Optional<PartJson<Part>> json() {
        return Optional.of(new PartJson<>() {
            @Override
            public ObjectNode write(Part part) {
                ObjectNode json = JsonNodeFactory.instance.objectNode();
                part.judgement().writeTo(json);
                ArrayNode answers = json.putArray("answers");
                for (Answer a : part.answers()) {
                    ObjectNode o = answers.addObject().put("version", a.version().displayName());
                    a.method().ifPresent(m -> o.put("compression", m));
                    a.failure().ifPresent(f -> o.put("failure", f));
                    if (a.refused()) {
                        o.put("refused", true);
                    }
                }
                return json;
            }

            @Override
            public Part read(JsonNode json) {
                JsonNode answers = json.path("answers");
                if (!answers.isArray()) {
                    throw new IllegalArgumentException("compression: 'answers' is not a list");
                }
                List<Answer> read = new ArrayList<>();
                for (JsonNode a : answers) {
                    ProtocolVersion v = ProtocolVersion.parse(a.path("version").asText()).orElseThrow(() ->
                            new IllegalArgumentException("compression: 'version' is not a version: "
                                    + a.path("version")));
                    JsonNode m = a.path("compression");
                    if (!m.isMissingNode() && !m.canConvertToInt()) {
                        throw new IllegalArgumentException("compression: 'compression' is not a number: " + m);
                    }
                    read.add(new Answer(v, m.isMissingNode() ? Optional.empty() : Optional.of(m.intValue()),
                            Optional.ofNullable(a.path("failure").textValue()), a.path("refused").asBoolean()));
                }
                return new Part(Judgement.readFrom(json, "compression"), read);
            }

            @Override
            public String summary(Part part) {
                return part.judgement() + (part.answers().isEmpty() ? "" : " ("
                        + part.answers().stream().map(Answer::describe).collect(Collectors.joining("; ")) + ")");
            }
        });
    }
}
