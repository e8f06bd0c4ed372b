package io.tlsweep.engine.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.result.FailureKind;
import io.tlsweep.testing.OpenSslServer;
import io.tlsweep.wire.ProtocolVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Full handshakes against a real {@code openssl s_server}, which nobody here wrote. Skipped without openssl. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HandshakeClientOpenSslTest {
    private OpenSslServer tls12;
    private HandshakeClient client;

    @BeforeAll
    void start() throws Exception {
        OpenSslServer.require();
        tls12 = OpenSslServer.start("-tls1_2", "-cipher", "ECDHE-RSA-AES256-GCM-SHA384");
        client = new HandshakeClient(Handshakes.config());
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
        if (tls12 != null) {
            tls12.close();
        }
    }

    private HandshakeTarget target() {
        return HandshakeTarget.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), tls12.port()), "localhost");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void tls12WithTheServersOnlySuite(TlsProvider provider) {
        HandshakeOutcome outcome = Handshakes.run(client, target(), HandshakeSpec.of(provider,
                List.of(ProtocolVersion.TLSv1_2, ProtocolVersion.TLSv1_3), List.of()));
        assertThat(outcome).isInstanceOfSatisfying(HandshakeOutcome.Established.class, e -> {
            assertThat(e.version()).isEqualTo(ProtocolVersion.TLSv1_2);
            assertThat(e.cipherSuite().code()).isEqualTo(0xC030);
            assertThat(e.chain()).hasSize(1);
        });
    }

    /** OpenSSL 3 refuses a TLS 1.3-only hello on a -tls1_2 server with a protocol_version alert. */
    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void tls13OnlyIsRefused(TlsProvider provider) {
        HandshakeOutcome outcome = Handshakes.run(client, target(), HandshakeSpec.of(provider, ProtocolVersion.TLSv1_3));
        assertThat(outcome).isInstanceOfSatisfying(HandshakeOutcome.Failed.class, f -> {
            assertThat(f.failure().kind()).as(f.failure().toString()).isEqualTo(FailureKind.ALERT);
            assertThat(f.failure().alert().orElseThrow().name()).isEqualTo("protocol_version");
        });
    }
}
