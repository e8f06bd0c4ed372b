package io.tlsweep.analysis;

import static io.tlsweep.analysis.ResultBuilder.result;
import static io.tlsweep.profile.TestProfiles.profile;
import static io.tlsweep.wire.ProtocolVersion.SSLv3;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_0;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_1;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_2;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_3;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.profile.ClientFamily;
import io.tlsweep.profile.ClientMessage;
import io.tlsweep.profile.ClientProfile;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.result.ProfileOutcome;
import io.tlsweep.result.ProfileOutcome.Reason;
import io.tlsweep.result.TargetResult;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.CipherSuite;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProfilePredictionTest {
    private static final Failure PROTOCOL_VERSION = Failure.alert(AlertDescription.PROTOCOL_VERSION,
            "fatal alert protocol_version");
    private static final Failure HANDSHAKE_FAILURE = Failure.alert(AlertDescription.HANDSHAKE_FAILURE,
            "fatal alert handshake_failure");

    /** WinHTTP on Windows 7 with DefaultSecureProtocols unset (0xA0): SSL 3.0 and TLS 1.0 only. */
    private static final ClientProfile WINHTTP_A0 = profile("winhttp-a0", ClientFamily.WINHTTP)
            .versions(SSLv3, TLSv1_0)
            .suites(0xC014, 0xC013, 0x0035, 0x002F, 0xC00A, 0xC009, 0x0038, 0x0032, 0x000A, 0x0013, 0x0005, 0x0004)
            .groups("secp256r1", "secp384r1").build();

    /** .NET 4.5 with SchUseStrongCrypto=1 on Server 2012 R2: TLS 1.0-1.2, the OS list without RC4. */
    private static final ClientProfile STRONG_CRYPTO = profile("dotnet-strong", ClientFamily.DOTNET)
            .versions(TLSv1_0, TLSv1_1, TLSv1_2)
            .suites(0xC028, 0xC027, 0xC014, 0xC013, 0x009F, 0x009E, 0x009D, 0x009C, 0x003D, 0x003C, 0x0035,
                    0x002F, 0xC02C, 0xC02B, 0xC024, 0xC023, 0xC00A, 0xC009, 0x000A)
            .groups("secp256r1", "secp384r1").build();

    /** Windows 10 1809: TLS 1.0-1.2, no TLS 1.3. */
    private static final ClientProfile WIN10 = profile("win10", ClientFamily.SCHANNEL)
            .versions(TLSv1_0, TLSv1_1, TLSv1_2)
            .suites(0xC02C, 0xC02B, 0xC030, 0xC02F, 0x009F, 0x009E, 0xC024, 0xC023, 0xC028, 0xC027, 0xC00A, 0xC009,
                    0xC014, 0xC013, 0x009D, 0x009C, 0x003D, 0x003C, 0x0035, 0x002F, 0x000A).build();

    private static final ClientProfile JAVA17 = profile("java17", ClientFamily.JAVA).versions(TLSv1_2, TLSv1_3)
            .suites(0x1302, 0x1301, 0x1303, 0xC02C, 0xC02B, 0xCCA9, 0xC030, 0xCCA8, 0xC02F).build();

    @Test
    void serverOrderPicksTheServersFirstSharedSuite() {
        TargetResult r = result().accepts(TLSv1_2, PreferenceOrder.SERVER, 0xC030, 0xC02F, 0x009C).build();
        ClientProfile client = profile("c", ClientFamily.OPENSSL).versions(TLSv1_2).suites(0x009C, 0xC02F, 0xC030)
                .build();
        assertThat(ProfilePrediction.predict(r, client)).isEqualTo(ProfileOutcome.connects(TLSv1_2,
                CipherSuite.of(0xC030)));
    }

    @Test
    void clientOrderPicksTheClientsFirstSharedSuite() {
        TargetResult r = result().accepts(TLSv1_2, PreferenceOrder.CLIENT, 0xC030, 0xC02F, 0x009C).build();
        ClientProfile client = profile("c", ClientFamily.OPENSSL).versions(TLSv1_2).suites(0x0035, 0x009C, 0xC02F)
                .build();
        assertThat(ProfilePrediction.predict(r, client)).isEqualTo(ProfileOutcome.connects(TLSv1_2,
                CipherSuite.of(0x009C)));
    }

    @Test
    void chacha20PriorityFollowsAClientThatListsChaChaFirst() {
        TargetResult r = result().accepts(TLSv1_2, PreferenceOrder.SERVER, 0xC030, 0xCCA8).build();
        TargetResult priority = new TargetResult(r.target(), r.address(), r.status(), r.failure(),
                r.protocols().stream().map(p -> new io.tlsweep.result.ProtocolSupport(p.version(), p.cipherSuites(),
                        p.order(), true, p.groups(), p.dhPrimeBits(), true, Optional.empty())).toList(),
                r.refusals(), r.groups(), r.certificateChain(), false, r.notes(), r.profileHellos(), 1, 1);
        ClientProfile mobile = profile("m", ClientFamily.BROWSER).versions(TLSv1_2).suites(0xCCA8, 0xC030).build();
        assertThat(ProfilePrediction.predict(priority, mobile).suite()).contains(CipherSuite.of(0xCCA8));
        assertThat(ProfilePrediction.predict(r, mobile).suite()).contains(CipherSuite.of(0xC030));
    }

    @Test
    void tls12OnlyServerRefusesTheWinHttpDefaultWithItsOwnAlert() {
        TargetResult r = result().accepts(TLSv1_2, 0xC02F, 0xC030).refuses(SSLv3, PROTOCOL_VERSION)
                .refuses(TLSv1_0, PROTOCOL_VERSION).refuses(TLSv1_1, PROTOCOL_VERSION).build();
        ProfileOutcome o = ProfilePrediction.predict(r, WINHTTP_A0);
        assertThat(o.reason()).isEqualTo(Reason.SERVER_REFUSES_VERSION);
        assertThat(o.assumed()).isFalse();
        ClientMessage m = ProfileCheck.messageOf(WINHTTP_A0, o).orElseThrow();
        assertThat(m.code()).isEqualTo("0x80090302");
        assertThat(m.text()).isEqualTo("The function requested is not supported");
    }

    @Test
    void aServerThatResetsLegacyHellosGivesTheResetMessage() {
        Failure reset = Failure.of(FailureKind.RESET_BEFORE_REPLY, "connection reset");
        TargetResult r = result().accepts(TLSv1_2, 0xC02F, 0xC030).refuses(TLSv1_0, reset).build();
        ProfileOutcome o = ProfilePrediction.predict(r, WINHTTP_A0);
        ClientMessage m = ProfileCheck.messageOf(WINHTTP_A0, o).orElseThrow();
        assertThat(m.code()).isEqualTo("10054");
        assertThat(m.text()).isEqualTo("An existing connection was forcibly closed by the remote host.");
    }

    @Test
    void rc4OnlyServerHasNoCommonCipherWithStrongCrypto() {
        TargetResult r = result().accepts(TLSv1_0, PreferenceOrder.SERVER, HANDSHAKE_FAILURE, 0x0005, 0x0004)
                .accepts(TLSv1_2, PreferenceOrder.SERVER, HANDSHAKE_FAILURE, 0x0005, 0x0004).build();
        ProfileOutcome o = ProfilePrediction.predict(r, STRONG_CRYPTO);
        assertThat(o.reason()).isEqualTo(Reason.NO_SHARED_SUITE);
        assertThat(o.version()).contains(TLSv1_2);
        ClientMessage m = ProfileCheck.messageOf(STRONG_CRYPTO, o).orElseThrow();
        assertThat(m.code()).isEqualTo("0x80090326");
        assertThat(m.application()).isEqualTo("The request was aborted: Could not create SSL/TLS secure channel.");
    }

    @Test
    void insufficientSecurityGivesTheAlgorithmMismatchMessage() {
        Failure insufficient = Failure.alert(AlertDescription.INSUFFICIENT_SECURITY, "fatal alert");
        TargetResult r = result().accepts(TLSv1_2, PreferenceOrder.SERVER, insufficient, 0x0005, 0x000A).build();
        ClientProfile modern = profile("modern", ClientFamily.SCHANNEL).versions(TLSv1_2).suites(0xC02F, 0x009C)
                .build();
        ProfileOutcome o = ProfilePrediction.predict(r, modern);
        assertThat(ProfileCheck.messageOf(modern, o).orElseThrow().text())
                .isEqualTo("The client and server cannot communicate, because they do not possess a common"
                        + " algorithm.");
    }

    @Test
    void tripleDesSurvivesStrongCryptoOnServer2012R2() {
        TargetResult r = result().accepts(TLSv1_2, PreferenceOrder.SERVER, HANDSHAKE_FAILURE, 0x0005, 0x000A)
                .build();
        assertThat(ProfilePrediction.predict(r, STRONG_CRYPTO))
                .isEqualTo(ProfileOutcome.connects(TLSv1_2, CipherSuite.of(0x000A)));
    }

    @Test
    void tls13OnlyServerRefusesWindows10() {
        TargetResult r = result().accepts(TLSv1_3, 0x1302, 0x1301).refuses(TLSv1_2, PROTOCOL_VERSION)
                .refuses(TLSv1_0, PROTOCOL_VERSION).build();
        ProfileOutcome o = ProfilePrediction.predict(r, WIN10);
        assertThat(o.reason()).isEqualTo(Reason.SERVER_REFUSES_VERSION);
        assertThat(o.failure().flatMap(Failure::alert)).contains(AlertDescription.PROTOCOL_VERSION);
        assertThat(ProfilePrediction.predict(r, JAVA17))
                .isEqualTo(ProfileOutcome.connects(TLSv1_3, CipherSuite.of(0x1302)));
    }

    @Test
    void aRefusalTheScanDidNotSeeIsMarkedAssumed() {
        TargetResult r = result().accepts(TLSv1_3, 0x1301).build();
        ProfileOutcome o = ProfilePrediction.predict(r, WIN10);
        assertThat(o.reason()).isEqualTo(Reason.SERVER_REFUSES_VERSION);
        assertThat(o.assumed()).isTrue();
    }

    @Test
    void aModernClientGivesUpOnATls10OnlyServer() {
        TargetResult r = result().accepts(TLSv1_0, 0x002F, 0x0035)
                .refuses(TLSv1_2, Failure.of(FailureKind.LOWER_VERSION, "answered TLSv1.0")).build();
        ProfileOutcome o = ProfilePrediction.predict(r, JAVA17);
        assertThat(o.reason()).isEqualTo(Reason.CLIENT_REFUSES_VERSION);
        assertThat(o.version()).contains(TLSv1_0);
        assertThat(ProfileCheck.messageOf(JAVA17, o).orElseThrow().text())
                .isEqualTo("The server selected protocol version TLS10 is not accepted by client preferences");
    }

    /**
     * GnuTLS without TLS 1.3 ignores supported_versions and answers a TLS 1.3 client by its legacy_version: the
     * scan sees its TLS 1.3 hello answered with a lower version. OpenSSL, BoringSSL and the JDK refuse it.
     */
    @Test
    void aTls13ClientMeetsTheVersionTheServerPicksForAListWithNoneOfItsVersions() {
        TargetResult ignoresTheList = result().accepts(TLSv1_0, 0x002F, 0x0035)
                .refuses(TLSv1_3, Failure.of(FailureKind.LOWER_VERSION, "answered TLSv1.0 to a TLSv1.3 hello")).build();
        ProfileOutcome o = ProfilePrediction.predict(ignoresTheList, JAVA17);
        assertThat(o.reason()).isEqualTo(Reason.CLIENT_REFUSES_VERSION);
        assertThat(o.version()).contains(TLSv1_0);
        TargetResult readsTheList = result().accepts(TLSv1_0, 0x002F, 0x0035).refuses(TLSv1_3, PROTOCOL_VERSION)
                .build();
        ProfileOutcome refused = ProfilePrediction.predict(readsTheList, JAVA17);
        assertThat(refused.reason()).isEqualTo(Reason.SERVER_REFUSES_VERSION);
        assertThat(refused.failure().flatMap(Failure::alert)).contains(AlertDescription.PROTOCOL_VERSION);
    }

    @Test
    void anUnknownOrderPredictsNothingWhereTheTwoOrdersWouldChooseDifferently() {
        TargetResult r = result().accepts(TLSv1_2, PreferenceOrder.UNKNOWN, 0xC030, 0xC02F, 0x009C).build();
        ClientProfile differs = profile("c", ClientFamily.OPENSSL).versions(TLSv1_2).suites(0x009C, 0xC030).build();
        assertThat(ProfilePrediction.predict(r, differs).reason()).isEqualTo(Reason.UNKNOWN);
        ClientProfile same = profile("d", ClientFamily.OPENSSL).versions(TLSv1_2).suites(0xC030, 0x009C).build();
        assertThat(ProfilePrediction.predict(r, same)).isEqualTo(ProfileOutcome.connects(TLSv1_2,
                CipherSuite.of(0xC030)));
    }

    @Test
    void aVersionOfferedButNotCompletedFailsOnTheClientSide() {
        ClientProfile openssl3 = profile("openssl3", ClientFamily.OPENSSL).versions(TLSv1_0, TLSv1_1, TLSv1_2)
                .completes(TLSv1_2).suites(0xC02F, 0x002F).build();
        TargetResult r = result().accepts(TLSv1_0, 0x002F).accepts(TLSv1_1, 0x002F).build();
        assertThat(ProfilePrediction.predict(r, openssl3).reason()).isEqualTo(Reason.CLIENT_REFUSES_VERSION);
    }

    @Test
    void aClientRefusingLegacySignaturesCompletesTls10OnlyWithRsaKeyTransport() {
        ClientProfile openssl3 = profile("openssl3", ClientFamily.OPENSSL).versions(TLSv1_0, TLSv1_1, TLSv1_2)
                .refusingLegacySignatures().suites(0xC02F, 0xC013, 0x002F).build();
        TargetResult ecdheFirst = result().accepts(TLSv1_0, PreferenceOrder.SERVER, 0xC013, 0x002F).build();
        ProfileOutcome o = ProfilePrediction.predict(ecdheFirst, openssl3);
        assertThat(o.reason()).isEqualTo(Reason.CLIENT_REFUSES_SIGNATURE);
        assertThat(ProfileCheck.messageOf(openssl3, o).orElseThrow().text())
                .isEqualTo("legacy sigalg disallowed or unsupported");
        TargetResult rsaFirst = result().accepts(TLSv1_0, PreferenceOrder.SERVER, 0x002F, 0xC013).build();
        assertThat(ProfilePrediction.predict(rsaFirst, openssl3)).isEqualTo(ProfileOutcome.connects(TLSv1_0,
                CipherSuite.of(0x002F)));
    }

    @Test
    void theHighestVersionAtOrBelowTheClientsMaximumIsNegotiated() {
        TargetResult r = result().accepts(TLSv1_0, 0x002F).accepts(TLSv1_2, 0xC02F).build();
        ClientProfile tls11 = profile("t", ClientFamily.JAVA).versions(TLSv1_0, TLSv1_1).suites(0x002F).build();
        assertThat(ProfilePrediction.predict(r, tls11)).isEqualTo(ProfileOutcome.connects(TLSv1_0,
                CipherSuite.of(0x002F)));
    }

    @Test
    void ecdheNeedsACurveBothSidesHave() {
        TargetResult r = result().accepts(TLSv1_2, 0xC02F, 0x009C).build();
        TargetResult curves = new TargetResult(r.target(), r.address(), r.status(), r.failure(),
                r.protocols().stream().map(p -> new io.tlsweep.result.ProtocolSupport(p.version(), p.cipherSuites(),
                        p.order(), false, java.util.List.of(io.tlsweep.wire.NamedGroup.byName("x25519").orElseThrow()),
                        p.dhPrimeBits(), true, Optional.empty())).toList(),
                r.refusals(), r.groups(), r.certificateChain(), false, r.notes(), r.profileHellos(), 1, 1);
        ClientProfile nist = profile("n", ClientFamily.SCHANNEL).versions(TLSv1_2).suites(0xC02F, 0x009C)
                .groups("secp256r1").build();
        assertThat(ProfilePrediction.predict(curves, nist).suite()).contains(CipherSuite.of(0x009C));
    }

    @Test
    void aTlsServerRefusingEveryHelloRefusesEveryClientTheSameWay() {
        Failure alert = Failure.alert(AlertDescription.HANDSHAKE_FAILURE, "fatal alert handshake_failure");
        TargetResult r = ResultBuilder.failed(io.tlsweep.result.ScanStatus.REJECTED, alert);
        ProfileOutcome o = ProfilePrediction.predict(r, WIN10);
        assertThat(o.reason()).isEqualTo(Reason.REFUSED);
        assertThat(new ProfileCheck(WIN10, o, Optional.of(ProfileOutcome.fails(Reason.REFUSED, Optional.empty(),
                alert, false))).agrees()).contains(true);
    }

    @Test
    void anEndpointWithoutAnyVersionGivesNoAnswer() {
        TargetResult r = ResultBuilder.failed(io.tlsweep.result.ScanStatus.UNREACHABLE,
                Failure.of(FailureKind.CONNECT_REFUSED, "refused"));
        assertThat(ProfilePrediction.predict(r, WIN10).reason()).isEqualTo(Reason.NO_ANSWER);
    }
}
