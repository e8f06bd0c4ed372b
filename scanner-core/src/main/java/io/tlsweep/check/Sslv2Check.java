package io.tlsweep.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.PlanContext;
import io.tlsweep.probe.TargetScan;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.FindingKind;
import io.tlsweep.result.PartKey;
import io.tlsweep.result.Severity;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.HelloRetryRequest;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.ServerResponse;
import io.tlsweep.wire.SslV2CipherKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether the server speaks SSL 2.0, which exposes it to DROWN (CVE-2016-0800): an SSLv2 server with an RSA key
 * lets an attacker decrypt TLS sessions made with the same key. One connection: an SSL 2.0 CLIENT-HELLO (version
 * 0x0002, the seven cipher kinds of the SSL 2.0 draft, a 32-byte challenge); an SSLv2 SERVER-HELLO is the flaw,
 * reported with the cipher kinds it offers (the export ones named). A refusal (an alert, a close, a reset, or a TLS
 * answer) is not; no answer in time, an answer that is not TLS or SSLv2, or a broken one settle nothing.
 *
 * <p>Sent once the scan found a TLS server, behind the endpoint's prelude when it has one; not where the prelude
 * puts ALPN into every hello (TDS 8.0 strict), as an SSLv2 hello has no extensions. A server that speaks only SSLv2
 * ends the scan before this check starts, so it is not found here.
 */
public final class Sslv2Check implements Check<Sslv2Check.Part> {
    static final PartKey<Part> KEY = new PartKey<>("sslv2", Part.class);
    /**
     * Critical: recorded TLS sessions made with the same RSA key can be decrypted through the SSLv2 server (DROWN),
     * in hours on rented machines where export kinds are offered.
     */
    public static final FindingKind SSLV2 = FindingKind.of("sslv2-drown",
            "SSLv2 answered (DROWN, CVE-2016-0800)", Severity.CRITICAL);

    /**
     * What came of the SSLv2 hello.
     *
     * @param cipherKinds the kinds the SERVER-HELLO offered, in its order; empty without one
     */
    public record Part(Judgement judgement, List<SslV2CipherKind> cipherKinds) implements Judged {
        public Part {
            cipherKinds = List.copyOf(cipherKinds);
        }
    }

    @Override
    public PartKey<Part> key() {
        return KEY;
    }

    /** The SSL 2.0 CLIENT-HELLO the check sends. */
    static ClientHelloSpec hello() {
        return ClientHelloSpec.builder().recordVersion(ProtocolVersion.SSLv2).clientVersion(ProtocolVersion.SSLv2)
                .sslV2CipherKinds(SslV2CipherKind.ALL).padding(ClientHelloSpec.Padding.NONE).build();
    }

    @Override
    public String about() {
        return "one SSL 2.0 CLIENT-HELLO; an SSLv2 SERVER-HELLO is DROWN exposure: 1 connection";
    }

    @Override
    public Optional<? extends CheckPlan<Part>> plan(PlanContext context) {
        if (context.plan(TargetScan.class).isEmpty()
                || context.prelude().filter(p -> !p.alpn().isEmpty()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new HelloRound<>(context, List.of(new HelloRound.Hello("SSLv2 CLIENT-HELLO", hello())),
                exchanges -> judge(exchanges.get(0).outcome())));
    }

    /** The part from what the SSLv2 hello got. */
    static Part judge(ConnectionOutcome outcome) {
        if (outcome instanceof ConnectionOutcome.NoReply none) {
            FailureKind kind = none.failure().kind();
            return new Part(kind == FailureKind.RESET_BEFORE_REPLY || kind == FailureKind.CLOSED_BEFORE_REPLY
                    ? Judgement.notVulnerable("the SSLv2 hello was refused: " + kind.label())
                    : Judgement.inconclusive("no answer to the SSLv2 hello: " + kind.label()), List.of());
        }
        if (!(outcome instanceof ConnectionOutcome.Replied replied)) {
            return new Part(Judgement.inconclusive("the SSLv2 hello was not sent: the prelude did not let TLS start"),
                    List.of());
        }
        ServerResponse r = replied.response();
        if (r instanceof ServerResponse.SslV2ServerHello v2) {
            List<SslV2CipherKind> kinds = v2.cipherSpecs().stream().map(SslV2CipherKind::of).toList();
            return new Part(Judgement.vulnerable("SSLv2 SERVER-HELLO " + describe(kinds)), kinds);
        }
        if (r instanceof ServerResponse.Alert a) {
            return new Part(Judgement.notVulnerable("the SSLv2 hello was refused: " + a.levelName() + " alert "
                    + a.description()), List.of());
        }
        if (r instanceof ServerHello sh) {
            return new Part(Judgement.notVulnerable("answered with a " + sh.version().displayName()
                    + " ServerHello, not SSLv2"), List.of());
        }
        if (r instanceof HelloRetryRequest) {
            return new Part(Judgement.notVulnerable("answered with a TLSv1.3 HelloRetryRequest, not SSLv2"),
                    List.of());
        }
        return new Part(Judgement.inconclusive("the SSLv2 hello got " + r), List.of());
    }

    /** "offering 3 cipher kinds: SSL_CK_RC4_128_WITH_MD5, ... (export: SSL_CK_RC4_128_EXPORT40_WITH_MD5)". */
    static String describe(List<SslV2CipherKind> kinds) {
        if (kinds.isEmpty()) {
            return "offering no cipher kind";
        }
        String export = kinds.stream().filter(SslV2CipherKind::export).map(SslV2CipherKind::name)
                .collect(Collectors.joining(", "));
        return "offering " + kinds.size() + " cipher kind" + (kinds.size() == 1 ? "" : "s") + ": "
                + kinds.stream().map(SslV2CipherKind::name).collect(Collectors.joining(", "))
                + (export.isEmpty() ? "" : " (export: " + export + ")");
    }

    @Override
    public List<FindingKind> kinds() {
        return List.of(SSLV2);
    }


    @Override
    public Optional<PartJson<Part>> json() {
        return Optional.of(new PartJson<>() {
            @Override
            public ObjectNode write(Part part) {
                ObjectNode json = JsonNodeFactory.instance.objectNode();
                part.judgement().writeTo(json);
                ArrayNode kinds = json.putArray("cipherKinds");
                part.cipherKinds().forEach(k -> kinds.add(k.name()));
                return json;
            }

            @Override
            public Part read(JsonNode json) {
                List<SslV2CipherKind> kinds = new ArrayList<>();
                JsonNode list = json.path("cipherKinds");
                if (!list.isArray()) {
                    throw new IllegalArgumentException("sslv2: 'cipherKinds' is not a list");
                }
                for (JsonNode k : list) {
                    kinds.add(SslV2CipherKind.parse(k.asText()));
                }
                return new Part(Judgement.readFrom(json, "sslv2"), kinds);
            }

            @Override
            public String summary(Part part) {
                return part.judgement().toString();
            }
        });
    }
}
