package io.tlsweep.prelude.rdp;

import static io.tlsweep.prelude.rdp.SecurityProtocol.HYBRID;
import static io.tlsweep.prelude.rdp.SecurityProtocol.HYBRID_EX;
import static io.tlsweep.prelude.rdp.SecurityProtocol.RDSTLS;
import static io.tlsweep.prelude.rdp.SecurityProtocol.SSL;
import static io.tlsweep.prelude.PreludeFeed.fields;
import static io.tlsweep.prelude.PreludeFeed.same;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsweep.prelude.PreludeContext;
import io.tlsweep.prelude.PreludeFeed;
import io.tlsweep.prelude.PreludeFeed.Fed;
import io.tlsweep.prelude.PreludeProtocol;
import io.tlsweep.prelude.PreludeProtocols;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.prelude.TlsFraming;
import io.tlsweep.result.FailureKind;
import io.tlsweep.wire.Hex;
import io.tlsweep.wire.Vectors;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The RDP prelude on the Connection Confirms xrdp sent (vectors/prelude, captured by capture-rdp-mssql.py), each
 * fed whole, in pieces and byte by byte; and on confirms built from [MS-RDPBCGR] for what xrdp does not send.
 */
class RdpPreludeTest {
    private static final RdpPrelude STANDARD_ALONE = RdpPrelude.requesting(Set.of());

    @Test
    void theRegistryPicksItOnPort3389ByItsName() {
        assertThat(PreludeProtocols.forPort(3389)).containsSame(PreludeProtocols.named("rdp").orElseThrow());
        PreludeProtocol protocol = PreludeProtocols.named("rdp").orElseThrow();
        assertThat(protocol.defaultPorts()).containsExactly(3389);
        assertThat(protocol.prelude(new PreludeContext(Optional.of("db.example"), "client.example")))
                .isEqualTo(RdpPrelude.DEFAULT);
    }

    @Test
    void theConnectionRequestIsTheOneTheCaptureSentXrdp() {
        assertThat(PreludeFeed.feed(RdpPrelude.DEFAULT, new byte[0], 1).sent())
                .isEqualTo(Hex.parse("030000130ee00000000000010008000b000000"));
        assertThat(PreludeFeed.feed(STANDARD_ALONE, new byte[0], 1).sent())
                .isEqualTo(Hex.parse("030000130ee000000000000100080000000000"));
        assertThat(PreludeFeed.feed(RdpPrelude.requesting(EnumSet.of(SSL, HYBRID, RDSTLS, HYBRID_EX)), new byte[0],
                1).sent()).isEqualTo(Hex.parse("030000130ee00000000000010008000f000000"));
    }

    @Test
    void xrdpWithTlsSelectsSslAndTlsStartsBare() {
        Fed fed = once(RdpPrelude.DEFAULT, "rdp-xrdp-tls-ssl-hybrid-hybridex");
        PreludeStep.TlsMayStart start = (PreludeStep.TlsMayStart) fed.last();
        assertThat(start.framing()).isSameAs(TlsFraming.NONE);
        assertThat(start.consumed()).isEqualTo(19);
        assertThat(start.facts().fields()).isEqualTo(fields("requested-protocols", List.of("ssl", "hybrid",
                "hybrid-ex"), "negotiation", "rdp-neg-rsp", "selected-protocol", "ssl", "standard-rdp-security-only",
                false));
        assertThat(once(RdpPrelude.DEFAULT, "rdp-xrdp-negotiate-ssl-hybrid-hybridex").describe())
                .isEqualTo(fed.describe());
    }

    @Test
    void xrdpWithStandardRdpSecurityOnlySelectsItOverTlsAFindingNotAScannerFailure() {
        PreludeStep.Failed failed = (PreludeStep.Failed) once(RdpPrelude.DEFAULT,
                "rdp-xrdp-rdp-ssl-hybrid-hybridex").last();
        assertThat(failed.failure().kind()).isEqualTo(FailureKind.PRELUDE_TLS_NOT_OFFERED);
        assertThat(failed.failure().detail()).contains("standard RDP security");
        assertThat(failed.facts().orElseThrow().fields()).isEqualTo(fields("requested-protocols", List.of("ssl",
                "hybrid", "hybrid-ex"), "negotiation", "rdp-neg-rsp", "selected-protocol", "standard-rdp",
                "standard-rdp-security-only", true));
    }

    @Test
    void standardRdpAskedForAloneAndAcceptedSaysNothingAboutTls() {
        PreludeStep.Failed failed = (PreludeStep.Failed) once(STANDARD_ALONE, "rdp-xrdp-rdp-standard-only").last();
        assertThat(failed.failure().kind()).isEqualTo(FailureKind.PRELUDE_TLS_NOT_OFFERED);
        assertThat(failed.facts().orElseThrow().fields()).isEqualTo(fields("requested-protocols", List.of(),
                "negotiation", "rdp-neg-rsp", "selected-protocol", "standard-rdp"));
    }

    @Test
    void xrdpWithTlsRefusesStandardRdpOrHybridAloneWithSslRequired() {
        for (var asked : List.of(Map.entry(STANDARD_ALONE, "rdp-xrdp-tls-standard-only"),
                Map.entry(RdpPrelude.requesting(Set.of(HYBRID)), "rdp-xrdp-tls-hybrid-alone"))) {
            PreludeStep.Failed failed = (PreludeStep.Failed) once(asked.getKey(), asked.getValue()).last();
            assertThat(failed.failure().kind()).isEqualTo(FailureKind.PRELUDE_TLS_REFUSED);
            assertThat(failed.failure().detail()).startsWith("RDP_NEG_FAILURE SSL_REQUIRED_BY_SERVER: ");
            assertThat(failed.consumed()).as("the confirm, not the Disconnect Provider Ultimatum after it")
                    .isEqualTo(19);
            assertThat(failed.facts().orElseThrow().fields()).containsEntry("negotiation-failure",
                    "SSL_REQUIRED_BY_SERVER").containsEntry("standard-rdp-security-only", false);
        }
    }

    @Test
    void xrdpTurnsAllFourAwayWithAnUltimatumInsteadOfAConfirm() {
        PreludeStep.Failed failed = (PreludeStep.Failed) once(RdpPrelude.requesting(EnumSet.of(SSL, HYBRID, RDSTLS,
                HYBRID_EX)), "rdp-xrdp-tls-all-four").last();
        assertThat(failed.failure().kind()).isEqualTo(FailureKind.PRELUDE_UNEXPECTED);
        assertThat(failed.failure().detail()).contains("MCS Disconnect Provider Ultimatum");
        assertThat(failed.facts().orElseThrow().fields()).isEqualTo(fields("requested-protocols", List.of("ssl",
                "hybrid", "rdstls", "hybrid-ex")));
    }

    @ParameterizedTest
    @CsvSource({
        "1, PRELUDE_TLS_REFUSED, SSL_REQUIRED_BY_SERVER, false",
        "2, PRELUDE_TLS_NOT_OFFERED, SSL_NOT_ALLOWED_BY_SERVER, true",
        "3, PRELUDE_TLS_REFUSED, SSL_CERT_NOT_ON_SERVER, ",
        "4, PRELUDE_TLS_REFUSED, INCONSISTENT_FLAGS, ",
        "5, PRELUDE_TLS_REFUSED, HYBRID_REQUIRED_BY_SERVER, false",
        "6, PRELUDE_TLS_REFUSED, SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER, false",
        "4294967295, PRELUDE_TLS_REFUSED, 0xffffffff, "})
    void everyFailureCodeIsNamedInTheFacts(long code, FailureKind kind, String name, Boolean standardOnly) {
        byte[] confirm = Hex.parse("030000130ed000001234000300080" + "0" + String.format("%02x%02x%02x%02x",
                code & 0xFF, code >> 8 & 0xFF, code >> 16 & 0xFF, code >> 24 & 0xFF));
        PreludeStep.Failed failed = (PreludeStep.Failed) same(RdpPrelude.DEFAULT, confirm).last();
        assertThat(failed.failure().kind()).isEqualTo(kind);
        Map<String, Object> fields = failed.facts().orElseThrow().fields();
        assertThat(fields).containsEntry("negotiation-failure", name);
        if (standardOnly == null) {
            assertThat(fields).doesNotContainKey("standard-rdp-security-only");
        } else {
            assertThat(fields).containsEntry("standard-rdp-security-only", standardOnly);
        }
    }

    @Test
    void aConfirmWithoutNegotiationIsAServerOlderThanNegotiationStandardRdpOnly() {
        PreludeStep.Failed failed = (PreludeStep.Failed) same(RdpPrelude.DEFAULT,
                Hex.parse("0300000b06d00000123400")).last();
        assertThat(failed.failure().kind()).isEqualTo(FailureKind.PRELUDE_TLS_NOT_OFFERED);
        assertThat(failed.facts().orElseThrow().fields()).containsEntry("negotiation", "none")
                .containsEntry("selected-protocol", "standard-rdp").containsEntry("standard-rdp-security-only", true);
    }

    @Test
    void hybridSelectedStartsTlsAndTheServersFirstTlsBytesAreLeftForIt() {
        Fed fed = PreludeFeed.feed(RdpPrelude.DEFAULT, Hex.parse("030000130ed00000123400020f0800020000001603010000"),
                100);
        assertThat(fed.last()).isInstanceOf(PreludeStep.TlsMayStart.class);
        assertThat(((PreludeStep.TlsMayStart) fed.last()).facts().fields()).containsEntry("selected-protocol",
                "hybrid");
        assertThat(fed.leftover()).isEqualTo(Hex.parse("1603010000"));
    }

    @Test
    void aProtocolNotAskedForOrUnknownIsUnexpected() {
        for (String selected : List.of("04000000", "20000000", "03000000")) {
            PreludeStep.Failed failed = (PreludeStep.Failed) same(RdpPrelude.DEFAULT,
                    Hex.parse("030000130ed000001234000200080" + "0" + selected)).last();
            assertThat(failed.failure().kind()).isEqualTo(FailureKind.PRELUDE_UNEXPECTED);
            assertThat(failed.failure().detail()).contains("not asked for");
        }
    }

    @Test
    void standardRdpIsAskedForByAskingForNothingElse() {
        assertThatThrownBy(() -> RdpPrelude.requesting(Set.of(SecurityProtocol.STANDARD_RDP)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Fed once(RdpPrelude prelude, String vector) {
        return same(prelude, Vectors.load("prelude/" + vector + ".server.hex"));
    }
}
