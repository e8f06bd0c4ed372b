package io.tlsweep.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.evidence.ClientIdentity;
import io.tlsweep.evidence.ClientUse;
import io.tlsweep.evidence.EndpointEvidence;
import io.tlsweep.evidence.EvidenceEndpoint;
import io.tlsweep.evidence.EvidenceSummary;
import io.tlsweep.wire.ProtocolVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Evidence of use joined with scanned endpoints: which evidence belongs to which endpoint, and the verdicts. */
class EvidenceJoinTest {
    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-30T23:59:59Z");
    private static final List<ProtocolVersion> LEGACY_AND_MODERN = List.of(ProtocolVersion.TLSv1_0,
            ProtocolVersion.TLSv1_1, ProtocolVersion.TLSv1_2);
    private static final List<ProtocolVersion> MODERN = List.of(ProtocolVersion.TLSv1_2, ProtocolVersion.TLSv1_3);

    private static ClientUse use(String client, ProtocolVersion v, long established, long failed) {
        return new ClientUse(client, v, established, failed, Optional.of(FROM), Optional.of(TO), List.of(),
                Map.of(), ClientIdentity.UNKNOWN, List.of("nginx"));
    }

    private static EndpointEvidence at(String address, Integer port, String sni, ClientUse... clients) {
        return new EndpointEvidence(new EvidenceEndpoint(Optional.ofNullable(address),
                port == null ? OptionalInt.empty() : OptionalInt.of(port), Optional.ofNullable(sni)),
                List.of(clients));
    }

    private static EvidenceJoin join(EndpointEvidence... endpoints) {
        return new EvidenceJoin(new EvidenceSummary(List.of("access.log"), 100, 0, List.of(), Optional.of(FROM),
                Optional.of(TO), List.of(endpoints), List.of()));
    }

    @Test
    void aLegacyVersionUsedByAClientIsInUseAndNamesIt() {
        EvidenceJoin j = join(at("192.0.2.10", 443, null, use("10.1.1.1", ProtocolVersion.TLSv1_0, 3, 0),
                use("10.1.1.2", ProtocolVersion.TLSv1_2, 10, 0)));
        LegacyUse u = j.legacyUse("192.0.2.10", Optional.of("192.0.2.10"), 443, Optional.empty(), LEGACY_AND_MODERN);
        assertThat(u.verdict()).isEqualTo(LegacyUse.Verdict.IN_USE);
        assertThat(u.clients()).extracting(ClientUse::client).containsExactly("10.1.1.1");
        assertThat(u.handshakes()).isEqualTo(13);
        assertThat(u.legacyHandshakes()).isEqualTo(3);
        assertThat(u.legacyAccepted()).containsExactly(ProtocolVersion.TLSv1_0, ProtocolVersion.TLSv1_1);
        assertThat(u.summary()).isEqualTo("accepts TLSv1.0, TLSv1.1 and 1 client used it (3 handshakes, "
                + FROM + " to " + TO + "): switching it off breaks them");
    }

    @Test
    void aLegacyEndpointCoveredByEvidenceWithoutLegacyHandshakesIsUnused() {
        EvidenceJoin j = join(at("192.0.2.10", 443, null, use("10.1.1.2", ProtocolVersion.TLSv1_2, 10, 0),
                use("10.1.1.3", ProtocolVersion.TLSv1_3, 4, 0)));
        LegacyUse u = j.legacyUse("192.0.2.10", Optional.of("192.0.2.10"), 443, Optional.empty(), LEGACY_AND_MODERN);
        assertThat(u.verdict()).isEqualTo(LegacyUse.Verdict.UNUSED);
        assertThat(u.clients()).isEmpty();
        assertThat(u.summary()).contains("no client completed a legacy handshake among the 14 seen")
                .endsWith("safe to switch off");
    }

    @Test
    void onlyFailedLegacyAttemptsStillLeaveItUnusedAndAreCounted() {
        EvidenceJoin j = join(at("192.0.2.10", 443, null, use("10.1.1.4", ProtocolVersion.TLSv1_0, 0, 2),
                use("10.1.1.2", ProtocolVersion.TLSv1_2, 10, 0)));
        LegacyUse u = j.legacyUse("192.0.2.10", Optional.empty(), 443, Optional.empty(), LEGACY_AND_MODERN);
        assertThat(u.verdict()).isEqualTo(LegacyUse.Verdict.UNUSED);
        assertThat(u.clients()).extracting(ClientUse::client).containsExactly("10.1.1.4");
        assertThat(u.summary()).endsWith("(2 failed legacy attempts by 1 clients)");
    }

    @Test
    void evidenceOfAnotherEndpointOrPortSaysNothing() {
        EvidenceJoin j = join(at("192.0.2.10", 8443, null, use("10.1.1.1", ProtocolVersion.TLSv1_0, 3, 0)),
                at("192.0.2.11", 443, null, use("10.1.1.1", ProtocolVersion.TLSv1_0, 3, 0)));
        LegacyUse u = j.legacyUse("192.0.2.10", Optional.of("192.0.2.10"), 443, Optional.empty(), LEGACY_AND_MODERN);
        assertThat(u.verdict()).isEqualTo(LegacyUse.Verdict.NO_EVIDENCE);
        assertThat(u.handshakes()).isZero();
        assertThat(u.summary()).isEqualTo("accepts TLSv1.0, TLSv1.1; no evidence names this endpoint");
    }

    @Test
    void anEndpointWithoutLegacyVersionsIsNoLegacyAndSaysWhoStillTried() {
        EvidenceJoin j = join(at("192.0.2.10", 443, null, use("10.1.1.1", ProtocolVersion.TLSv1_0, 0, 5)));
        LegacyUse u = j.legacyUse("192.0.2.10", Optional.empty(), 443, Optional.empty(), MODERN);
        assertThat(u.verdict()).isEqualTo(LegacyUse.Verdict.NO_LEGACY);
        assertThat(u.clients()).extracting(ClientUse::client).containsExactly("10.1.1.1");
        assertThat(u.summary()).startsWith("no legacy version accepted; 1 client still tried one (5 handshakes");
    }

    @Test
    void addressesCompareAsAddressesNamesIgnoreCaseAndSniJoins() {
        EvidenceJoin v6 = join(at("0:0:0:0:0:0:0:1", 443, null, use("::2", ProtocolVersion.TLSv1_1, 1, 0)));
        assertThat(v6.legacyUse("[::1]", Optional.of("::1"), 443, Optional.empty(), LEGACY_AND_MODERN).verdict())
                .isEqualTo(LegacyUse.Verdict.IN_USE);
        EvidenceJoin byName = join(at(null, 443, "WWW.Example.TEST", use("10.1.1.1", ProtocolVersion.TLSv1_0, 1, 0)));
        assertThat(byName.legacyUse("192.0.2.10", Optional.of("192.0.2.10"), 443, Optional.of("www.example.test"),
                LEGACY_AND_MODERN).verdict()).isEqualTo(LegacyUse.Verdict.IN_USE);
        assertThat(byName.legacyUse("192.0.2.10", Optional.of("192.0.2.10"), 443, Optional.empty(),
                LEGACY_AND_MODERN).verdict()).isEqualTo(LegacyUse.Verdict.NO_EVIDENCE);
    }

    @Test
    void evidenceWithoutAPortIsMachineWideAndEvidenceWithoutANameJoinsNothing() {
        EvidenceJoin schannel = join(at("web01", null, null, use("unknown", ProtocolVersion.TLSv1_0, 2, 0)));
        assertThat(schannel.legacyUse("WEB01", Optional.of("192.0.2.10"), 3389, Optional.empty(), LEGACY_AND_MODERN)
                .verdict()).isEqualTo(LegacyUse.Verdict.IN_USE);
        EvidenceJoin postfix = join(at(null, 25, null, use("10.1.1.1", ProtocolVersion.TLSv1_0, 2, 0)));
        assertThat(postfix.legacyUse("192.0.2.10", Optional.of("192.0.2.10"), 25, Optional.empty(), LEGACY_AND_MODERN)
                .verdict()).isEqualTo(LegacyUse.Verdict.NO_EVIDENCE);
    }

    @Test
    void manyLegacyClientsAreCountedAndTheBusiestNamed() {
        List<ClientUse> clients = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            clients.add(use("10.2.0." + i, ProtocolVersion.TLSv1_0, i + 1, 0));
        }
        EvidenceJoin j = join(at("192.0.2.10", 443, null, clients.toArray(ClientUse[]::new)));
        LegacyUse u = j.legacyUse("192.0.2.10", Optional.empty(), 443, Optional.empty(), LEGACY_AND_MODERN);
        assertThat(u.legacyClients()).isEqualTo(30);
        assertThat(u.clients()).hasSize(LegacyUse.MAX_CLIENTS);
        assertThat(u.clients().get(0).client()).isEqualTo("10.2.0.29");
        assertThat(u.legacyHandshakes()).isEqualTo(30 * 31 / 2);
    }
}
