package io.tlsweep.check;

import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.HelloTemplates;
import io.tlsweep.probe.PlanContext;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.probe.TargetScan;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Finding;
import io.tlsweep.result.FindingKind;
import io.tlsweep.result.PartKey;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.TargetResult;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.CipherMode;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.Extension;
import io.tlsweep.wire.ExtensionType;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.ServerResponse;
import java.util.List;
import java.util.Optional;

/**
 * What a TLS ≤ 1.2 server's ServerHello says of the extensions a modern client asks for: extended_master_secret
 * (RFC 7627), encrypt_then_mac (RFC 7366, meaningful with a CBC suite only), session_ticket (RFC 5077) and ALPN (RFC
 * 7301: h2 and http/1.1 offered, the protocol selected or a no_application_protocol alert); OCSP stapling is the
 * scan's own {@code ocspStapled} (its hellos ask for it), read here at no cost.
 *
 * <p>The scan's hellos offer none of these (status_request aside), so the check sends one hello, in the newest
 * version from TLS 1.0 to 1.2 the scan accepted, with the CBC suites it accepted there (its other suites when it
 * accepted no CBC one), offering them all; ALPN only on a web endpoint ({@link #WEB_PORTS}, no prelude), as a
 * browser would: elsewhere (mail, LDAP, RDP, a database) h2 and http/1.1 mean nothing and a strict server may refuse
 * them. A server that answers it with no_application_protocol gets the same hello without ALPN: one connection, two
 * for such a server (a lost answer is asked again, up to three attempts,
 * {@link PatientRound}). A server without EMS is open to the triple handshake attack (RFC 7627
 * §1): that is the one weakness judged; the rest are properties of the endpoint. Without a version from TLS 1.0 to
 * 1.2 the check does not apply (TLS 1.3 has the extended master secret in its key schedule) and costs nothing.
 */
public final class HelloFeaturesCheck implements Check<HelloFeaturesCheck.Part> {
    static final PartKey<Part> KEY = new PartKey<>("hello-features", Part.class);
    static final FindingKind NO_EXTENDED_MASTER_SECRET = FindingKind.of("no-extended-master-secret",
            "no extended master secret in TLS ≤ 1.2 (RFC 7627): sessions are open to the triple handshake attack");
    /** The protocols offered in ALPN, a browser's two. */
    static final List<String> ALPN = List.of("h2", "http/1.1");
    /**
     * The ports where an endpoint without a prelude is taken for a web one and offered ALPN: HTTPS (443) and the
     * alternates web servers, admin consoles and appliances commonly listen on (8443, 4443, 9443, 10443).
     */
    static final java.util.Set<Integer> WEB_PORTS = java.util.Set.of(443, 8443, 4443, 9443, 10443);

    /**
     * What the ServerHello echoed.
     *
     * @param encryptThenMac whether encrypt_then_mac was echoed; empty when the suite chosen is not a CBC one
     * @param alpn the protocol the server selected
     * @param alpnRefused whether the hello with ALPN got a no_application_protocol alert (these facts are then the
     *     answer to the same hello without ALPN)
     */
    public record Features(ProtocolVersion version, CipherSuite suite, boolean extendedMasterSecret,
            Optional<Boolean> encryptThenMac, boolean sessionTicket, Optional<String> alpn, boolean alpnRefused) {

        String describe() {
            return version.displayName() + " " + suite.ianaName() + ": extended master secret "
                    + yesNo(extendedMasterSecret) + ", encrypt-then-MAC "
                    + encryptThenMac.map(HelloFeaturesCheck::yesNo).orElse("n/a (not a CBC suite)")
                    + ", session ticket " + yesNo(sessionTicket) + ", ALPN "
                    + (alpnRefused ? "refused (no_application_protocol)" : alpn.orElse("none"));
        }
    }

    /**
     * The check's part.
     *
     * @param features the ServerHello's answer; empty when the check does not apply or the hello got none
     * @param ocspStapled the scan's: a TLS ≤ 1.2 first flight carried an OCSP response
     */
    public record Part(Judgement judgement, Optional<Features> features, boolean ocspStapled) implements Judged {
    }

    @Override
    public String about() {
        return "one TLS <= 1.2 hello offering EMS, encrypt-then-MAC, session ticket and (on web ports) ALPN:"
                + " 1 connection";
    }

    @Override
    public PartKey<Part> key() {
        return KEY;
    }

    @Override
    public Optional<? extends CheckPlan<Part>> plan(PlanContext context) {
        Optional<TargetScan> scan = context.plan(TargetScan.class);
        List<ProtocolSupport> accepted = scan.map(TargetScan::accepted).orElse(List.of());
        if (accepted.isEmpty()) {
            return Optional.empty();
        }
        boolean ocsp = scan.get().ocspStapled();
        Optional<ProtocolSupport> legacy = accepted.stream().filter(p -> p.version().atLeast(ProtocolVersion.TLSv1_0)
                && !p.version().atLeast(ProtocolVersion.TLSv1_3)).reduce((a, b) -> b);
        if (legacy.isEmpty()) {
            return Optional.of(new Settled<>(new Part(Judgement.notApplicable("no version from TLS 1.0 to 1.2"
                    + " accepted (TLS 1.3 has the extended master secret in its key schedule)"), Optional.empty(),
                    ocsp)));
        }
        return Optional.of(new Plan(context.firstStepId(), hello(legacy.get(), context.sni(), web(context)), ocsp));
    }

    /** Whether the endpoint is a web one: TLS from the first byte on one of the {@link #WEB_PORTS}. */
    static boolean web(PlanContext context) {
        return context.prelude().isEmpty() && context.port().isPresent()
                && WEB_PORTS.contains(context.port().getAsInt());
    }

    /**
     * The hello: the version's CBC suites (else all it accepted), every extension asked about, ALPN on a web
     * endpoint.
     */
    static ClientHelloSpec hello(ProtocolSupport version, Optional<String> sni, boolean web) {
        List<CipherSuite> cbc = version.cipherSuites().stream().filter(s -> s.cipherMode() == CipherMode.CBC)
                .toList();
        return HelloTemplates.upTo(version.version(), version.version(), cbc.isEmpty() ? version.cipherSuites() : cbc,
                sni).toBuilder().extendedMasterSecret(true).sessionTicket(true).statusRequest(true)
                .alpn(web ? ALPN : List.of())
                .extraExtensions(List.of(Extension.of(ExtensionType.ENCRYPT_THEN_MAC.code(), new byte[0])))
                .build();
    }

    /** The hello, then the same without ALPN if it offered ALPN and was refused for it; a lost answer asked again. */
    private static final class Plan implements CheckPlan<Part> {
        private final PatientRound<HelloRound.Exchange> first;
        private final HelloRound.Hello withoutAlpn;
        private final int secondId;
        private final boolean ocsp;
        private PatientRound<HelloRound.Exchange> second;
        private Part part;

        Plan(int firstId, ClientHelloSpec hello, boolean ocsp) {
            first = new PatientRound<>(firstId, List.of(new HelloRound.Hello(
                    "hello features: EMS, encrypt-then-MAC, ticket, ALPN", hello)), e -> e.get(0));
            withoutAlpn = new HelloRound.Hello("hello features again without ALPN", hello.toBuilder().alpn(List.of())
                    .build());
            secondId = firstId + PatientRound.ATTEMPTS;
            this.ocsp = ocsp;
        }

        @Override
        public List<ProbeStep> ready() {
            if (part != null) {
                return List.of();
            }
            return second == null ? first.ready() : second.ready();
        }

        @Override
        public void complete(ProbeStep step, ConnectionOutcome outcome) {
            if (second == null) {
                first.complete(step, outcome);
                HelloRound.Exchange answer = first.part().orElse(null);
                if (answer != null && !answer.hello().alpn().isEmpty() && alpnRefused(answer.outcome())) {
                    second = new PatientRound<>(secondId, List.of(withoutAlpn), e -> e.get(0));
                } else if (answer != null) {
                    part = fold(List.of(answer), ocsp);
                }
            } else {
                second.complete(step, outcome);
                second.part().ifPresent(again -> part = fold(List.of(first.part().orElseThrow(), again), ocsp));
            }
        }

        @Override
        public boolean done() {
            return part != null;
        }

        @Override
        public Optional<Part> part() {
            return Optional.ofNullable(part);
        }

        @Override
        public int connections() {
            return first.connections() + (second == null ? 0 : second.connections());
        }
    }

    static boolean alpnRefused(ConnectionOutcome outcome) {
        return outcome instanceof ConnectionOutcome.Replied r && r.response() instanceof ServerResponse.Alert a
                && a.description().equals(AlertDescription.NO_APPLICATION_PROTOCOL);
    }

    /** The part from the hello's answer and, when that was an ALPN refusal, the answer to the one without ALPN. */
    static Part fold(List<HelloRound.Exchange> exchanges, boolean ocspStapled) {
        HelloRound.Exchange last = exchanges.get(exchanges.size() - 1);
        boolean alpnRefused = exchanges.size() > 1 && alpnRefused(exchanges.get(0).outcome());
        String offered = last.hello().clientVersion().displayName() + " hello with EMS, encrypt-then-MAC, ticket"
                + (last.hello().alpn().isEmpty() ? "" : " and ALPN");
        if (!(last.outcome() instanceof ConnectionOutcome.Replied r) || !(r.response() instanceof ServerHello sh)) {
            return new Part(Judgement.inconclusive(offered + ": " + instead(last.outcome())), Optional.empty(),
                    ocspStapled);
        }
        Optional<Boolean> etm = sh.cipherSuite().cipherMode() == CipherMode.CBC
                ? Optional.of(sh.extension(ExtensionType.ENCRYPT_THEN_MAC).isPresent()) : Optional.empty();
        Features f = new Features(sh.version(), sh.cipherSuite(),
                sh.extension(ExtensionType.EXTENDED_MASTER_SECRET).isPresent(), etm,
                sh.extension(ExtensionType.SESSION_TICKET).isPresent(), sh.alpn(), alpnRefused);
        String alpn = exchanges.get(0).hello().alpn().isEmpty() ? "; ALPN not offered (not a web port)" : "";
        Judgement j = f.extendedMasterSecret()
                ? Judgement.notVulnerable("extended_master_secret echoed in " + f.version().displayName() + alpn)
                : Judgement.vulnerable(f.version().displayName() + " ServerHello without extended_master_secret:"
                        + " the triple handshake attack (RFC 7627)" + alpn);
        return new Part(j, Optional.of(f), ocspStapled);
    }

    /** What came instead of a ServerHello, in a few words. */
    static String instead(ConnectionOutcome outcome) {
        if (outcome instanceof ConnectionOutcome.Replied r) {
            ServerResponse response = r.response();
            if (response instanceof ServerResponse.Alert a) {
                return a.levelName() + " alert " + a.description();
            }
            return response instanceof ServerResponse.NotTls || response instanceof ServerResponse.Malformed
                    ? response.toString() : "a " + response.getClass().getSimpleName();
        }
        if (outcome instanceof ConnectionOutcome.NoReply none) {
            return none.failure().toString();
        }
        return "the prelude's answer only";
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    @Override
    public List<FindingKind> kinds() {
        return List.of(NO_EXTENDED_MASTER_SECRET);
    }

    @Override
    public List<Finding> findings(Part part, TargetResult result) {
        return part.features().filter(f -> !f.extendedMasterSecret())
                .map(f -> List.of(new Finding(NO_EXTENDED_MASTER_SECRET, f.version().displayName() + " "
                        + f.suite().ianaName() + ": ServerHello without extended_master_secret")))
                .orElse(List.of());
    }

    @Override
    public Optional<PartJson<Part>> json() {
        return Optional.of(new HelloFeaturesJson());
    }
}
