package io.tlsweep.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.prelude.AskedPrelude;
import io.tlsweep.prelude.tds.Encryption;
import io.tlsweep.prelude.tds.TdsFacts;
import io.tlsweep.prelude.tds.TdsPrelude;
import io.tlsweep.prelude.tds.TdsStrictPrelude;
import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.PlanContext;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Finding;
import io.tlsweep.result.FindingKind;
import io.tlsweep.result.PartKey;
import io.tlsweep.result.Severity;
import io.tlsweep.result.TargetResult;
import io.tlsweep.wire.HelloRetryRequest;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.ServerResponse;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Two questions to a SQL Server besides the scan, one connection each, before it: what it answers a client whose
 * PRELOGIN says ENCRYPT_OFF (ENCRYPT_REQ: Force Encryption is on and clients that cannot encrypt are turned away;
 * ENCRYPT_OFF: TLS carries the login only; ENCRYPT_NOT_SUP: no TLS at all; the connection is closed after the
 * PRELOGIN response, an {@link AskedPrelude}), and whether it serves TDS 8.0 strict
 * encryption (SQL Server 2022, {@code Encrypt=Strict}): a ClientHello as the first byte, with the ALPN protocol
 * {@code tds/8.0}, answered by a ServerHello or refused (a server without it closes the connection). Both at once
 * ({@link Questions}): a server that forces strict encryption closes the PRELOGIN in the clear and serves the
 * ClientHello; no part where neither was answered.
 *
 * <p>Its finding: ENCRYPT_OFF answered OFF ({@link #ENCRYPTION_NOT_FORCED}). A server answering NOT_SUP has no TLS
 * at all, which the prelude of the scan's own PRELOGIN already reports as {@code service-without-tls}: not found
 * twice. It does not change the verdict, which judges the TLS the server offers.
 */
public final class MssqlEncryptionCheck implements Check<MssqlEncryptionCheck.Part> {
    public static final PartKey<Part> KEY = new PartKey<>("mssql-encryption", Part.class);
    /**
     * The server answered ENCRYPT_OFF with ENCRYPT_OFF: Force Encryption is off, and a client that does not ask for
     * encryption ({@code Encrypt=false}, the default of older drivers) gets TLS for its login packet only; its
     * queries and their results then travel in clear. High: data in clear on the network.
     */
    public static final FindingKind ENCRYPTION_NOT_FORCED = FindingKind.of("mssql-encryption-not-forced",
            "SQL Server does not force encryption: a client that does not ask for it gets TLS for the login only,"
                    + " its queries and results travel in clear", Severity.HIGH);

    /**
     * What the server answered a PRELOGIN saying ENCRYPT_OFF.
     *
     * @param answer its ENCRYPTION answer; empty when no PRELOGIN response came
     * @param failure what came instead of an answer
     */
    public record EncryptOff(Optional<Encryption> answer, Optional<String> failure) {
        public EncryptOff {
            Objects.requireNonNull(answer, "answer");
            Objects.requireNonNull(failure, "failure");
        }

        /**
         * Whether the server encrypts the whole session whatever the client says (Force Encryption: it answered ON
         * or REQ to OFF); empty when it answered NOT_SUP (no TLS at all) or nothing.
         */
        public Optional<Boolean> forceEncryption() {
            return answer.filter(a -> a != Encryption.NOT_SUP).map(a -> a == Encryption.ON || a == Encryption.REQ);
        }

        String describe() {
            if (answer.isEmpty()) {
                return "ENCRYPT_OFF unanswered (" + failure.orElse("no PRELOGIN response") + ")";
            }
            String meaning = switch (answer.get()) {
                case OFF -> "TLS for the login only";
                case ON, REQ -> "Force Encryption, clients that cannot encrypt are turned away";
                case NOT_SUP -> "no TLS at all";
            };
            return "ENCRYPT_OFF answered " + answer.get().label() + ": " + meaning;
        }
    }

    /**
     * What a direct ClientHello with ALPN {@code tds/8.0} got.
     *
     * @param served whether a ServerHello (or a TLS 1.3 HelloRetryRequest) came back
     * @param version the version it chose
     * @param alpn the ALPN protocol the ServerHello selected, where it shows (up to TLS 1.2; TLS 1.3 encrypts it)
     * @param answer what came instead, when not served
     */
    public record Strict(boolean served, Optional<ProtocolVersion> version, Optional<String> alpn,
            Optional<String> answer) {
        public Strict {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(alpn, "alpn");
            Objects.requireNonNull(answer, "answer");
        }

        String describe() {
            if (!served) {
                return "TDS 8.0 strict not served (" + answer.orElse("no ServerHello") + ")";
            }
            return "TDS 8.0 strict served (" + version.map(ProtocolVersion::displayName).orElse("?")
                    + alpn.map(a -> ", ALPN " + a).orElse("") + ")";
        }
    }

    /** The two answers. */
    public record Part(EncryptOff encryptOff, Strict strict) {
        /** What the summary tells the user to do about a server that serves strict encryption only. */
        public static final String RESCAN_STRICT = "strict only: rescan with starttls=mssql-strict";

        public Part {
            Objects.requireNonNull(encryptOff, "encryptOff");
            Objects.requireNonNull(strict, "strict");
        }

        /**
         * Whether TDS 8.0 strict encryption looks like the only way in (SQL Server 2022's Force Strict Encryption):
         * served, while the PRELOGIN in the clear got no answer. Such an endpoint's TLS is scanned with {@code
         * starttls=mssql-strict}; the PRELOGIN scan cannot reach it.
         */
        public boolean strictOnly() {
            return strict.served() && encryptOff.answer().isEmpty();
        }
    }

    @Override
    public PartKey<Part> key() {
        return KEY;
    }

    /** Only where the endpoint speaks TDS's PRELOGIN. */
    @Override
    public Optional<? extends CheckPlan<Part>> plan(PlanContext context) {
        if (context.prelude().filter(p -> p.protocol().equals(TdsPrelude.PROTOCOL)).isEmpty()) {
            return Optional.empty();
        }
        List<HelloRound.Hello> hellos = List.of(
                // a question: the connection ends with the PRELOGIN response, its hello is never sent
                new HelloRound.Hello("mssql-encryption: ENCRYPT_OFF", PreludeHellos.upTo(ProtocolVersion.TLSv1_2,
                        context.sni()), Optional.of(new AskedPrelude(TdsPrelude.asking(Encryption.OFF)))),
                new HelloRound.Hello("mssql-encryption: TDS 8.0 strict", PreludeHellos.upTo(ProtocolVersion.TLSv1_3,
                        context.sni()), Optional.of(TdsStrictPrelude.ON_PRELOGIN_ENDPOINT)));
        return Optional.of(Questions.allAtOnce(context, hellos, e -> new Part(encryptOff(e.get(0).outcome()),
                strict(e.get(1).outcome()))));
    }

    static EncryptOff encryptOff(ConnectionOutcome outcome) {
        Optional<Encryption> answer = outcome.prelude().filter(TdsFacts.class::isInstance).map(TdsFacts.class::cast)
                .flatMap(TdsFacts::encryption);
        Optional<String> failure = answer.isPresent() ? Optional.empty()
                : Optional.of(outcome instanceof ConnectionOutcome.NoReply none ? none.failure().toString()
                        : "no PRELOGIN response");
        return new EncryptOff(answer, failure);
    }

    static Strict strict(ConnectionOutcome outcome) {
        if (outcome instanceof ConnectionOutcome.NoReply none) {
            return new Strict(false, Optional.empty(), Optional.empty(), Optional.of(none.failure().toString()));
        }
        if (outcome instanceof ConnectionOutcome.Handshook h) {
            return new Strict(true, Optional.of(h.handshake().version()), Optional.empty(), Optional.empty());
        }
        if (!(outcome instanceof ConnectionOutcome.Replied replied)) {
            return new Strict(false, Optional.empty(), Optional.empty(), Optional.of("no hello was answered"));
        }
        ServerResponse r = replied.response();
        if (r instanceof HelloRetryRequest) {
            return new Strict(true, Optional.of(ProtocolVersion.TLSv1_3), Optional.empty(), Optional.empty());
        }
        if (r instanceof ServerHello sh) {
            return new Strict(true, Optional.of(sh.version()), sh.alpn(), Optional.empty());
        }
        return new Strict(false, Optional.empty(), Optional.empty(), Optional.of(r.toString()));
    }

    @Override
    public List<FindingKind> kinds() {
        return List.of(ENCRYPTION_NOT_FORCED);
    }

    @Override
    public List<Finding> findings(Part part, TargetResult result) {
        return part.encryptOff().answer().filter(a -> a == Encryption.OFF).map(a -> List.of(new Finding(
                ENCRYPTION_NOT_FORCED, "ENCRYPT_OFF answered off: TLS for the login packet only, the rest of the"
                        + " session in clear"))).orElse(List.of());
    }

    @Override
    public Optional<PartJson<Part>> json() {
        return Optional.of(new PartJson<>() {
            /**
             * {@code encrypt-off} ({@code answer}: the ENCRYPTION label, {@code force-encryption}, {@code failure})
             * and {@code tds8-strict} ({@code served}, {@code version}, {@code alpn}, {@code answer}).
             */
            @Override
            public ObjectNode write(Part part) {
                ObjectNode json = JsonNodeFactory.instance.objectNode();
                ObjectNode off = json.putObject("encrypt-off");
                part.encryptOff().answer().ifPresent(a -> off.put("answer", a.label()));
                part.encryptOff().forceEncryption().ifPresent(f -> off.put("force-encryption", f));
                part.encryptOff().failure().ifPresent(f -> off.put("failure", f));
                ObjectNode strict = json.putObject("tds8-strict").put("served", part.strict().served());
                part.strict().version().ifPresent(v -> strict.put("version", v.displayName()));
                part.strict().alpn().ifPresent(a -> strict.put("alpn", a));
                part.strict().answer().ifPresent(a -> strict.put("answer", a));
                return json;
            }

            @Override
            public Part read(JsonNode json) {
                JsonNode off = json.path("encrypt-off");
                JsonNode strict = json.path("tds8-strict");
                if (!off.isObject() || !strict.isObject() || !strict.path("served").isBoolean()) {
                    throw new IllegalArgumentException("mssql-encryption: 'encrypt-off' and 'tds8-strict' with"
                            + " 'served' are needed");
                }
                Optional<Encryption> answer = text(off, "answer").map(label -> List.of(Encryption.values()).stream()
                        .filter(e -> e.label().equals(label)).findFirst().orElseThrow(() ->
                                new IllegalArgumentException("mssql-encryption: '" + label + "' is no ENCRYPTION")));
                Optional<ProtocolVersion> version = text(strict, "version").map(v -> ProtocolVersion.parse(v)
                        .orElseThrow(() -> new IllegalArgumentException("mssql-encryption: '" + v
                                + "' is not a version")));
                return new Part(new EncryptOff(answer, text(off, "failure")), new Strict(
                        strict.get("served").booleanValue(), version, text(strict, "alpn"), text(strict, "answer")));
            }

            @Override
            public String summary(Part part) {
                return part.encryptOff().describe() + "; " + part.strict().describe()
                        + (part.strictOnly() ? "; " + Part.RESCAN_STRICT : "");
            }
        });
    }

    private static Optional<String> text(JsonNode o, String field) {
        return Optional.ofNullable(o.path(field).textValue());
    }
}
