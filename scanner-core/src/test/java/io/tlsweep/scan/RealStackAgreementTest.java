package io.tlsweep.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.analysis.ProfileCheck;
import io.tlsweep.engine.EngineConfig;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.profile.ClientProfile;
import io.tlsweep.profile.ProfileFile;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.result.ProfileOutcome.Reason;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.TargetResult;
import io.tlsweep.input.Target;
import io.tlsweep.testing.GnutlsServer;
import io.tlsweep.testing.JsseServer;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in profiles' predictions (all 39) held against real stacks nobody here wrote: {@code gnutls-serv} (GnuTLS
 * 3.7) with TLS 1.0 only, 1.0 to 1.2 and 1.2 + 1.3, each following the client's order and with
 * {@code %SERVER_PRECEDENCE}; and a JDK (SunJSSE) server with RSA and ECDSA certificates and TLS 1.0 to 1.3,
 * following the client's order and its own. Every profile's own hello must get exactly what the scan predicts.
 * Timeouts are generous (these servers share two cores with the build, and none of them is silent), and at most 8
 * connections are open at once: gnutls-serv listens with a backlog of 10.
 */
class RealStackAgreementTest {
    /** The built-in profiles of endpoints where TLS starts on connect (the RDP and SQL Server clients are not). */
    private static final List<ClientProfile> PROFILES = ProfileFile.builtIn().profiles().stream()
            .filter(p -> p.appliesTo("")).toList();
    private static final List<AutoCloseable> SERVERS = new ArrayList<>();
    private static Map<String, TargetResult> scanned;

    @BeforeAll
    static void scan() throws Exception {
        List<Target> targets = new ArrayList<>();
        gnutls(targets, "gnutls-tls10", "NORMAL:-VERS-ALL:+VERS-TLS1.0");
        gnutls(targets, "gnutls-tls10-12", "NORMAL:-VERS-ALL:+VERS-TLS1.0:+VERS-TLS1.1:+VERS-TLS1.2");
        gnutls(targets, "gnutls-tls10-12-serverpref",
                "NORMAL:-VERS-ALL:+VERS-TLS1.0:+VERS-TLS1.1:+VERS-TLS1.2:%SERVER_PRECEDENCE");
        gnutls(targets, "gnutls-tls12-13", "NORMAL:-VERS-ALL:+VERS-TLS1.2:+VERS-TLS1.3");
        gnutls(targets, "gnutls-tls12-13-serverpref", "NORMAL:-VERS-ALL:+VERS-TLS1.2:+VERS-TLS1.3:%SERVER_PRECEDENCE");
        jsse(targets, "jsse-client-order", false);
        jsse(targets, "jsse-server-order", true);
        EngineConfig config = EngineConfig.builder().connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(5)).targetBudget(Duration.ofMinutes(3)).maxInFlight(8)
                .perHostConnections(8).build();
        scanned = FarmScans.scan(targets, ScanOptions.full(), PROFILES, config);
    }

    private static void gnutls(List<Target> targets, String name, String priority) throws Exception {
        GnutlsServer s = GnutlsServer.start(priority);
        SERVERS.add(s);
        targets.add(FarmScans.target("127.0.0.1", s.port(), Optional.empty(), name));
    }

    private static void jsse(List<Target> targets, String name, boolean serverOrder) throws Exception {
        JsseServer s = JsseServer.start(serverOrder);
        SERVERS.add(s);
        targets.add(FarmScans.target("127.0.0.1", s.port(), Optional.empty(), name));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable s : SERVERS) {
            s.close();
        }
    }

    @Test
    void everyProfilesHelloGetsWhatWasPredictedOnEveryServer() {
        assertThat(scanned).hasSize(7);
        assertThat(PredictionAgreement.disagreements(scanned.values(), PROFILES)).isEmpty();
    }

    /**
     * GnuTLS reads supported_versions only when it enables TLS 1.3. With TLS 1.0 alone it answers a TLS 1.3
     * client's hello (supported_versions TLS 1.3, 1.2) with TLS 1.0, which Java 17 and Chromium then refuse
     * themselves. The scan's TLS 1.3 hello carries older suites too, so it is answered the same way; with TLS 1.3
     * suites alone it met handshake_failure, and the prediction said "server refuses version".
     */
    @Test
    void gnutlsWithoutTls13AnswersTls13ClientsByTheirLegacyVersion() {
        TargetResult tls10 = scanned.get("gnutls-tls10");
        assertThat(tls10.refusals().get(ProtocolVersion.TLSv1_3).kind()).isEqualTo(FailureKind.LOWER_VERSION);
        for (String id : List.of("java17", "chromium")) {
            ProfileCheck c = ProfileCheck.of(tls10, PROFILES).stream().filter(x -> x.profile().id().equals(id))
                    .findFirst().orElseThrow();
            assertThat(c.predicted().reason()).as(id).isEqualTo(Reason.CLIENT_REFUSES_VERSION);
            assertThat(c.predicted().version()).as(id).contains(ProtocolVersion.TLSv1_0);
            assertThat(c.agrees()).as(c.disagreement()).contains(true);
        }
        assertThat(scanned.get("gnutls-tls10-12").refusals().get(ProtocolVersion.TLSv1_3).detail())
                .isEqualTo("answered TLSv1.2 to a TLSv1.3 hello");
    }

    /**
     * A JDK server following the client's order still takes its legacy suites (3DES) last, so the enumeration
     * finds them out of the offered order; that once passed for a server order and 17 profiles' predictions named
     * the server's "first" suite. The pair offered both ways shows the client's order, and the server-ordered
     * twin is still told apart.
     */
    @Test
    void jdkServersAreFoundInTheOrderTheyFollow() {
        TargetResult client = scanned.get("jsse-client-order");
        TargetResult server = scanned.get("jsse-server-order");
        for (TargetResult r : List.of(client, server)) {
            assertThat(r.protocols()).as(r.target().origin()).extracting(ProtocolSupport::version).containsExactly(
                    ProtocolVersion.TLSv1_0, ProtocolVersion.TLSv1_1, ProtocolVersion.TLSv1_2, ProtocolVersion.TLSv1_3);
        }
        assertThat(client.protocols()).allSatisfy(p -> {
            assertThat(p.order()).as(p.version().toString()).isEqualTo(PreferenceOrder.CLIENT);
            assertThat(p.chacha20Priority()).as(p.version().toString()).isFalse();
        });
        for (ProtocolVersion v : List.of(ProtocolVersion.TLSv1_0, ProtocolVersion.TLSv1_1, ProtocolVersion.TLSv1_2)) {
            List<CipherSuite> found = client.protocols().stream().filter(p -> p.version().equals(v)).findFirst()
                    .orElseThrow().cipherSuites();
            assertThat(found.get(found.size() - 1).ianaName()).as(v + " found last").contains("3DES_EDE_CBC");
            assertThat(client.notes()).anyMatch(n -> n.startsWith(v + ": follows the client's order, but chose ")
                    && n.contains("TLS_RSA_WITH_3DES_EDE_CBC_SHA"));
        }
        assertThat(server.protocols()).allSatisfy(p -> assertThat(p.order()).as(p.version().toString())
                .isEqualTo(PreferenceOrder.SERVER));
    }

    @Test
    void gnutlsOrdersAreTheOnesConfigured() {
        for (String name : List.of("gnutls-tls10-12", "gnutls-tls12-13")) {
            assertThat(scanned.get(name).protocols()).as(name)
                    .allSatisfy(p -> assertThat(p.order()).as(name + " " + p.version()).isEqualTo(PreferenceOrder.CLIENT));
        }
        for (String name : List.of("gnutls-tls10-12-serverpref", "gnutls-tls12-13-serverpref")) {
            assertThat(scanned.get(name).protocols()).as(name)
                    .allSatisfy(p -> assertThat(p.order()).as(name + " " + p.version()).isEqualTo(PreferenceOrder.SERVER));
        }
    }
}
