package io.tlsweep.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.testing.OpenSslServer;
import io.tlsweep.testing.RawExchange;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Hellos built by the encoder, sent to a real {@code openssl s_server} on loopback: the server must
 * answer with the ServerHello (or HelloRetryRequest, or alert) that the hello asks for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenSslInteropTest {
    private static final List<NamedGroup> GROUPS = List.of(NamedGroup.X25519, NamedGroup.SECP256R1,
            NamedGroup.SECP384R1);
    private static final List<SignatureScheme> SIGALGS = IntStream.of(0x0804, 0x0805, 0x0806, 0x0401, 0x0501,
            0x0601, 0x0403, 0x0503, 0x0603, 0x0201, 0x0203).mapToObj(SignatureScheme::of).toList();

    private OpenSslServer legacy;
    private OpenSslServer tls12;
    private OpenSslServer tls13;

    @BeforeAll
    void startServers() throws Exception {
        OpenSslServer.require();
        legacy = OpenSslServer.start("-no_tls1_3", "-cipher", "ALL:@SECLEVEL=0");
        tls12 = OpenSslServer.start("-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256:AES256-SHA");
        tls13 = OpenSslServer.start("-tls1_3", "-groups", "P-256:X25519",
                "-ciphersuites", "TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256");
    }

    @AfterAll
    void stopServers() {
        for (OpenSslServer s : new OpenSslServer[] {legacy, tls12, tls13}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private static ClientHelloSpec.Builder legacyHello(ProtocolVersion v, int... suites) {
        return ClientHelloSpec.builder()
                .recordVersion(ProtocolVersion.TLSv1_0)
                .clientVersion(v)
                .cipherSuites(IntStream.of(suites).mapToObj(CipherSuite::of).toList())
                .serverName("localhost")
                .supportedGroups(GROUPS)
                .ecPointFormats((byte) 0)
                .renegotiationInfo(true)
                .signatureAlgorithms(v.atLeast(ProtocolVersion.TLSv1_2) ? SIGALGS : List.of());
    }

    private static ClientHelloSpec.Builder tls13Hello(List<KeyShareEntry> shares, int... suites) {
        return ClientHelloSpec.builder()
                .recordVersion(ProtocolVersion.TLSv1_0)
                .clientVersion(ProtocolVersion.TLSv1_2)
                .randomSessionId()
                .cipherSuites(IntStream.of(suites).mapToObj(CipherSuite::of).toList())
                .serverName("localhost")
                .supportedGroups(GROUPS)
                .signatureAlgorithms(SIGALGS)
                .supportedVersions(List.of(ProtocolVersion.TLSv1_3))
                .keyShares(shares)
                .pskKeyExchangeModes((byte) 1);
    }

    private static ServerHello expectHello(ServerResponse r) {
        assertThat(r).isInstanceOf(ServerHello.class);
        return (ServerHello) r;
    }

    @Test
    void tls10HelloGetsTls10ServerHelloWithTheOnlyOfferedSuite() throws Exception {
        ServerHello sh = expectHello(RawExchange.send(legacy.port(),
                ClientHelloEncoder.encode(legacyHello(ProtocolVersion.TLSv1_0, 0xC013, 0x00FF).build())));
        assertThat(sh.version()).isEqualTo(ProtocolVersion.TLSv1_0);
        assertThat(sh.cipherSuite().code()).isEqualTo(0xC013);
        assertThat(sh.flight().complete()).isTrue();
        assertThat(sh.flight().certificates()).hasSize(1);
        assertThat(sh.flight().keyExchange()).contains(new KeyExchangeParams.Ecdhe(NamedGroup.X25519, 32));
        assertThat(sh.secureRenegotiation()).isTrue();
    }

    @Test
    void tls11HelloGetsTls11ServerHello() throws Exception {
        ServerHello sh = expectHello(RawExchange.send(legacy.port(),
                ClientHelloEncoder.encode(legacyHello(ProtocolVersion.TLSv1_1, 0x002F).build())));
        assertThat(sh.version()).isEqualTo(ProtocolVersion.TLSv1_1);
        assertThat(sh.cipherSuite().code()).isEqualTo(0x002F);
        assertThat(sh.flight().keyExchange()).isEmpty();
        assertThat(sh.flight().complete()).isTrue();
    }

    @Test
    void tls12HelloGetsTls12ServerHelloAndFirstFlight() throws Exception {
        ServerHello sh = expectHello(RawExchange.send(tls12.port(),
                ClientHelloEncoder.encode(legacyHello(ProtocolVersion.TLSv1_2, 0xC02F, 0x0035).build())));
        assertThat(sh.version()).isEqualTo(ProtocolVersion.TLSv1_2);
        assertThat(sh.cipherSuite().code()).isEqualTo(0xC02F);
        assertThat(sh.flight().complete()).isTrue();
        assertThat(sh.flight().certificates()).hasSize(1);
        assertThat(sh.flight().keyExchange()).contains(new KeyExchangeParams.Ecdhe(NamedGroup.X25519, 32));
    }

    @Test
    void tls12ServerRejectsASuiteItDoesNotHaveWithHandshakeFailure() throws Exception {
        ServerResponse r = RawExchange.send(tls12.port(),
                ClientHelloEncoder.encode(legacyHello(ProtocolVersion.TLSv1_2, 0x000A).build()));
        assertThat(r).isEqualTo(new ServerResponse.Alert(2, AlertDescription.HANDSHAKE_FAILURE, true));
    }

    @Test
    void tls12OnlyServerRejectsATls10Hello() throws Exception {
        ServerResponse r = RawExchange.send(tls12.port(),
                ClientHelloEncoder.encode(legacyHello(ProtocolVersion.TLSv1_0, 0x0035).build()));
        assertThat(r).isEqualTo(new ServerResponse.Alert(2, AlertDescription.PROTOCOL_VERSION, true));
    }

    @Test
    void tls13HelloWithX25519ShareGetsTls13ServerHello() throws Exception {
        KeyShareEntry x25519 = KeyShares.entry(NamedGroup.X25519).orElseThrow();
        ServerHello sh = expectHello(RawExchange.send(tls13.port(),
                ClientHelloEncoder.encode(tls13Hello(List.of(x25519), 0x1301).build())));
        assertThat(sh.version()).isEqualTo(ProtocolVersion.TLSv1_3);
        assertThat(sh.legacyVersion()).isEqualTo(ProtocolVersion.TLSv1_2);
        assertThat(sh.cipherSuite().code()).isEqualTo(0x1301);
        assertThat(sh.keyShareGroup()).contains(NamedGroup.X25519);
        assertThat(sh.flight().complete()).isTrue();
    }

    @Test
    void tls13HelloWithP256ShareGetsTls13ServerHello() throws Exception {
        KeyShareEntry p256 = KeyShares.entry(NamedGroup.SECP256R1).orElseThrow();
        ServerHello sh = expectHello(RawExchange.send(tls13.port(),
                ClientHelloEncoder.encode(tls13Hello(List.of(p256), 0x1302, 0x1301).build())));
        assertThat(sh.keyShareGroup()).contains(NamedGroup.SECP256R1);
        assertThat(sh.cipherSuite().code()).isIn(0x1301, 0x1302);
    }

    @Test
    void tls13HelloWithEmptyKeyShareGetsHelloRetryRequestForTheServersGroup() throws Exception {
        ServerResponse r = RawExchange.send(tls13.port(),
                ClientHelloEncoder.encode(tls13Hello(List.of(), 0x1301).build()));
        assertThat(r).isInstanceOf(HelloRetryRequest.class);
        HelloRetryRequest hrr = (HelloRetryRequest) r;
        assertThat(hrr.selectedVersion()).isEqualTo(ProtocolVersion.TLSv1_3);
        assertThat(hrr.cipherSuite().code()).isEqualTo(0x1301);
        assertThat(hrr.selectedGroup()).contains(NamedGroup.SECP256R1);
    }

    @Test
    void tls13OnlyServerRejectsATls12OnlyHello() throws Exception {
        ServerResponse r = RawExchange.send(tls13.port(),
                ClientHelloEncoder.encode(legacyHello(ProtocolVersion.TLSv1_2, 0xC02F).build()));
        assertThat(r).isEqualTo(new ServerResponse.Alert(2, AlertDescription.PROTOCOL_VERSION, true));
    }
}
