package io.tlsweep.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.check.Check;
import io.tlsweep.check.CompressionCheck;
import io.tlsweep.check.Judged;
import io.tlsweep.check.Judgement;
import io.tlsweep.check.Judgement.Result;
import io.tlsweep.check.SecureRenegotiationCheck;
import io.tlsweep.check.Sslv2Check;
import io.tlsweep.engine.EngineConfig;
import io.tlsweep.input.Target;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.result.CheckParts;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.TargetResult;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.LegacyQuirk;
import io.tlsweep.targets.ScriptedTargetSpec;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TlsVersion;
import io.tlsweep.testing.GnutlsServer;
import io.tlsweep.testing.NginxServer;
import io.tlsweep.testing.OpenSslServer;
import io.tlsweep.wire.SslV2CipherKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SSLv2, compression and secure renegotiation checks over the real engine, in the default scan: true positives
 * against the scripted legacy server with each flaw ({@link LegacyQuirk}) and none against the same server without
 * it; no false positive against every real stack the tests run: OpenSSL 3.0 {@code s_server} (TLS 1.2 + 1.3, and
 * TLS 1.3 only), GnuTLS 3.7 {@code gnutls-serv} (TLS 1.0–1.2, and 1.2 + 1.3), nginx (OpenSSL), and the farm's
 * BoringSSL (TLS 1.0; 1.0–1.2), Bouncy Castle (TLS 1.2) and JDK (TLS 1.2 + 1.3; TLS 1.3 only) servers. Each
 * endpoint's three results are stated below, exactly.
 */
class LegacyChecksScanTest {
    private static final Sslv2Check SSLV2 = new Sslv2Check();
    private static final CompressionCheck COMPRESSION = new CompressionCheck();
    private static final SecureRenegotiationCheck RENEGOTIATION = new SecureRenegotiationCheck();
    private static final List<String> RSA_AES = List.of("TLS_RSA_WITH_AES_128_CBC_SHA");
    private static final EnumSet<TlsVersion> TLS10_12 = EnumSet.of(TlsVersion.TLS1_0, TlsVersion.TLS1_1,
            TlsVersion.TLS1_2);
    private static final List<AutoCloseable> SERVERS = new ArrayList<>();
    private static Map<String, TargetResult> results;

    @BeforeAll
    static void scan() throws Exception {
        OpenSslServer.require();
        TargetFarm farm = TargetFarm.start(List.of(
                ScriptedTargetSpec.of("scripted-plain", TLS10_12, RSA_AES),
                ScriptedTargetSpec.of("scripted-sslv2", TLS10_12, RSA_AES).withLegacy(LegacyQuirk.SSLV2),
                ScriptedTargetSpec.of("scripted-deflate", TLS10_12, RSA_AES).withLegacy(LegacyQuirk.DEFLATE),
                ScriptedTargetSpec.of("scripted-no-rfc5746", TLS10_12, RSA_AES)
                        .withLegacy(LegacyQuirk.NO_RENEGOTIATION_INFO),
                DefaultProfiles.legacyTls10(), DefaultProfiles.mixed(), DefaultProfiles.strongTls12Ecdsa(),
                DefaultProfiles.modernTls12And13(), DefaultProfiles.tls13Only()));
        SERVERS.add(farm);
        List<Target> targets = new ArrayList<>();
        for (FarmTarget t : farm.targets()) {
            targets.add(FarmScans.target(t, Optional.empty(), t.name()));
        }
        OpenSslServer openssl = OpenSslServer.start();
        OpenSslServer openssl13 = OpenSslServer.start("-tls1_3");
        GnutlsServer gnutls10 = GnutlsServer.start("NORMAL:-VERS-ALL:+VERS-TLS1.0:+VERS-TLS1.1:+VERS-TLS1.2");
        GnutlsServer gnutls13 = GnutlsServer.start("NORMAL:-VERS-ALL:+VERS-TLS1.2:+VERS-TLS1.3");
        NginxServer nginx = NginxServer.start("ssl_protocols TLSv1.2 TLSv1.3;");
        SERVERS.addAll(List.of(openssl, openssl13, gnutls10, gnutls13, nginx::close));
        targets.add(FarmScans.target("127.0.0.1", openssl.port(), Optional.empty(), "openssl"));
        targets.add(FarmScans.target("127.0.0.1", openssl13.port(), Optional.empty(), "openssl-tls13"));
        targets.add(FarmScans.target("127.0.0.1", gnutls10.port(), Optional.empty(), "gnutls-tls10-12"));
        targets.add(FarmScans.target("127.0.0.1", gnutls13.port(), Optional.empty(), "gnutls-tls12-13"));
        String[] hostPort = nginx.hostPort().split(":");
        targets.add(FarmScans.target(hostPort[0], Integer.parseInt(hostPort[1]), Optional.empty(), "nginx"));
        EngineConfig config = EngineConfig.builder().connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(5)).targetBudget(Duration.ofMinutes(3)).maxInFlight(8)
                .perHostConnections(8).build();
        results = FarmScans.scan(targets, ScanOptions.full(), List.of(), config);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable s : SERVERS) {
            s.close();
        }
    }

    @Test
    void aServerThatSpeaksSslV2IsFoundWithItsCipherKinds() {
        Sslv2Check.Part part = part("scripted-sslv2", SSLV2);
        assertThat(part.judgement()).isEqualTo(Judgement.vulnerable("SSLv2 SERVER-HELLO offering 3 cipher kinds:"
                + " SSL_CK_RC4_128_WITH_MD5, SSL_CK_RC4_128_EXPORT40_WITH_MD5, SSL_CK_DES_192_EDE3_CBC_WITH_MD5"
                + " (export: SSL_CK_RC4_128_EXPORT40_WITH_MD5)"));
        assertThat(part.cipherKinds()).containsExactly(SslV2CipherKind.RC4_128_WITH_MD5,
                SslV2CipherKind.RC4_128_EXPORT40_WITH_MD5, SslV2CipherKind.DES_192_EDE3_CBC_WITH_MD5);
        assertThat(SSLV2.findings(part, results.get("scripted-sslv2"))).singleElement()
                .satisfies(f -> assertThat(f.kind()).isSameAs(Sslv2Check.SSLV2));
        assertThat(results.get("scripted-sslv2").protocols()).as("the scan itself is unchanged").hasSize(3);
    }

    @Test
    void aServerThatSelectsDeflateIsFoundInEveryVersion() {
        CompressionCheck.Part part = part("scripted-deflate", COMPRESSION);
        assertThat(part.judgement()).isEqualTo(Judgement.vulnerable("DEFLATE selected in TLSv1.0, TLSv1.1, TLSv1.2"));
        assertThat(COMPRESSION.findings(part, results.get("scripted-deflate"))).singleElement()
                .satisfies(f -> assertThat(f.kind()).isSameAs(CompressionCheck.COMPRESSION));
    }

    @Test
    void aServerWithoutRfc5746IsFoundFromTheScansOwnReplies() {
        SecureRenegotiationCheck.Part part = part("scripted-no-rfc5746", RENEGOTIATION);
        assertThat(part.judgement()).isEqualTo(Judgement.vulnerable("no renegotiation_info in the ServerHello of"
                + " TLSv1.0, TLSv1.1, TLSv1.2 (the hello carried TLS_EMPTY_RENEGOTIATION_INFO_SCSV)"));
        assertThat(RENEGOTIATION.findings(part, results.get("scripted-no-rfc5746"))).hasSize(1);
    }

    @Test
    void eachCheckCostsWhatItSays() {
        for (String name : List.of("scripted-plain", "scripted-sslv2", "scripted-deflate", "scripted-no-rfc5746")) {
            assertThat(connections(name)).as(name).containsExactly(
                    Map.entry("sslv2", 1), Map.entry("compression", 3), Map.entry("secure-renegotiation", 0));
        }
        assertThat(connections("openssl")).containsEntry("compression", 1);
        assertThat(connections("openssl-tls13")).containsEntry("compression", 0).containsEntry("sslv2", 1);
    }

    /** Every endpoint's three results, the real stacks' without a false positive. */
    @Test
    void everyEndpointsResults() {
        Map<String, List<Result>> expected = new LinkedHashMap<>();
        List<Result> secure = List.of(Result.NOT_VULNERABLE, Result.NOT_VULNERABLE, Result.NOT_VULNERABLE);
        List<Result> tls13Only = List.of(Result.NOT_VULNERABLE, Result.NOT_APPLICABLE, Result.NOT_APPLICABLE);
        expected.put("scripted-plain", secure);
        expected.put("scripted-sslv2", List.of(Result.VULNERABLE, Result.NOT_VULNERABLE, Result.NOT_VULNERABLE));
        expected.put("scripted-deflate", List.of(Result.NOT_VULNERABLE, Result.VULNERABLE, Result.NOT_VULNERABLE));
        expected.put("scripted-no-rfc5746", List.of(Result.NOT_VULNERABLE, Result.NOT_VULNERABLE, Result.VULNERABLE));
        expected.put("legacy-tls10", secure);
        expected.put("mixed-tls10-12", secure);
        expected.put("strong-tls12-ecdsa", secure);
        expected.put("modern-tls12-13", secure);
        expected.put("tls13-only", tls13Only);
        expected.put("openssl", secure);
        expected.put("openssl-tls13", tls13Only);
        expected.put("gnutls-tls10-12", secure);
        expected.put("gnutls-tls12-13", secure);
        expected.put("nginx", secure);
        Map<String, List<Result>> got = new LinkedHashMap<>();
        StringBuilder table = new StringBuilder();
        for (String name : expected.keySet()) {
            TargetResult r = results.get(name);
            assertThat(r.status()).as(name).isEqualTo(ScanStatus.OK);
            List<Judgement> j = List.of(judgement(r, SSLV2), judgement(r, COMPRESSION), judgement(r, RENEGOTIATION));
            got.put(name, j.stream().map(Judgement::result).toList());
            table.append(String.format("%-20s %s%n", name, j));
        }
        System.out.print(table);
        assertThat(got).as(table.toString()).containsExactlyEntriesOf(expected);
    }

    private static <P> P part(String name, Check<P> check) {
        return check.part(results.get(name)).orElseThrow(() -> new AssertionError(name + ": no " + check.id()));
    }

    private static Judgement judgement(TargetResult r, Check<? extends Judged> check) {
        return check.part(r).map(Judged::judgement).orElseThrow(() -> new AssertionError(r.target().origin()
                + ": no " + check.id()));
    }

    private static Map<String, Integer> connections(String name) {
        Map<String, Integer> byCheck = new LinkedHashMap<>();
        for (CheckParts.Entry<?> e : results.get(name).checks().entries()) {
            if (List.of("sslv2", "compression", "secure-renegotiation").contains(e.key().id())) {
                byCheck.put(e.key().id(), e.connections());
            }
        }
        return byCheck;
    }
}
