package io.tlsweep.engine.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.OpenSsl;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.ProtocolVersion;
import java.security.Security;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A JSSE stack is asked for a suite only where its handshake can start with it: Bouncy Castle lists the 3DES and RC4
 * suites as supported though {@code jdk.tls.disabledAlgorithms} (3DES_EDE_CBC and RC4 in every JDK 17 update) stops
 * its handshake before a byte is sent.
 */
class ClientContextsTest {
    private static final CipherSuite TRIPLE_DES = CipherSuite.byName("TLS_RSA_WITH_3DES_EDE_CBC_SHA").orElseThrow();
    private static final CipherSuite RC4 = CipherSuite.byName("TLS_RSA_WITH_RC4_128_SHA").orElseThrow();
    private static final CipherSuite GCM = CipherSuite.byName("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").orElseThrow();

    private static boolean disabled(String algorithm) {
        return List.of(Security.getProperty("jdk.tls.disabledAlgorithms").split(",")).stream().map(String::trim)
                .anyMatch(algorithm::equals);
    }

    @Test
    void aSuiteItsDisabledAlgorithmsForbidIsRefusedAsTheContextIsMade() {
        assertThat(disabled("3DES_EDE_CBC")).as("this JDK's jdk.tls.disabledAlgorithms").isTrue();
        ClientContexts contexts = new ClientContexts();
        for (TlsProvider jsse : List.of(TlsProvider.JDK, TlsProvider.BOUNCY_CASTLE)) {
            assertThatThrownBy(() -> contexts.contextFor(new HandshakeSpec(jsse, List.of(ProtocolVersion.TLSv1_2),
                    List.of(TRIPLE_DES)))).as(jsse.label()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("TLS_RSA_WITH_3DES_EDE_CBC_SHA");
            assertThat(contexts.contextFor(new HandshakeSpec(jsse, List.of(ProtocolVersion.TLSv1_2), List.of(GCM))))
                    .as(jsse.label()).isNotNull();
        }
    }

    @Test
    void aTappedHelloWithOnlyDisabledSuitesGoesToNoJsseStack() {
        Offers offers = new Offers(new ClientContexts());
        ClientHelloSpec legacy = ClientHelloSpec.builder().clientVersion(ProtocolVersion.TLSv1_2)
                .cipherSuites(List.of(TRIPLE_DES, RC4)).build();
        if (OpenSsl.isCipherSuiteAvailable(TRIPLE_DES.ianaName())) {
            HandshakeSpec spec = offers.specFor(legacy, false, true).orElseThrow();
            assertThat(spec.provider()).isEqualTo(TlsProvider.BORINGSSL);
            assertThat(spec.cipherSuites()).containsExactly(TRIPLE_DES);
        } else {
            assertThat(offers.specFor(legacy, false, true)).as("no local stack starts this hello").isEmpty();
        }
        ClientHelloSpec modern = ClientHelloSpec.builder().clientVersion(ProtocolVersion.TLSv1_2)
                .cipherSuites(List.of(GCM, TRIPLE_DES)).build();
        HandshakeSpec jdk = offers.specFor(modern, false, true).orElseThrow();
        assertThat(jdk.provider()).as("the JDK first for a tapped hello").isEqualTo(TlsProvider.JDK);
        assertThat(jdk.cipherSuites()).containsExactly(GCM);
    }
}
