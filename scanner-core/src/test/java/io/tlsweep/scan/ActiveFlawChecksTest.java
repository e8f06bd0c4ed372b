package io.tlsweep.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.analysis.ClientImpact;
import io.tlsweep.analysis.Evidence;
import io.tlsweep.analysis.Readiness;
import io.tlsweep.cert.ChainPolicy;
import io.tlsweep.cert.TrustAnchors;
import io.tlsweep.check.CcsInjectionCheck;
import io.tlsweep.check.Check;
import io.tlsweep.check.Checks;
import io.tlsweep.check.FallbackScsvCheck;
import io.tlsweep.check.HeartbleedCheck;
import io.tlsweep.check.Judged;
import io.tlsweep.check.Judgement;
import io.tlsweep.engine.EngineConfig;
import io.tlsweep.input.Target;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.report.JsonLinesReader;
import io.tlsweep.report.JsonLinesWriter;
import io.tlsweep.report.ResultJson;
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
import io.tlsweep.targets.scripted.FlawScript;
import io.tlsweep.testing.GnutlsServer;
import io.tlsweep.testing.NginxServer;
import io.tlsweep.testing.OpenSslServer;
import io.tlsweep.wire.Hex;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heartbleed, CCS injection and TLS_FALLBACK_SCSV in the whole scan: true positives against scripted servers that
 * reproduce each flaw ({@link ScriptedFlaw}; the scripted server ignores TLS_FALLBACK_SCSV), and every real stack
 * the tests run — OpenSSL 3 {@code s_server}, GnuTLS {@code gnutls-serv}, nginx, and the farm's BoringSSL, Bouncy
 * Castle and JDK servers — judged not vulnerable (or not applicable), each with the answer it gave.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActiveFlawChecksTest {
    private static final List<String> RSA_SUITES = List.of("TLS_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_RSA_WITH_AES_128_CBC_SHA");
    private final List<AutoCloseable> servers = new ArrayList<>();
    private Map<String, TargetResult> results;

    @BeforeAll
    void scan() throws Exception {
        OpenSslServer.require();
        List<TargetSpec> specs = List.of(
                ScriptedTargetSpec.of("scripted-heartbleed", EnumSet.of(TlsVersion.TLS1_0, TlsVersion.TLS1_1,
                        TlsVersion.TLS1_2), RSA_SUITES).withFlaws(ScriptedFlaw.HEARTBEAT_OVER_READ),
                ScriptedTargetSpec.of("scripted-ccs", EnumSet.of(TlsVersion.TLS1_2), RSA_SUITES)
                        .withFlaws(ScriptedFlaw.EARLY_CCS_ACCEPTED),
                DefaultProfiles.legacy3desRc4(),
                DefaultProfiles.mixed(),
                DefaultProfiles.strongTls12Ecdsa(),
                TargetSpec.tls("bc-tls12-13").stack(TlsStack.BOUNCY_CASTLE).versions(TlsVersion.TLS1_2,
                        TlsVersion.TLS1_3).cipherSuites("TLS_AES_128_GCM_SHA256",
                        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").build(),
                DefaultProfiles.modernTls12And13(),
                DefaultProfiles.tls13Only());
        TargetFarm farm = TargetFarm.start(specs);
        servers.add(farm);
        List<Target> targets = new ArrayList<>();
        for (TargetSpec s : specs) {
            FarmTarget t = farm.target(s.name());
            targets.add(FarmScans.target(t, Optional.empty(), s.name()));
        }
        OpenSslServer openssl = OpenSslServer.start();
        servers.add(openssl);
        targets.add(FarmScans.target("127.0.0.1", openssl.port(), Optional.empty(), "openssl"));
        GnutlsServer gnutls = GnutlsServer.start("NORMAL:-VERS-ALL:+VERS-TLS1.2:+VERS-TLS1.3");
        servers.add(gnutls);
        targets.add(FarmScans.target("127.0.0.1", gnutls.port(), Optional.empty(), "gnutls"));
        NginxServer nginx = NginxServer.start("ssl_protocols TLSv1.2 TLSv1.3;");
        servers.add(nginx);
        String[] hp = nginx.hostPort().split(":");
        targets.add(FarmScans.target(hp[0], Integer.parseInt(hp[1]), Optional.empty(), "nginx"));
        results = FarmScans.scan(targets, ScanOptions.full(), List.of(), EngineConfig.builder()
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(3))
                .targetBudget(Duration.ofMinutes(2)).maxInFlight(8).perHostConnections(8).build());
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable s : servers) {
            s.close();
        }
    }

    private <P extends Judged> Judgement judgement(String origin, Check<P> check) {
        return check.part(results.get(origin)).map(Judged::judgement).orElseThrow(() -> new AssertionError(
                origin + ": no " + check.id() + " part in " + results.get(origin).checks()));
    }

    private int connections(String origin, Check<?> check) {
        return results.get(origin).checks().entries().stream().filter(e -> e.key().id().equals(check.id()))
                .mapToInt(CheckParts.Entry::connections).sum();
    }

    /** The labels of the findings the three checks raise on {@code origin}. */
    private List<String> findings(String origin) {
        List<String> labels = new ArrayList<>();
        labels.addAll(labels(origin, new HeartbleedCheck()));
        labels.addAll(labels(origin, new CcsInjectionCheck()));
        labels.addAll(labels(origin, new FallbackScsvCheck()));
        return labels;
    }

    private <P> List<String> labels(String origin, Check<P> check) {
        TargetResult r = results.get(origin);
        return check.part(r).map(p -> check.findings(p, r)).orElse(List.of()).stream().map(f -> f.kind().label())
                .toList();
    }

    /** Every endpoint's three judgements, shown when an assertion fails (README states them per stack). */
    private String table() {
        return results.keySet().stream().map(o -> String.format("%-20s | %s | %s | %s", o,
                judgement(o, new HeartbleedCheck()), judgement(o, new CcsInjectionCheck()),
                judgement(o, new FallbackScsvCheck()))).collect(Collectors.joining("\n"));
    }

    @Test
    void theScriptedFlawsAreFoundEachOnOneConnection() {
        assertThat(judgement("scripted-heartbleed", new HeartbleedCheck())).as(table()).isEqualTo(Judgement.vulnerable(
                "heartbeat answered with 16,403 bytes for 3 sent: the server read past the request"));
        assertThat(judgement("scripted-ccs", new CcsInjectionCheck())).isEqualTo(Judgement.vulnerable("took the"
                + " early ChangeCipherSpec: the second one failed to decrypt under the keys the first switched to"
                + " (fatal bad_record_mac alert)"));
        assertThat(judgement("scripted-heartbleed", new FallbackScsvCheck())).isEqualTo(Judgement.vulnerable(
                "a TLSv1.1 hello with TLS_FALLBACK_SCSV got a TLSv1.1 ServerHello though TLSv1.2 is accepted: the"
                        + " fallback is not refused"));
        assertThat(judgement("legacy-3des-rc4", new FallbackScsvCheck())).isEqualTo(Judgement.vulnerable(
                "a TLSv1.0 hello with TLS_FALLBACK_SCSV got a TLSv1.0 ServerHello though TLSv1.2 is accepted: the"
                        + " fallback is not refused"));
        for (Check<?> c : List.of(new HeartbleedCheck(), new CcsInjectionCheck(), new FallbackScsvCheck())) {
            assertThat(connections("scripted-heartbleed", c)).as(c.id()).isEqualTo(1);
        }
        assertThat(findings("scripted-heartbleed")).containsExactly("heartbleed", "fallback-scsv-ignored");
        assertThat(findings("scripted-ccs")).containsExactly("ccs-injection");
    }

    /** The line of the over-read endpoint holds the three parts, reads back to them, and none of the leaked bytes. */
    @Test
    void theLineCarriesTheJudgementsAndNeverTheLeakedBytes(@TempDir Path dir) throws IOException {
        TargetResult r = results.get("scripted-heartbleed");
        Evidence e = Evidence.of(r, List.of(), false, ChainPolicy.of(TrustAnchors.of("none", List.of())),
                Instant.now(), ClientImpact.none(), Checks.BUILT_IN);
        Path jsonl = dir.resolve("results.jsonl");
        try (OutputStream out = Files.newOutputStream(jsonl); JsonLinesWriter lines = new JsonLinesWriter(out)) {
            lines.write(ResultJson.of(e, Readiness.assess(e)));
        }
        String line = Files.readString(jsonl);
        assertThat(line).contains("\"heartbleed\"", "\"response-bytes\":16403", "\"ccs-injection\"",
                "\"fallback-scsv\"").doesNotContain("scripted server memory", Hex.of(FlawScript.MEMORY));
        List<ResultJson> back = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(jsonl)) {
            JsonLinesReader.read(in, "results.jsonl", back::add, error -> {
                throw new AssertionError(error);
            });
        }
        ResultJson read = back.get(0);
        for (Check<?> c : List.of(new HeartbleedCheck(), new CcsInjectionCheck(), new FallbackScsvCheck())) {
            assertThat((Object) read.checks().get(c.id()).read(c)).as(c.id()).isEqualTo(c.part(r).orElseThrow());
        }
    }

    @Test
    void eachFlawIsOnlyWhereItWasPut() {
        assertThat(judgement("scripted-heartbleed", new CcsInjectionCheck()).vulnerable()).isFalse();
        assertThat(judgement("scripted-ccs", new HeartbleedCheck()).vulnerable()).isFalse();
        assertThat(judgement("scripted-ccs", new FallbackScsvCheck())).isEqualTo(Judgement.notApplicable(
                "only TLSv1.2 accepted: there is no older version to fall back to"));
        assertThat(connections("scripted-ccs", new FallbackScsvCheck())).isZero();
    }

    @Test
    void noRealStackIsVulnerable() {
        List<String> real = List.of("openssl", "gnutls", "nginx", "mixed-tls10-12", "strong-tls12-ecdsa",
                "bc-tls12-13", "modern-tls12-13", "tls13-only");
        for (String origin : real) {
            for (Check<? extends Judged> c : List.of(new HeartbleedCheck(), new CcsInjectionCheck(),
                    new FallbackScsvCheck())) {
                Judgement j = judgement(origin, c);
                assertThat(j.result()).as(origin + " " + c.id() + ": " + j).isIn(Judgement.Result.NOT_VULNERABLE,
                        Judgement.Result.NOT_APPLICABLE);
            }
            assertThat(findings(origin)).as(origin).isEmpty();
        }
        for (String origin : List.of("openssl", "gnutls", "nginx", "mixed-tls10-12", "bc-tls12-13")) {
            assertThat(judgement(origin, new FallbackScsvCheck()).reason()).as(origin)
                    .contains("got a fatal inappropriate_fallback alert");
        }
        assertThat(judgement("modern-tls12-13", new FallbackScsvCheck()).reason()).as("the JDK ignores the SCSV")
                .isEqualTo("a TLSv1.2 hello with TLS_FALLBACK_SCSV got a TLSv1.2 ServerHello: the SCSV is ignored, but"
                        + " the RFC 8446 downgrade sentinel in it makes clients of TLSv1.3 refuse the fallback");
        for (String origin : real.subList(0, real.size() - 1)) {
            assertThat(judgement(origin, new HeartbleedCheck()).reason()).as(origin).isEqualTo("the heartbeat"
                    + " request (3 bytes claiming a payload of 16,384) got a fatal unexpected_message alert (no"
                    + " heartbeat extension in the ServerHello)");
            assertThat(judgement(origin, new CcsInjectionCheck()).reason()).as(origin).isEqualTo("refused the early"
                    + " ChangeCipherSpec with a fatal unexpected_message alert");
        }
        assertThat(judgement("tls13-only", new HeartbleedCheck()).result()).isEqualTo(Judgement.Result.NOT_APPLICABLE);
        assertThat(judgement("tls13-only", new CcsInjectionCheck()).result())
                .isEqualTo(Judgement.Result.NOT_APPLICABLE);
        assertThat(connections("tls13-only", new HeartbleedCheck())).isZero();
    }
}
