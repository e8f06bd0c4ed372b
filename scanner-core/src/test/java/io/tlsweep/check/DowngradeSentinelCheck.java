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
import io.tlsweep.result.Finding;
import io.tlsweep.result.FindingKind;
import io.tlsweep.result.PartKey;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.TargetResult;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.CipherSuites;
import io.tlsweep.wire.HelloRetryRequest;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether a server that speaks a newer version was pushed down to an older one: RFC 8446 §4.1.3 has a TLS 1.3
 * server that negotiates TLS 1.2 end its ServerHello.random with {@code 44 4F 57 4E 47 52 44 01} ("DOWNGRD" 01),
 * and with {@code ... 00} when it negotiates TLS 1.1 or below; a client that offered the newer version and sees
 * it aborts the handshake (illegal_parameter). So a sentinel in the answer to a hello that offered more than was
 * negotiated means something between client and server (a box that rewrites hellos) or the server itself pushes
 * the version down, and clients of the newer version fail. The same sentinel in the answer to a hello that offered
 * no more is the protection working: the value says the server speaks the newer version.
 *
 * <p>Two hellos once the scan accepted a version: TLS 1.3 and 1.2 offered (a TLS 1.3 server answers it with a
 * HelloRetryRequest, the key_share being empty), and up to TLS 1.2 with the suites of the newest version up to
 * TLS 1.2 the scan accepted. This check lives in the tests: it is the proof that a check is one file and one line
 * of registration (see {@code DowngradeSentinelCheckTest}), and, its part being {@link Judged}, the active check the
 * tests of {@code --checks}, the Checks table, the CSV columns, drift and {@code --fail-on vulnerable} run.
 */
public final class DowngradeSentinelCheck implements Check<DowngradeSentinelCheck.Part> {
    static final PartKey<Part> KEY = new PartKey<>("downgrade-sentinel", Part.class);
    static final FindingKind PUSHED_DOWN = FindingKind.of("downgrade-sentinel", "a server that speaks a newer"
            + " version answered with an older one and the RFC 8446 downgrade sentinel: clients that offer the newer"
            + " version abort");

    /**
     * One hello and its answer.
     *
     * @param negotiated the version of the ServerHello (TLS 1.3 for a HelloRetryRequest), empty without one
     * @param sentinel what the random's last 8 bytes say the server speaks (TLS 1.2: "DOWNGRD" 01, TLS 1.1:
     *     "DOWNGRD" 00), empty without the sentinel
     * @param failure what came instead of a ServerHello, when nothing was negotiated
     */
    public record Answer(ProtocolVersion offered, Optional<ProtocolVersion> negotiated,
            Optional<ProtocolVersion> sentinel, Optional<String> failure) {

        /** A sentinel in answer to a hello that offered more than was negotiated. */
        boolean pushedDown() {
            return sentinel.isPresent() && negotiated.filter(n -> n.compareTo(offered) < 0).isPresent();
        }

        String describe() {
            String got = negotiated.map(v -> v.displayName() + sentinel.map(s -> " with the sentinel of a "
                    + (s.equals(ProtocolVersion.TLSv1_2) ? "TLS 1.3" : "TLS 1.2") + " server").orElse(""))
                    .orElseGet(() -> failure.orElse("no ServerHello"));
            return offered.displayName() + " offered: " + got;
        }
    }

    /**
     * The answers, in the order the hellos were sent; judged vulnerable when one was pushed down, not vulnerable
     * when a hello was answered and none was, inconclusive when none was answered.
     */
    public record Part(List<Answer> answers) implements Judged {
        public Part {
            answers = List.copyOf(answers);
        }

        @Override
        public Judgement judgement() {
            String pushed = answers.stream().filter(Answer::pushedDown).map(Answer::describe)
                    .collect(Collectors.joining("; "));
            if (!pushed.isEmpty()) {
                return Judgement.vulnerable(pushed);
            }
            if (answers.stream().anyMatch(a -> a.negotiated().isPresent())) {
                return Judgement.notVulnerable("no answer with the sentinel of a newer version than negotiated");
            }
            return Judgement.inconclusive("no hello was answered with a ServerHello");
        }
    }

    @Override
    public PartKey<Part> key() {
        return KEY;
    }

    @Override
    public Optional<? extends CheckPlan<Part>> plan(PlanContext context) {
        List<ProtocolSupport> accepted = context.plan(TargetScan.class).map(TargetScan::accepted).orElse(List.of());
        if (accepted.isEmpty()) {
            return Optional.empty();
        }
        Optional<ProtocolSupport> legacy = accepted.stream()
                .filter(p -> !p.version().atLeast(ProtocolVersion.TLSv1_3)).reduce((a, b) -> b);
        List<CipherSuite> both = new ArrayList<>(CipherSuites.forVersion(ProtocolVersion.TLSv1_3));
        legacy.ifPresent(p -> both.addAll(p.cipherSuites()));
        List<HelloRound.Hello> hellos = new ArrayList<>();
        hellos.add(new HelloRound.Hello("downgrade sentinel: TLSv1.3 offered", HelloTemplates.upTo(
                ProtocolVersion.TLSv1_2, ProtocolVersion.TLSv1_3, both, context.sni())));
        legacy.ifPresent(p -> hellos.add(new HelloRound.Hello("downgrade sentinel: TLSv1.2 offered",
                HelloTemplates.upTo(accepted.get(0).version(), ProtocolVersion.TLSv1_2, p.cipherSuites(),
                        context.sni()))));
        return Optional.of(new HelloRound<>(context, hellos, exchanges -> new Part(exchanges.stream()
                .map(DowngradeSentinelCheck::answer).toList())));
    }

    static Answer answer(HelloRound.Exchange e) {
        ProtocolVersion offered = e.hello().highestOffered();
        if (e.outcome() instanceof ConnectionOutcome.NoReply none) {
            return new Answer(offered, Optional.empty(), Optional.empty(), Optional.of(none.failure().toString()));
        }
        ServerResponse r = ((ConnectionOutcome.Replied) e.outcome()).response();
        if (r instanceof HelloRetryRequest) {
            return new Answer(offered, Optional.of(ProtocolVersion.TLSv1_3), Optional.empty(), Optional.empty());
        }
        if (r instanceof ServerHello sh) {
            return new Answer(offered, Optional.of(sh.version()), sh.downgradeSentinel(), Optional.empty());
        }
        String instead = r instanceof ServerResponse.Alert a ? a.levelName() + " alert " + a.description()
                : r.getClass().getSimpleName();
        return new Answer(offered, Optional.empty(), Optional.empty(), Optional.of(instead));
    }

    @Override
    public List<FindingKind> kinds() {
        return List.of(PUSHED_DOWN);
    }

    @Override
    public List<Finding> findings(Part part, TargetResult result) {
        String pushed = part.answers().stream().filter(Answer::pushedDown).map(Answer::describe)
                .collect(Collectors.joining("; "));
        return pushed.isEmpty() ? List.of() : List.of(new Finding(PUSHED_DOWN, pushed));
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
                    ObjectNode o = answers.addObject().put("offered", a.offered().displayName());
                    a.negotiated().ifPresent(v -> o.put("negotiated", v.displayName()));
                    a.sentinel().ifPresent(v -> o.put("sentinel", v.displayName()));
                    a.failure().ifPresent(f -> o.put("failure", f));
                }
                return json;
            }

            @Override
            public Part read(JsonNode json) {
                JsonNode answers = json.path("answers");
                if (!answers.isArray()) {
                    throw new IllegalArgumentException("downgrade-sentinel: 'answers' is not a list");
                }
                List<Answer> read = new ArrayList<>();
                for (JsonNode a : answers) {
                    read.add(new Answer(version(a, "offered").orElseThrow(() -> new IllegalArgumentException(
                            "downgrade-sentinel: an answer without 'offered'")), version(a, "negotiated"),
                            version(a, "sentinel"), Optional.ofNullable(a.path("failure").textValue())));
                }
                return new Part(read);
            }

            @Override
            public String summary(Part part) {
                return part.answers().stream().map(a -> a.describe() + (a.pushedDown() ? " (pushed down)" : ""))
                        .collect(Collectors.joining("; "));
            }
        });
    }

    private static Optional<ProtocolVersion> version(JsonNode answer, String field) {
        JsonNode v = answer.path(field);
        if (v.isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(ProtocolVersion.parse(v.asText()).orElseThrow(() -> new IllegalArgumentException(
                "downgrade-sentinel: '" + field + "' is not a version: " + v)));
    }
}
