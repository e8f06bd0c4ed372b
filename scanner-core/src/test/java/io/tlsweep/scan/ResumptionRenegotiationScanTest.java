package io.tlsweep.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.check.Check;
import io.tlsweep.check.ClientRenegotiationCheck;
import io.tlsweep.check.Judged;
import io.tlsweep.check.Judgement;
import io.tlsweep.check.SessionResumptionCheck;
import io.tlsweep.engine.EngineConfig;
import io.tlsweep.input.Target;
import io.tlsweep.probe.CheckSelection;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.result.CheckParts;
import io.tlsweep.result.RealHandshake;
import io.tlsweep.result.TargetResult;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetSpec;
import io.tlsweep.testing.GnutlsServer;
import io.tlsweep.testing.NginxServer;
import io.tlsweep.testing.OpenSslServer;
import io.tlsweep.wire.AlertDescription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Session resumption and client-initiated renegotiation in the whole scan, against every real stack the tests run:
 * OpenSSL 3 {@code s_server} (its defaults, without tickets, and with {@code -client_renegotiation}), GnuTLS
 * {@code gnutls-serv}, nginx, and the farm's BoringSSL, Bouncy Castle and JDK servers. The README states these
 * results per stack.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResumptionRenegotiationScanTest {
    private static final SessionResumptionCheck RESUMPTION = new SessionResumptionCheck();
    private static final ClientRenegotiationCheck RENEGOTIATION = new ClientRenegotiationCheck();
    private final List<AutoCloseable> servers = new ArrayList<>();
    private Map<String, TargetResult> results;

    @BeforeAll
    void scan() throws Exception {
        OpenSslServer.require();
        List<TargetSpec> specs = List.of(DefaultProfiles.mixed(), DefaultProfiles.strongTls12Ecdsa(),
                DefaultProfiles.modernTls12And13(), DefaultProfiles.tls13Only());
        TargetFarm farm = TargetFarm.start(specs);
        servers.add(farm);
        List<Target> targets = new ArrayList<>();
        for (TargetSpec s : specs) {
            FarmTarget t = farm.target(s.name());
            targets.add(FarmScans.target(t, Optional.empty(), s.name()));
        }
        openssl(targets, "openssl");
        openssl(targets, "openssl-no-ticket", "-no_ticket");
        openssl(targets, "openssl-client-renegotiation", "-client_renegotiation");
        GnutlsServer gnutls = GnutlsServer.start("NORMAL:-VERS-ALL:+VERS-TLS1.2:+VERS-TLS1.3");
        servers.add(gnutls);
        targets.add(FarmScans.target("127.0.0.1", gnutls.port(), Optional.empty(), "gnutls"));
        NginxServer nginx = NginxServer.start("ssl_protocols TLSv1.2 TLSv1.3;");
        servers.add(nginx);
        String[] hp = nginx.hostPort().split(":");
        targets.add(FarmScans.target(hp[0], Integer.parseInt(hp[1]), Optional.empty(), "nginx"));
        NginxServer longLived = NginxServer.start("ssl_protocols TLSv1.2 TLSv1.3; ssl_session_timeout 8d;");
        servers.add(longLived);
        hp = longLived.hostPort().split(":");
        targets.add(FarmScans.target(hp[0], Integer.parseInt(hp[1]), Optional.empty(), "nginx-8d-sessions"));
        results = FarmScans.scan(targets, ScanOptions.full().checks(CheckSelection.only(List.of(RESUMPTION.id(),
                RENEGOTIATION.id()))), List.of(), EngineConfig.builder().connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(3)).targetBudget(Duration.ofMinutes(2)).maxInFlight(8)
                .perHostConnections(8).build());
    }

    private void openssl(List<Target> targets, String origin, String... args) throws Exception {
        OpenSslServer s = OpenSslServer.start(args);
        servers.add(s);
        targets.add(FarmScans.target("127.0.0.1", s.port(), Optional.empty(), origin));
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable s : servers) {
            s.close();
        }
    }

    private <P extends Judged> P part(String origin, Check<P> check) {
        return check.part(results.get(origin)).orElseThrow(() -> new AssertionError(origin + ": no " + check.id()
                + " part in " + results.get(origin).checks()));
    }

    private int connections(String origin, Check<?> check) {
        return results.get(origin).checks().entries().stream().filter(e -> e.key().id().equals(check.id()))
                .mapToInt(CheckParts.Entry::connections).sum();
    }

    private String table() {
        return results.keySet().stream().map(o -> String.format("%-30s | %s | %s", o, part(o, RESUMPTION),
                part(o, RENEGOTIATION))).collect(Collectors.joining("\n"));
    }

    private Judgement resumption(String origin) {
        return part(origin, RESUMPTION).judgement();
    }

    private Judgement renegotiation(String origin) {
        return part(origin, RENEGOTIATION).judgement();
    }

    private <P> List<String> findings(String origin, Check<P> check) {
        TargetResult r = results.get(origin);
        return check.part(r).map(p -> check.findings(p, r)).orElse(List.of()).stream().map(f -> f.kind().label())
                .toList();
    }

    @Test
    void eachStackResumesAsItIsConfigured() {
        assertThat(resumption("openssl")).as(table()).isEqualTo(Judgement.notVulnerable("TLSv1.2 (jdk): by session"
                + " id not-offered, by ticket resumed, ticket lifetime hint 7200 s"));
        assertThat(resumption("openssl-no-ticket")).isEqualTo(Judgement.notVulnerable("TLSv1.2 (jdk): by session id"
                + " resumed, by ticket not-offered"));
        assertThat(resumption("gnutls")).isEqualTo(Judgement.notVulnerable("TLSv1.2 (jdk): by session id"
                + " full-handshake, by ticket resumed, ticket lifetime hint 21600 s"));
        assertThat(resumption("nginx")).isEqualTo(Judgement.notVulnerable("TLSv1.2 (jdk): by session id"
                + " not-offered, by ticket resumed, ticket lifetime hint 300 s"));
        assertThat(resumption("mixed-tls10-12")).as("BoringSSL's server in the farm issues no tickets")
                .isEqualTo(Judgement.notVulnerable("TLSv1.2 (jdk): by session id resumed, by ticket not-offered"));
        assertThat(resumption("strong-tls12-ecdsa")).isEqualTo(Judgement.notVulnerable("TLSv1.2 (jdk): by session id"
                + " resumed, by ticket not-offered"));
        assertThat(resumption("modern-tls12-13")).as("the JDK's server resumes its stateless tickets only")
                .isEqualTo(Judgement.notVulnerable("TLSv1.2 (jdk): by session id full-handshake, by ticket resumed,"
                        + " ticket lifetime hint 86400 s"));
        assertThat(resumption("tls13-only")).isEqualTo(Judgement.notApplicable("no version from TLS 1.0 to TLS 1.2"
                + " accepted: TLS 1.3 resumes with tickets sent encrypted, which this check does not read"));
        assertThat(connections("openssl", RESUMPTION)).isEqualTo(2);
        assertThat(connections("modern-tls12-13", RESUMPTION)).isEqualTo(3);
        assertThat(connections("tls13-only", RESUMPTION)).isZero();
        for (String origin : results.keySet()) {
            if (!origin.equals("nginx-8d-sessions")) {
                assertThat(findings(origin, RESUMPTION)).as(origin).isEmpty();
            }
            assertThat(connections(origin, RESUMPTION)).as(origin).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void aTicketLifetimeOverSevenDaysIsFoundOnNginxConfiguredSo() {
        assertThat(part("nginx-8d-sessions", RESUMPTION).ticketLifetimeHint()).contains(691_200L);
        assertThat(part("nginx-8d-sessions", RESUMPTION).byTicket()).isEqualTo(SessionResumptionCheck.Resumption
                .RESUMED);
        assertThat(findings("nginx-8d-sessions", RESUMPTION)).containsExactly("long-ticket-lifetime");
    }

    @Test
    void stacksThatAllowClientRenegotiationAreFound() {
        for (String origin : List.of("openssl-client-renegotiation", "gnutls", "modern-tls12-13")) {
            assertThat(renegotiation(origin)).as(origin + "\n" + table()).isEqualTo(Judgement.vulnerable("after a"
                    + " TLSv1.2 handshake, a client-initiated renegotiation was accepted: a second handshake"
                    + " completed"));
            assertThat(findings(origin, RENEGOTIATION)).as(origin).containsExactly("client-renegotiation");
            assertThat(connections(origin, RENEGOTIATION)).isEqualTo(1);
        }
    }

    @Test
    void stacksThatRefuseItSayHow() {
        for (String origin : List.of("openssl", "openssl-no-ticket", "nginx", "nginx-8d-sessions", "mixed-tls10-12",
                "strong-tls12-ecdsa")) {
            ClientRenegotiationCheck.Part p = part(origin, RENEGOTIATION);
            assertThat(p.judgement().result()).as(origin + "\n" + table()).isEqualTo(Judgement.Result.NOT_VULNERABLE);
            assertThat(p.outcome()).as(origin).contains(RealHandshake.RenegotiationOutcome.REFUSED_ALERT);
            assertThat(p.alert()).as(origin).contains(AlertDescription.NO_RENEGOTIATION);
            assertThat(findings(origin, RENEGOTIATION)).as(origin).isEmpty();
        }
        assertThat(renegotiation("tls13-only")).isEqualTo(Judgement.notApplicable("no version from TLS 1.0 to TLS 1.2"
                + " accepted: TLS 1.3 has no renegotiation"));
        assertThat(connections("tls13-only", RENEGOTIATION)).isZero();
    }
}
