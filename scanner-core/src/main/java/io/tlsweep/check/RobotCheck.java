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
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.KeyExchange;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerHello;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * ROBOT (Böck, Somorovsky and Young, USENIX Security 2018; CERT/CC VU#144389 and the vendors' CVEs): whether the
 * server answers RSA-encrypted premaster secrets differently by their PKCS#1 v1.5 padding, a Bleichenbacher oracle that
 * lets an attacker decrypt recorded sessions or sign with the server's key. For static RSA key exchange only
 * (TLS_RSA_*, RFC 5246 §7.4.7.1), in the newest version of TLS 1.0–1.2 in which the scan accepted such a suite,
 * offering those suites.
 *
 * <p>One connection per {@link RobotVariant}: the hello, then ({@link RobotKeyExchange}) that ClientKeyExchange
 * encrypted with the leaf's RSA key, a ChangeCipherSpec and a garbage Finished; the answer is its alerts and how the
 * connection ended ({@link RobotReading}). All five alike: not vulnerable. Otherwise (an answer lost, a silence, or
 * answers that differ) the five once more ({@link RobotRounds}): answers that differ and are the same both times are
 * the oracle, weak or strong as the paper and its scanner name them; a lost or changing answer, or silence from
 * every variant, leaves it inconclusive. At most 10 connections, so it is opt-in.
 */
public final class RobotCheck implements Check<RobotCheck.Part> {
    static final PartKey<Part> KEY = new PartKey<>("robot", Part.class);
    static final FindingKind ROBOT = FindingKind.of("robot", "ROBOT (CERT/CC VU#144389): the server"
            + " answers malformed RSA key exchanges differently, a Bleichenbacher oracle that decrypts recorded"
            + " sessions and signs with its key", Severity.HIGH);

    /** The two kinds of oracle the ROBOT paper names. */
    public enum Oracle {
        /**
         * Blocks that start 0x00 0x02 but are malformed further on are answered unlike the block with wrong first
         * bytes: the attacker learns whether a block is PKCS#1 v1.5 conformant, the fast attack.
         */
        STRONG("strong"),
        /** Only well-formed blocks (0x00 0x02, a separator in place) are answered differently: a slower attack. */
        WEAK("weak");

        private final String label;

        Oracle(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * What the check found.
     *
     * @param version the version of the ServerHello the records followed, when one came
     * @param oracle the kind of oracle, when vulnerable
     * @param answers how each variant was answered (the last round's answers that came)
     */
    public record Part(Judgement judgement, Optional<ProtocolVersion> version, Optional<Oracle> oracle,
            Map<RobotVariant, String> answers) implements Judged {
        public Part {
            answers = answers.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(answers));
        }
    }

    @Override
    public PartKey<Part> key() {
        return KEY;
    }

    @Override
    public boolean onByDefault() {
        return false;
    }

    @Override
    public String about() {
        return "the five RSA ClientKeyExchange variants of the ROBOT paper, each with a ChangeCipherSpec and a garbage"
                + " Finished: 5 connections, 10 when the first five do not settle it; opt-in for that cost";
    }

    @Override
    public Optional<? extends CheckPlan<Part>> plan(PlanContext context) {
        if (!AfterReply.anyAccepted(context)) {
            return Optional.empty();
        }
        Optional<ProtocolSupport> newest = context.plan(TargetScan.class).map(TargetScan::accepted).orElse(List.of())
                .stream().filter(p -> p.version().atLeast(ProtocolVersion.TLSv1_0)
                        && !p.version().atLeast(ProtocolVersion.TLSv1_3) && !staticRsa(p.cipherSuites()).isEmpty())
                .reduce((older, newer) -> newer);
        if (newest.isEmpty()) {
            return Optional.of(new Settled<>(new Part(Judgement.notApplicable("no static RSA key-exchange suite"
                    + " (TLS_RSA_*) accepted in TLS 1.0–1.2"), Optional.empty(), Optional.empty(), Map.of())));
        }
        ProtocolVersion v = newest.get().version();
        ClientHelloSpec hello = HelloTemplates.upTo(v, v, staticRsa(newest.get().cipherSuites()), context.sni());
        return Optional.of(new RobotRounds<>(context.firstStepId(), "robot: RSA ClientKeyExchange in "
                + v.displayName(), hello, v.code(), RobotCheck::decide));
    }

    private static List<CipherSuite> staticRsa(List<CipherSuite> suites) {
        return suites.stream().filter(s -> s.keyExchange() == KeyExchange.RSA && !s.isExport()).toList();
    }

    /**
     * The part from the rounds so far (each the five outcomes in variant order), or empty when one more round is
     * needed and allowed. Pure.
     */
    static Optional<Part> decide(List<List<ConnectionOutcome>> rounds) {
        List<ConnectionOutcome> last = rounds.get(rounds.size() - 1);
        Optional<ProtocolVersion> version = last.stream().flatMap(o -> o instanceof ConnectionOutcome.Replied r
                && r.response() instanceof ServerHello sh ? Stream.of(sh.version()) : Stream.empty()).findFirst();
        Map<RobotVariant, RobotReading> latest = new EnumMap<>(RobotVariant.class);
        Map<RobotVariant, String> settled = new EnumMap<>(RobotVariant.class);
        for (List<ConnectionOutcome> round : rounds) {
            for (RobotVariant v : RobotVariant.values()) {
                RobotReading r = RobotReading.of(round.get(v.ordinal()));
                if (r.kind() == RobotReading.Kind.UNUSABLE) {
                    return Optional.of(new Part(Judgement.notApplicable(r.text()), version, Optional.empty(),
                            Map.of()));
                }
                if (r.kind() == RobotReading.Kind.HEARD) {
                    String before = settled.putIfAbsent(v, r.text());
                    if (before != null && !before.equals(r.text())) {
                        return Optional.of(new Part(Judgement.inconclusive("the " + v.description()
                                + " ClientKeyExchange got " + before + ", then " + r.text() + ": the answers are not"
                                + " stable"), version, Optional.empty(), heard(rounds)));
                    }
                }
                latest.put(v, r);
            }
        }
        boolean firstRound = rounds.size() == 1;
        boolean clean = latest.values().stream().allMatch(r -> r.kind() == RobotReading.Kind.HEARD && !r.silent());
        if (firstRound && !(clean && settled.values().stream().distinct().count() == 1)) {
            return Optional.empty();
        }
        if (settled.size() < RobotVariant.values().length) {
            return Optional.of(inconclusive(latest, version));
        }
        Map<RobotVariant, String> answers = heard(rounds);
        if (settled.values().stream().distinct().count() == 1) {
            String answer = settled.get(RobotVariant.CORRECT);
            if (answer.equals(RobotReading.SILENCE)) {
                return Optional.of(new Part(Judgement.inconclusive("none of the five ClientKeyExchange variants was"
                        + " answered before the read deadline, twice"), version, Optional.empty(), answers));
            }
            return Optional.of(new Part(Judgement.notVulnerable("all five ClientKeyExchange variants got the same"
                    + " answer: " + answer), version, Optional.empty(), answers));
        }
        Oracle oracle = settled.get(RobotVariant.WRONG_FIRST_BYTES).equals(settled.get(RobotVariant.MISPLACED_ZERO))
                && settled.get(RobotVariant.WRONG_FIRST_BYTES).equals(settled.get(RobotVariant.NO_ZERO))
                ? Oracle.WEAK : Oracle.STRONG;
        String kind = oracle == Oracle.WEAK ? "only the well-formed blocks are told apart"
                : "malformed blocks that start 0x00 0x02 are told from the one with wrong first bytes";
        return Optional.of(new Part(Judgement.vulnerable("the ClientKeyExchange variants got different answers,"
                + " confirmed by a second round (" + grouped(settled) + "): a " + oracle.label() + " oracle (" + kind + ")"), version,
                Optional.of(oracle), answers));
    }

    private static Part inconclusive(Map<RobotVariant, RobotReading> latest, Optional<ProtocolVersion> version) {
        RobotVariant lost = latest.entrySet().stream().filter(e -> e.getValue().kind() != RobotReading.Kind.HEARD)
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        return new Part(Judgement.inconclusive("the answer to the " + lost.description() + " ClientKeyExchange was"
                + " lost twice (" + latest.get(lost).text() + ")"), version, Optional.empty(), Map.of());
    }

    /** The answers that came in the last round, by variant. */
    private static Map<RobotVariant, String> heard(List<List<ConnectionOutcome>> rounds) {
        Map<RobotVariant, String> answers = new EnumMap<>(RobotVariant.class);
        List<ConnectionOutcome> last = rounds.get(rounds.size() - 1);
        for (RobotVariant v : RobotVariant.values()) {
            RobotReading r = RobotReading.of(last.get(v.ordinal()));
            if (r.kind() == RobotReading.Kind.HEARD) {
                answers.put(v, r.text());
            }
        }
        return answers;
    }

    /** "a fatal bad_record_mac alert, then closed: correctly formatted, wrong TLS version; ...". */
    private static String grouped(Map<RobotVariant, String> answers) {
        Map<String, StringBuilder> byAnswer = new LinkedHashMap<>();
        answers.forEach((v, a) -> byAnswer.merge(a, new StringBuilder(v.description()),
                (had, more) -> had.append(", ").append(more)));
        StringBuilder out = new StringBuilder();
        for (Iterator<Map.Entry<String, StringBuilder>> it = byAnswer.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, StringBuilder> e = it.next();
            out.append(e.getKey()).append(" for ").append(e.getValue()).append(it.hasNext() ? "; " : "");
        }
        return out.toString();
    }

    @Override
    public List<FindingKind> kinds() {
        return List.of(ROBOT);
    }


    @Override
    public Optional<PartJson<Part>> json() {
        return Optional.of(new PartJson<>() {
            @Override
            public ObjectNode write(Part part) {
                ObjectNode json = JsonNodeFactory.instance.objectNode();
                part.judgement().writeTo(json);
                part.version().ifPresent(v -> json.put("version", v.displayName()));
                part.oracle().ifPresent(o -> json.put("oracle", o.label()));
                if (!part.answers().isEmpty()) {
                    ObjectNode answers = json.putObject("answers");
                    part.answers().forEach((v, a) -> answers.put(v.label(), a));
                }
                return json;
            }

            @Override
            public Part read(JsonNode json) {
                String id = KEY.id();
                JsonNode oracle = json.path("oracle");
                Optional<Oracle> o = oracle.isMissingNode() ? Optional.empty() : Arrays.stream(Oracle.values()).filter(k -> k.label().equals(oracle.textValue())).findFirst();
                if (!oracle.isMissingNode() && o.isEmpty()) {
                    throw new IllegalArgumentException(id + ": 'oracle' is weak or strong, not " + oracle);
                }
                JsonNode answers = json.path("answers");
                if (!answers.isMissingNode() && !answers.isObject()) {
                    throw new IllegalArgumentException(id + ": 'answers' is an object of the variants' answers");
                }
                Map<RobotVariant, String> read = new EnumMap<>(RobotVariant.class);
                for (Iterator<Map.Entry<String, JsonNode>> it = answers.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    RobotVariant v = RobotVariant.of(e.getKey()).orElseThrow(() -> new IllegalArgumentException(id
                            + ": 'answers' has no variant '" + e.getKey() + "'"));
                    if (!e.getValue().isTextual()) {
                        throw new IllegalArgumentException(id + ": the answer of '" + e.getKey() + "' is text");
                    }
                    read.put(v, e.getValue().textValue());
                }
                return new Part(Judgement.readFrom(json, id), PartFields.version(json, "version", id), o, read);
            }

            @Override
            public String summary(Part part) {
                return part.judgement().toString();
            }
        });
    }
}
