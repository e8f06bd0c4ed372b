package io.tlsweep.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.probe.ScanOptions;
import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.TargetResult;
import io.tlsweep.testing.OpenSslServer;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole scanner against real {@code openssl s_server} instances, configured with explicit suite
 * lists so the expected answer is known exactly: TLS 1.0 only at @SECLEVEL=0, TLS 1.2 only with the
 * server's order, TLS 1.3 only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenSslScanTest {
    private OpenSslServer tls10;
    private OpenSslServer tls12;
    private OpenSslServer tls13;
    private Map<String, TargetResult> results;

    @BeforeAll
    void scan() throws Exception {
        OpenSslServer.require();
        tls10 = OpenSslServer.start("-tls1", "-cipher", "ECDHE-RSA-AES256-SHA:AES128-SHA:DHE-RSA-AES256-SHA:@SECLEVEL=0",
                "-serverpref");
        tls12 = OpenSslServer.start("-tls1_2", "-cipher",
                "ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES256-GCM-SHA384:AES128-SHA256:DHE-RSA-AES128-GCM-SHA256",
                "-serverpref");
        tls13 = OpenSslServer.start("-tls1_3", "-ciphersuites", "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256",
                "-groups", "P-384:X25519");
        results = FarmScans.scan(List.of(
                FarmScans.target("127.0.0.1", tls10.port(), Optional.empty(), "tls10"),
                FarmScans.target("127.0.0.1", tls12.port(), Optional.of("localhost"), "tls12"),
                FarmScans.target("127.0.0.1", tls13.port(), Optional.empty(), "tls13")), ScanOptions.full());
    }

    @AfterAll
    void stop() {
        for (OpenSslServer s : new OpenSslServer[] {tls10, tls12, tls13}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private static List<Integer> codes(ProtocolSupport p) {
        return p.cipherSuites().stream().map(CipherSuite::code).toList();
    }

    @Test
    void tls10OnlyServer() {
        TargetResult r = results.get("tls10");
        assertThat(r.status()).isEqualTo(ScanStatus.OK);
        assertThat(r.protocols()).singleElement().satisfies(p -> {
            assertThat(p.version()).isEqualTo(ProtocolVersion.TLSv1_0);
            assertThat(codes(p)).containsExactly(0xC014, 0x002F, 0x0039);
            assertThat(p.order()).isEqualTo(PreferenceOrder.SERVER);
            assertThat(p.dhPrimeBits()).isPresent();
        });
    }

    @Test
    void tls12OnlyServerInItsOwnOrder() {
        TargetResult r = results.get("tls12");
        assertThat(r.protocols()).singleElement().satisfies(p -> {
            assertThat(p.version()).isEqualTo(ProtocolVersion.TLSv1_2);
            assertThat(codes(p)).containsExactly(0xCCA8, 0xC030, 0x003C, 0x009E);
            assertThat(p.order()).isEqualTo(PreferenceOrder.SERVER);
            assertThat(p.chacha20Priority()).isFalse();
        });
        assertThat(r.certificateChain()).hasSize(1);
    }

    @Test
    void tls13OnlyServerWithItsGroups() {
        TargetResult r = results.get("tls13");
        assertThat(r.protocols()).singleElement().satisfies(p -> {
            assertThat(p.version()).isEqualTo(ProtocolVersion.TLSv1_3);
            assertThat(codes(p)).containsExactlyInAnyOrder(0x1302, 0x1303);
            assertThat(p.groups()).extracting(g -> g.code()).containsExactly(24, 29);
        });
    }
}
