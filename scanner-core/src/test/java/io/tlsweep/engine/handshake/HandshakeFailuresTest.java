package io.tlsweep.engine.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.ProtocolVersion;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.junit.jupiter.api.Test;

/** How each provider's way of failing maps to a failure kind (messages as the providers really word them). */
class HandshakeFailuresTest {
    private static final String PEER = "127.0.0.1:443";

    private static Failure classify(Throwable cause) {
        return HandshakeFailures.classify(cause, null, 100, PEER);
    }

    @Test
    void jdkReceivedAlert() {
        Failure f = classify(new SSLHandshakeException("Received fatal alert: handshake_failure"));
        assertThat(f.kind()).isEqualTo(FailureKind.ALERT);
        assertThat(f.alert()).contains(AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void boringSslReceivedAlertIsReasonCodeMinus1000() {
        Failure f = classify(new SSLHandshakeException(
                "error:10000458:SSL routines:OPENSSL_internal:TLSV1_UNRECOGNIZED_NAME"));
        assertThat(f.alert()).contains(AlertDescription.UNRECOGNIZED_NAME);
        Failure local = classify(new SSLHandshakeException(
                "error:100000f7:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER"));
        assertThat(local.kind()).isEqualTo(FailureKind.NOT_TLS);
    }

    @Test
    void bouncyCastleAlertsInTheCauseChain() {
        SSLHandshakeException wrapped = new SSLHandshakeException("handshake failed");
        wrapped.initCause(new TlsFatalAlertReceived(org.bouncycastle.tls.AlertDescription.protocol_version));
        Failure received = classify(wrapped);
        assertThat(received.alert()).contains(AlertDescription.PROTOCOL_VERSION);
        Failure own = classify(new TlsFatalAlert(org.bouncycastle.tls.AlertDescription.protocol_version));
        assertThat(own.kind()).isEqualTo(FailureKind.LOWER_VERSION);
        Failure decode = classify(new TlsFatalAlert(org.bouncycastle.tls.AlertDescription.decode_error));
        assertThat(decode.kind()).isEqualTo(FailureKind.MALFORMED_REPLY);
    }

    @Test
    void jdkRefusingALowerVersion() {
        Failure f = classify(new SSLHandshakeException(
                "The server selected protocol version TLS10 is not accepted by client preferences [TLS13]"));
        assertThat(f.kind()).isEqualTo(FailureKind.LOWER_VERSION);
    }

    @Test
    void timeoutResetAndClose() {
        assertThat(classify(new SslHandshakeTimeoutException("handshake timed out after 10000ms")).kind())
                .isEqualTo(FailureKind.READ_TIMEOUT);
        assertThat(HandshakeFailures.classify(new ClosedChannelException(), new IOException("Connection reset by peer"),
                0, PEER).kind()).isEqualTo(FailureKind.RESET_BEFORE_REPLY);
        assertThat(HandshakeFailures.classify(new ClosedChannelException(), null, 0, PEER).kind())
                .isEqualTo(FailureKind.CLOSED_BEFORE_REPLY);
    }

    @Test
    void legacyEntriesAreLiftedFromTheProperty() {
        String value = "SSLv3, TLSv1, TLSv1.1, DTLSv1.0, RC4, DH keySize < 1024, 3DES_EDE_CBC, NULL";
        assertThat(JdkLegacyAlgorithms.without(value, JdkLegacyAlgorithms.LIFTED))
                .isEqualTo("SSLv3, DTLSv1.0, RC4, DH keySize < 1024, NULL");
        assertThat(JdkLegacyAlgorithms.without(value, Set.of())).isEqualTo(value);
    }

    @Test
    void theEntriesRefusingASpecAreItsDisabledVersionsAnd3des() {
        String value = "SSLv3, TLSv1, TLSv1.1, DTLSv1.0, RC4, 3DES_EDE_CBC, NULL";
        HandshakeSpec tls10 = HandshakeSpec.of(TlsProvider.JDK, List.of(ProtocolVersion.TLSv1_0,
                ProtocolVersion.TLSv1_2), List.of("TLS_RSA_WITH_3DES_EDE_CBC_SHA"));
        assertThat(JdkLegacyAlgorithms.refusing(tls10, value)).containsExactly("TLSv1", "3DES_EDE_CBC");
        assertThat(JdkLegacyAlgorithms.refusing(tls10, "SSLv3, RC4")).isEmpty();
        assertThat(JdkLegacyAlgorithms.refusing(HandshakeSpec.of(TlsProvider.JDK, ProtocolVersion.TLSv1_2), value))
                .isEmpty();
    }
}
