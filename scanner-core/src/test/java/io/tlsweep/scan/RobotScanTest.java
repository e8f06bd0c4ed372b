package io.tlsweep.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.check.Judgement;
import io.tlsweep.check.RobotCheck;
import io.tlsweep.check.RobotVariant;
import io.tlsweep.engine.EngineConfig;
import io.tlsweep.input.Target;
import io.tlsweep.probe.CheckSelection;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.result.CheckParts;
import io.tlsweep.result.TargetResult;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.ScriptedFlaw;
import io.tlsweep.targets.ScriptedTargetSpec;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetSpec;
import io.tlsweep.targets.TlsStack;
import io.tlsweep.targets.TlsVersion;
import io.tlsweep.testing.GnutlsServer;
import io.tlsweep.testing.NginxServer;
import io.tlsweep.testing.OpenSslServer;
import java.security.Security;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * ROBOT in the whole scan, run with {@code --checks robot}: the true positive against the scripted padding oracle
 * ({@link ScriptedFlaw#RSA_PADDING_ORACLE}), and every real stack here that accepts static RSA key exchange —
 * OpenSSL 3 {@code s_server}, GnuTLS {@code gnutls-serv} with {@code +RSA}, nginx, the farm's BoringSSL servers, and
 * Bouncy Castle and the JDK where {@code jdk.tls.disabledAlgorithms} lets them serve TLS_RSA_* — judged not
 * vulnerable with the answer they gave all five; endpoints without a static RSA suite are not applicable, at no cost.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RobotScanTest {
    private static final String RSA_GCM = "TLS_RSA_WITH_AES_128_GCM_SHA256";
    private static final String ECDHE_GCM = "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
    private static final List<String> RSA_SUITES = List.of(RSA_GCM, "TLS_RSA_WITH_AES_128_CBC_SHA");
    private static final String BAD_RECORD_MAC = "all five ClientKeyExchange variants got the same answer: a fatal"
            + " bad_record_mac alert, then closed";
    private final List<AutoCloseable> servers = new ArrayList<>();
    private final boolean jdkServesTlsRsa = !jdkDisables(RSA_GCM);
    private Map<String, TargetResult> results;

    /** Whether this JVM's {@code jdk.tls.disabledAlgorithms} names {@code suite} (itself, or a pattern ending in *). */
    static boolean jdkDisables(String suite) {
        for (String entry : String.valueOf(Security.getProperty("jdk.tls.disabledAlgorithms")).split(",")) {
            String e = entry.strip();
            if (e.equals(suite) || e.endsWith("*") && suite.startsWith(e.substring(0, e.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    @BeforeAll
    void scan() throws Exception {
        OpenSslServer.require();
        String[] javaSuites = jdkServesTlsRsa ? new String[] {ECDHE_GCM, RSA_GCM} : new String[] {ECDHE_GCM};
        List<TargetSpec> specs = List.of(
                ScriptedTargetSpec.of("scripted-robot", EnumSet.of(TlsVersion.TLS1_0, TlsVersion.TLS1_1,
                        TlsVersion.TLS1_2), RSA_SUITES).withFlaws(ScriptedFlaw.RSA_PADDING_ORACLE),
                ScriptedTargetSpec.of("scripted-plain", EnumSet.of(TlsVersion.TLS1_2), RSA_SUITES),
                DefaultProfiles.mixed(),
                DefaultProfiles.legacyTls10(),
                TargetSpec.tls("bc-rsa").stack(TlsStack.BOUNCY_CASTLE).versions(TlsVersion.TLS1_2)
                        .cipherSuites(javaSuites).build(),
                TargetSpec.tls("jdk-rsa").stack(TlsStack.JDK).versions(TlsVersion.TLS1_2, TlsVersion.TLS1_3)
                        .cipherSuites(concat("TLS_AES_128_GCM_SHA256", javaSuites)).build(),
                DefaultProfiles.strongTls12Ecdsa(),
                DefaultProfiles.tls13Only());
        TargetFarm farm = TargetFarm.start(specs);
        servers.add(farm);
        List<Target> targets = new ArrayList<>();
        for (TargetSpec s : specs) {
            FarmTarget t = farm.target(s.name());
            targets.add(FarmScans.target(t, Optional.empty(), s.name()));
        }
        OpenSslServer openssl = OpenSslServer.start("-cipher",
                "ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA:AES128-GCM-SHA256");
        servers.add(openssl);
        targets.add(FarmScans.target("127.0.0.1", openssl.port(), Optional.empty(), "openssl"));
        GnutlsServer gnutls = GnutlsServer.start("NORMAL:+RSA");
        servers.add(gnutls);
        targets.add(FarmScans.target("127.0.0.1", gnutls.port(), Optional.empty(), "gnutls"));
        NginxServer nginx = NginxServer.start("ssl_protocols TLSv1.2 TLSv1.3; ssl_ciphers"
                + " ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA;");
        servers.add(nginx);
        String[] hp = nginx.hostPort().split(":");
        targets.add(FarmScans.target(hp[0], Integer.parseInt(hp[1]), Optional.empty(), "nginx"));
        results = FarmScans.scan(targets, ScanOptions.full().checks(CheckSelection.only(Set.of("robot"))), List.of(),
                EngineConfig.builder().connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(3))
                        .targetBudget(Duration.ofMinutes(2)).maxInFlight(16).perHostConnections(8).build());
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable s : servers) {
            s.close();
        }
    }

    private RobotCheck.Part part(String origin) {
        return new RobotCheck().part(results.get(origin)).orElseThrow(() -> new AssertionError(origin
                + ": no robot part in " + results.get(origin).checks()));
    }

    private int connections(String origin) {
        return results.get(origin).checks().entries().stream().filter(e -> e.key().id().equals("robot"))
                .mapToInt(CheckParts.Entry::connections).sum();
    }

    /** Every endpoint's judgement and cost, shown when an assertion fails (README states them per stack). */
    private String table() {
        return results.keySet().stream().map(o -> String.format("%-16s | %2d | %s", o, connections(o),
                part(o).judgement())).collect(Collectors.joining("\n"));
    }

    @Test
    void theScriptedPaddingOracleIsFoundAndNamedWeak() {
        RobotCheck.Part part = part("scripted-robot");
        assertThat(part.judgement().result()).as(table()).isEqualTo(Judgement.Result.VULNERABLE);
        assertThat(part.oracle()).contains(RobotCheck.Oracle.WEAK);
        assertThat(part.version()).contains(io.tlsweep.wire.ProtocolVersion.TLSv1_2);
        assertThat(part.answers()).containsEntry(RobotVariant.CORRECT, "a fatal bad_record_mac alert, then closed")
                .containsEntry(RobotVariant.WRONG_VERSION, "a fatal bad_record_mac alert, then closed")
                .containsEntry(RobotVariant.WRONG_FIRST_BYTES, "a fatal handshake_failure alert, then closed")
                .containsEntry(RobotVariant.MISPLACED_ZERO, "a fatal handshake_failure alert, then closed")
                .containsEntry(RobotVariant.NO_ZERO, "a fatal handshake_failure alert, then closed");
        assertThat(connections("scripted-robot")).as("five, then the five again to confirm").isEqualTo(10);
        TargetResult r = results.get("scripted-robot");
        assertThat(new RobotCheck().findings(part, r)).singleElement()
                .satisfies(f -> assertThat(f.kind().label()).isEqualTo("robot"));
    }

    @Test
    void noRealStackIsAnOracle() {
        List<String> real = new ArrayList<>(List.of("openssl", "gnutls", "nginx", "mixed-tls10-12", "legacy-tls10"));
        if (jdkServesTlsRsa) {
            real.addAll(List.of("bc-rsa", "jdk-rsa"));
        }
        for (String origin : real) {
            assertThat(part(origin).judgement()).as(origin + "\n" + table()).isEqualTo(Judgement.notVulnerable(
                    BAD_RECORD_MAC));
            assertThat(connections(origin)).as(origin).isEqualTo(5);
            assertThat(part(origin).answers()).as(origin).hasSize(5);
        }
        assertThat(part("legacy-tls10").version()).contains(io.tlsweep.wire.ProtocolVersion.TLSv1_0);
        assertThat(part("scripted-plain").judgement()).as("a server that reads nothing after its flight")
                .isEqualTo(Judgement.notVulnerable("all five ClientKeyExchange variants got the same answer: a close"
                        + " without an alert"));
    }

    @Test
    void withoutAStaticRsaSuiteItDoesNotApplyAndCostsNothing() {
        List<String> without = new ArrayList<>(List.of("strong-tls12-ecdsa", "tls13-only"));
        if (!jdkServesTlsRsa) {
            without.addAll(List.of("bc-rsa", "jdk-rsa"));
        }
        for (String origin : without) {
            assertThat(part(origin).judgement()).as(origin + "\n" + table()).isEqualTo(Judgement.notApplicable(
                    "no static RSA key-exchange suite (TLS_RSA_*) accepted in TLS 1.0–1.2"));
            assertThat(connections(origin)).as(origin).isZero();
        }
    }
}
