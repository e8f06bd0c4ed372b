package io.tlsweep.analysis;

import static io.tlsweep.analysis.ResultBuilder.result;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_0;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_1;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_2;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_3;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.profile.ClientMessage;
import io.tlsweep.profile.ClientProfile;
import io.tlsweep.profile.ProfileCatalog;
import io.tlsweep.profile.ProfileFile;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.result.ProfileOutcome;
import io.tlsweep.result.ProfileOutcome.Reason;
import io.tlsweep.result.TargetResult;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.NamedGroup;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The current clients (Windows 11 24H2 and Server 2025 Schannel, Java 21 and 25, OpenSSL 3.5) predicted against
 * the endpoints that set them apart from the clients before them: TLS 1.0 only, TLS 1.2 ECDHE-GCM, RSA key
 * transport only, DHE or 3DES only, and a TLS 1.3 server that takes X25519MLKEM768 alone.
 */
class CurrentClientsPredictionTest {
    private static final ProfileCatalog BUILT_IN = ProfileFile.builtIn();
    private static final Failure PROTOCOL_VERSION = Failure.alert(AlertDescription.PROTOCOL_VERSION,
            "fatal alert protocol_version");
    private static final Failure HANDSHAKE_FAILURE = Failure.alert(AlertDescription.HANDSHAKE_FAILURE,
            "fatal alert handshake_failure");
    private static final List<String> WINDOWS_24H2 = List.of("win11-24h2-schannel", "win2025-schannel");

    private static ClientProfile id(String id) {
        return BUILT_IN.byId(id).orElseThrow();
    }

    private static ProfileOutcome predict(TargetResult r, String id) {
        return ProfilePrediction.predict(r, id(id));
    }

    /** A TLS 1.0-only server that reads supported_versions (BoringSSL, OpenSSL) refuses a TLS 1.2/1.3 hello. */
    @Test
    void aTls10OnlyServerLosesWindows24h2WithSchannelsStatusForTheAlert() {
        TargetResult r = result().accepts(TLSv1_0, 0x002F, 0xC013, 0x0035).refuses(TLSv1_1, PROTOCOL_VERSION)
                .refuses(TLSv1_2, PROTOCOL_VERSION).refuses(TLSv1_3, PROTOCOL_VERSION).build();
        for (String windows : WINDOWS_24H2) {
            ProfileOutcome o = predict(r, windows);
            assertThat(o.reason()).as(windows).isEqualTo(Reason.SERVER_REFUSES_VERSION);
            assertThat(o.assumed()).as("the scan saw the refusal").isFalse();
            ClientMessage m = ProfileCheck.messageOf(id(windows), o).orElseThrow();
            assertThat(m.code()).as(windows).isEqualTo("0x80090302");
            assertThat(m.text()).isEqualTo("The function requested is not supported");
        }
        assertThat(predict(r, "win11-schannel")).as("Windows 11 21H2-23H2 still offers TLS 1.0")
                .isEqualTo(ProfileOutcome.connects(TLSv1_0, CipherSuite.of(0x002F)));
    }

    /** An older TLS 1.0-only server answers the TLS 1.2 hello with TLS 1.0; Schannel then ends it itself. */
    @Test
    void aTls10AnswerToTheirHelloIsRefusedByWindows24h2Itself() {
        Failure lower = Failure.of(FailureKind.LOWER_VERSION, "answered TLSv1.0 to a TLSv1.2 hello");
        TargetResult r = result().accepts(TLSv1_0, 0x002F, 0xC013).refuses(TLSv1_2, lower).refuses(TLSv1_3, lower)
                .build();
        for (String windows : WINDOWS_24H2) {
            ProfileOutcome o = predict(r, windows);
            assertThat(o.reason()).as(windows).isEqualTo(Reason.CLIENT_REFUSES_VERSION);
            assertThat(o.version()).contains(TLSv1_0);
            ClientMessage m = ProfileCheck.messageOf(id(windows), o).orElseThrow();
            assertThat(m.text()).startsWith("Schannel refuses the server's choice of TLSv1.0, a version this client"
                    + " has disabled");
        }
    }

    @Test
    void aTls12EcdheGcmEndpointKeepsEveryCurrentClient() {
        TargetResult r = result().accepts(TLSv1_2, 0xC02F).refuses(TLSv1_3, PROTOCOL_VERSION)
                .refuses(TLSv1_0, PROTOCOL_VERSION).refuses(TLSv1_1, PROTOCOL_VERSION).build();
        for (String client : List.of("win11-24h2-schannel", "win2025-schannel", "java21", "java25", "openssl-3.5")) {
            assertThat(predict(r, client)).as(client).isEqualTo(ProfileOutcome.connects(TLSv1_2,
                    CipherSuite.of(0xC02F)));
        }
    }

    /** TLS_RSA_* is in jdk.tls.disabledAlgorithms of 21.0.10+ and 25: a server with nothing else loses them. */
    @Test
    void anRsaKeyTransportOnlyEndpointLosesCurrentJavaButNotJava17() {
        TargetResult r = result().accepts(TLSv1_2, PreferenceOrder.SERVER, HANDSHAKE_FAILURE, 0x009C, 0x002F)
                .refuses(TLSv1_3, PROTOCOL_VERSION).build();
        for (String java : List.of("java21", "java25")) {
            ProfileOutcome o = predict(r, java);
            assertThat(o.reason()).as(java).isEqualTo(Reason.NO_SHARED_SUITE);
            assertThat(o.version()).contains(TLSv1_2);
            ClientMessage m = ProfileCheck.messageOf(id(java), o).orElseThrow();
            assertThat(m.code()).isEqualTo("javax.net.ssl.SSLHandshakeException");
            assertThat(m.text()).isEqualTo("Received fatal alert: handshake_failure");
        }
        assertThat(predict(r, "java17")).isEqualTo(ProfileOutcome.connects(TLSv1_2, CipherSuite.of(0x009C)));
        assertThat(predict(r, "win2025-schannel")).as("Schannel still offers TLS_RSA")
                .isEqualTo(ProfileOutcome.connects(TLSv1_2, CipherSuite.of(0x009C)));
    }

    /** Server 2025 no longer enables the DHE_RSA GCM suites nor 3DES that Windows 11 / Server 2022 enabled. */
    @Test
    void dheOr3desOnlyEndpointsLoseServer2025ButNotServer2022() {
        TargetResult dhe = result().accepts(TLSv1_2, PreferenceOrder.SERVER, HANDSHAKE_FAILURE, 0x009F, 0x009E)
                .refuses(TLSv1_3, PROTOCOL_VERSION).build();
        TargetResult tripleDes = result().accepts(TLSv1_2, PreferenceOrder.UNKNOWN, HANDSHAKE_FAILURE, 0x000A)
                .refuses(TLSv1_3, PROTOCOL_VERSION).build();
        assertThat(predict(dhe, "win11-schannel")).isEqualTo(ProfileOutcome.connects(TLSv1_2, CipherSuite.of(0x009F)));
        assertThat(predict(tripleDes, "win11-schannel"))
                .isEqualTo(ProfileOutcome.connects(TLSv1_2, CipherSuite.of(0x000A)));
        for (TargetResult r : List.of(dhe, tripleDes)) {
            assertThat(predict(r, "win2025-schannel").reason()).isEqualTo(Reason.NO_SHARED_SUITE);
        }
    }

    /** A TLS 1.3 server taking X25519MLKEM768 alone: only a client offering that group gets through. */
    @Test
    void aHybridOnlyTls13ServerKeepsOpenSsl35AndLosesTheOthers() {
        TargetResult r = result().acceptsWithGroups(TLSv1_3, List.of(NamedGroup.X25519_MLKEM768), 0x1301, 0x1302)
                .refuses(TLSv1_2, PROTOCOL_VERSION).build();
        assertThat(predict(r, "openssl-3.5")).isEqualTo(ProfileOutcome.connects(TLSv1_3, CipherSuite.of(0x1301)));
        for (String classic : List.of("openssl-3", "java25", "win2025-schannel")) {
            assertThat(predict(r, classic).reason()).as(classic).isEqualTo(Reason.NO_SHARED_SUITE);
        }
        TargetResult hybridFirst = result().acceptsWithGroups(TLSv1_3,
                List.of(NamedGroup.X25519_MLKEM768, NamedGroup.X25519), 0x1301, 0x1302)
                .refuses(TLSv1_2, PROTOCOL_VERSION).build();
        for (String client : List.of("openssl-3.5", "openssl-3", "java25", "win2025-schannel")) {
            assertThat(predict(hybridFirst, client).connects()).as(client).isTrue();
        }
    }
}
