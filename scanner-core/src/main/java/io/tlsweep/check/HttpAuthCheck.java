package io.tlsweep.check;

import io.tlsweep.prelude.ShortText;
import io.tlsweep.prelude.http.HttpAuthCodec;
import io.tlsweep.prelude.http.HttpRequest;
import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.HelloTemplates;
import io.tlsweep.probe.PlanContext;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.probe.RealExchange;
import io.tlsweep.probe.TargetScan;
import io.tlsweep.result.AuthAfterTls;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Finding;
import io.tlsweep.result.FindingKind;
import io.tlsweep.result.PartKey;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.Severity;
import io.tlsweep.result.TargetResult;
import io.tlsweep.wire.ClientHelloSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Which HTTP authentication schemes a web endpoint offers (RFC 9110 §11.6.1 {@code WWW-Authenticate}), and whether
 * Basic is among them: the other legacy Microsoft 365 estates retire beside TLS 1.0 and 1.1 (Basic authentication
 * in Exchange Online). On a web port (443, 4443, 8443, 9443, 10443) without a prelude, one real handshake with the
 * scan's newest version and its suites, then one {@code GET /} over it ({@link HttpAuthCodec}: the answer's head
 * only, no credential ever sent); a second connection for the path the user gives ({@code --http-path}) when it is
 * not {@code /}. Basic offered is the flaw (medium: the password crosses in every request); NTLM offered is a lesser
 * one (low: a challenge-response open to relay, which Microsoft is retiring too); Negotiate, Bearer, other schemes
 * or no challenge at all (a 200, a redirect, a 404) are not; an answer that is no HTTP makes the check not apply;
 * a handshake or answer lost leaves it open.
 */
public final class HttpAuthCheck implements Check<HttpAuthCheck.Part> {
    static final PartKey<Part> KEY = new PartKey<>("http-auth", Part.class);
    /** Medium: anyone who reads or stores one request has the password; Exchange Online retired it. */
    public static final FindingKind BASIC = FindingKind.of("http-basic-auth", "HTTP Basic authentication offered:"
            + " the password crosses in every request (the legacy Exchange Online retired)", Severity.MEDIUM);
    /** Low: no password crosses, but the NTLM exchange can be relayed or cracked offline. */
    public static final FindingKind NTLM = FindingKind.of("http-ntlm-auth", "NTLM authentication offered over HTTP"
            + " (MS-NTHT): a legacy challenge-response open to relay", Severity.LOW);
    /** The ports tlsweep takes for web ones: HTTPS and its usual alternates. */
    static final Set<Integer> WEB_PORTS = Set.of(443, 4443, 8443, 9443, 10443);
    static final String BASIC_SCHEME = "Basic";
    static final String NTLM_SCHEME = "NTLM";

    /**
     * What one path's request came to.
     *
     * @param status the answer's status; empty when there was no HTTP answer
     * @param schemes the {@code WWW-Authenticate} schemes, each once, in the server's order
     * @param lost why nothing was learned (the handshake failed, the server closed or fell silent); empty when the
     *     server answered, and then an answer without a status was not HTTP
     * @param server the answer's {@code Server} field as {@link HttpAuthCodec} keeps it; empty when it had none
     */
    public record Answer(String path, Optional<Integer> status, List<String> schemes, Optional<String> lost,
            Optional<String> server) {
        public Answer {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(status, "status");
            schemes = List.copyOf(schemes);
            Objects.requireNonNull(lost, "lost");
            Objects.requireNonNull(server, "server");
        }

        /** An answer without a {@code Server} field, or none at all. */
        public Answer(String path, Optional<Integer> status, List<String> schemes, Optional<String> lost) {
            this(path, status, schemes, lost, Optional.empty());
        }

        static Answer http(String path, int status, List<String> schemes) {
            return http(path, status, schemes, Optional.empty());
        }

        static Answer http(String path, int status, List<String> schemes, Optional<String> server) {
            return new Answer(path, Optional.of(status), schemes, Optional.empty(), server);
        }

        static Answer notHttp(String path) {
            return new Answer(path, Optional.empty(), List.of(), Optional.empty());
        }

        static Answer lost(String path, String why) {
            return new Answer(path, Optional.empty(), List.of(), Optional.of(why));
        }

        boolean offers(String scheme) {
            return schemes.contains(scheme);
        }

        boolean wasNotHttp() {
            return status.isEmpty() && lost.isEmpty();
        }

        /** "/owa/: 401, Basic, NTLM", "/: 200, no challenge", "/: not HTTP", "/: lost (read-timeout)". */
        String describe() {
            if (lost.isPresent()) {
                return path + ": lost (" + lost.get() + ")";
            }
            if (status.isEmpty()) {
                return path + ": not HTTP";
            }
            return path + ": " + status.get() + ", " + (schemes.isEmpty() ? "no challenge"
                    : String.join(", ", schemes));
        }
    }

    /** The judgement and one answer per path asked, {@code /} first. */
    public record Part(Judgement judgement, List<Answer> answers) implements Judged {
        public Part {
            Objects.requireNonNull(judgement, "judgement");
            answers = List.copyOf(answers);
        }

        /** Whether any path offered Basic. */
        public boolean basic() {
            return answers.stream().anyMatch(a -> a.offers(BASIC_SCHEME));
        }

        /** The first {@code Server} field an answer had, {@code /}'s first. */
        public Optional<String> server() {
            return answers.stream().map(Answer::server).flatMap(Optional::stream).findFirst();
        }
    }

    @Override
    public PartKey<Part> key() {
        return KEY;
    }

    @Override
    public String about() {
        return "on web ports, GET / over a real handshake, no credential sent, read for WWW-Authenticate and"
                + " Server: 1 connection, 2 with --http-path";
    }

    @Override
    public Optional<? extends CheckPlan<Part>> plan(PlanContext context) {
        if (!AfterReply.anyAccepted(context)) {
            return Optional.empty();
        }
        if (context.prelude().isPresent()) {
            return Optional.of(new Settled<>(new Part(Judgement.notApplicable("not a web endpoint: "
                    + context.prelude().get().protocol() + " is spoken before TLS"), List.of())));
        }
        java.util.OptionalInt port = context.port();
        if (port.isEmpty() || context.host().isEmpty() || !WEB_PORTS.contains(port.getAsInt())) {
            return Optional.of(new Settled<>(new Part(Judgement.notApplicable("not a web port ("
                    + (port.isPresent() ? "port " + port.getAsInt() + "; " : "") + "web ports: "
                    + WEB_PORTS.stream().sorted().map(String::valueOf).collect(Collectors.joining(", ")) + ")"),
                    List.of())));
        }
        Optional<ProtocolSupport> newest = context.plan(TargetScan.class).map(TargetScan::accepted)
                .orElse(List.of()).stream().filter(p -> !p.cipherSuites().isEmpty()).reduce((older, newer) -> newer);
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        String host = HttpRequest.host(context.sni(), context.host().get(), port.getAsInt());
        List<String> paths = paths(context.settings().options().httpPath());
        ClientHelloSpec hello = hello(newest.get(), context.sni());
        List<ProbeStep> steps = new ArrayList<>();
        for (String path : paths) {
            steps.add(ProbeStep.real(context.firstStepId() + steps.size(), "http-auth: GET " + ShortText.cut(path, 60)
                    + " over " + newest.get().version().displayName(), hello,
                    RealExchange.askingAfterTls(() -> new HttpAuthCodec(host, path))));
        }
        return Optional.of(new HttpAuthPlan(steps, outcomes -> {
            List<Answer> answers = new ArrayList<>();
            for (int i = 0; i < paths.size(); i++) {
                answers.add(answer(paths.get(i), outcomes.get(i)));
            }
            return judge(answers);
        }));
    }

    /** {@code /}, then {@code httpPath} when it is another. */
    static List<String> paths(String httpPath) {
        return httpPath.equals(HttpRequest.DEFAULT_PATH) ? List.of(HttpRequest.DEFAULT_PATH)
                : List.of(HttpRequest.DEFAULT_PATH, httpPath);
    }

    /** What the real stack offers: the scan's hello for the version, with its accepted suites, asking HTTP/1.1. */
    static ClientHelloSpec hello(ProtocolSupport version, Optional<String> sni) {
        return HelloTemplates.upTo(version.version(), version.version(), version.cipherSuites(), sni).toBuilder()
                .alpn(List.of("http/1.1")).build();
    }

    static Answer answer(String path, ConnectionOutcome outcome) {
        if (outcome instanceof ConnectionOutcome.Handshook h) {
            Optional<AuthAfterTls> learned = h.handshake().afterTls();
            if (learned.isEmpty()) {
                return Answer.lost(path, "no HTTP answer over " + h.handshake().version().displayName()
                        + ": the server closed or fell silent");
            }
            return learned.get().status().map(s -> Answer.http(path, s, learned.get().mechanisms(),
                    learned.get().server()))
                    .orElseGet(() -> Answer.notHttp(path));
        }
        if (outcome instanceof ConnectionOutcome.NoReply none) {
            return Answer.lost(path, "no handshake: " + none.failure().kind().label());
        }
        return Answer.lost(path, "no handshake by a real TLS stack");
    }

    /**
     * Vulnerable when a path offered Basic or NTLM; open when a path was lost (it may have offered them); not
     * applicable when no path got an HTTP answer; else not vulnerable.
     */
    static Part judge(List<Answer> answers) {
        String basic = describe(answers, a -> a.offers(BASIC_SCHEME));
        String ntlm = describe(answers, a -> a.offers(NTLM_SCHEME));
        String lost = describe(answers, a -> a.lost().isPresent());
        Judgement j;
        if (!basic.isEmpty()) {
            j = Judgement.vulnerable("Basic offered (" + basic + ")");
        } else if (!ntlm.isEmpty()) {
            j = Judgement.vulnerable("NTLM offered (" + ntlm + ")");
        } else if (!lost.isEmpty()) {
            j = Judgement.inconclusive(lost);
        } else if (answers.stream().allMatch(Answer::wasNotHttp)) {
            j = Judgement.notApplicable("not an HTTP server: the answer to GET / was not HTTP");
        } else {
            j = Judgement.notVulnerable("neither Basic nor NTLM offered (" + describe(answers, a -> !a.wasNotHttp())
                    + ")");
        }
        return new Part(j, answers);
    }

    private static String describe(List<Answer> answers, Predicate<Answer> which) {
        return answers.stream().filter(which).map(Answer::describe).collect(Collectors.joining("; "));
    }

    @Override
    public List<FindingKind> kinds() {
        return List.of(BASIC, NTLM);
    }

    @Override
    public List<Finding> findings(Part part, TargetResult result) {
        List<Finding> findings = new ArrayList<>();
        String basic = describe(part.answers(), a -> a.offers(BASIC_SCHEME));
        if (!basic.isEmpty()) {
            findings.add(new Finding(BASIC, basic));
        }
        String ntlm = describe(part.answers(), a -> a.offers(NTLM_SCHEME));
        if (!ntlm.isEmpty()) {
            findings.add(new Finding(NTLM, ntlm));
        }
        return findings;
    }

    @Override
    public Optional<PartJson<Part>> json() {
        return Optional.of(new HttpAuthJson());
    }
}
