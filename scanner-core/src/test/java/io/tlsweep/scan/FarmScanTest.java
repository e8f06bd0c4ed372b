package io.tlsweep.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.probe.OfferOrder;
import io.tlsweep.probe.OrderHellos;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.profile.ClientProfile;
import io.tlsweep.profile.ProfileFile;
import io.tlsweep.profile.ProfileHello;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.TargetResult;
import io.tlsweep.input.Target;
import io.tlsweep.targets.Behaviour;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.HostileExpectation;
import io.tlsweep.targets.OrderPolicy;
import io.tlsweep.targets.Suite;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetFarmExtension;
import io.tlsweep.targets.TlsExpectation;
import io.tlsweep.targets.VersionFacts;
import io.tlsweep.wire.BulkCipher;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.KeyExchange;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.tls13.FlightReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole scanner against the target farm: every well-behaved profile yields exactly the versions and
 * suites its manifest promises, in the promised order, with a connection count that follows the stated
 * formula; every hostile profile yields the right failure kind within its deadline.
 */
@ExtendWith(TargetFarmExtension.class)
class FarmScanTest {
    private static final long SLACK_MS = 1500;
    private static Map<String, TargetResult> results;

    @BeforeAll
    static void scanTheFarm(TargetFarm farm) {
        List<Target> targets = new ArrayList<>();
        for (FarmTarget t : farm.targets()) {
            Optional<String> sni = t.isHostile() ? Optional.empty()
                    : t.tls().sni().map(s -> s.serverName());
            targets.add(FarmScans.target(t, sni, t.name()));
            if (sni.isPresent()) {
                targets.add(FarmScans.target(t, Optional.empty(), t.name() + "/no-sni"));
            }
        }
        results = FarmScans.scan(targets, ScanOptions.full());
    }

    @Test
    void everyWellBehavedProfileYieldsExactlyItsVersionsSuitesAndOrder(TargetFarm farm) {
        for (FarmTarget t : farm.tlsTargets()) {
            TargetResult r = results.get(t.name());
            TlsExpectation expected = t.tls();
            assertThat(r.status()).as(t.name()).isEqualTo(ScanStatus.OK);
            assertThat(r.protocols()).as(t.name() + " versions").extracting(p -> p.version().code())
                    .containsExactlyElementsOf(expected.perVersion().stream().map(f -> f.version().code()).toList());
            for (VersionFacts facts : expected.perVersion()) {
                ProtocolSupport found = support(r, facts);
                List<Integer> codes = found.cipherSuites().stream().map(CipherSuite::code).toList();
                assertThat(codes).as(t.name() + " " + found.version() + " suites")
                        .containsExactlyInAnyOrderElementsOf(facts.codes());
                if (facts.suites().size() >= 2 && facts.order() == OrderPolicy.SERVER) {
                    assertThat(found.order()).as(t.name() + " order").isEqualTo(PreferenceOrder.SERVER);
                    assertThat(codes).as(t.name() + " server order").containsExactlyElementsOf(facts.codes());
                } else if (facts.suites().size() >= 2 && facts.order() == OrderPolicy.CLIENT) {
                    assertThat(found.order()).as(t.name() + " order").isEqualTo(PreferenceOrder.CLIENT);
                }
                assertThat(found.complete()).as(t.name()).isTrue();
            }
        }
    }

    @Test
    void connectionsFollowTheStatedFormula(TargetFarm farm) {
        for (FarmTarget t : farm.tlsTargets()) {
            TargetResult r = results.get(t.name());
            assertThat(r.connections()).as(t.name() + " connections")
                    .isEqualTo(expectedConnections(t.tls(), r));
        }
    }

    /** With the client profiles on: the scan's connections, then one per distinct profile hello. */
    @Test
    void connectionsFollowTheStatedFormulaWithTheClientProfilesOn(TargetFarm farm) {
        List<ClientProfile> profiles = ProfileFile.builtIn().profiles().stream().filter(p -> p.appliesTo(""))
                .toList();
        List<Target> targets = new ArrayList<>();
        for (FarmTarget t : farm.tlsTargets()) {
            targets.add(FarmScans.target(t, t.tls().sni().map(s -> s.serverName()), t.name()));
        }
        // a generous read timeout: a hello lost on a loaded machine would be sent again, one connection more
        Map<String, TargetResult> withProfiles = FarmScans.scan(targets, ScanOptions.full(), profiles,
                FarmScans.config(Duration.ofSeconds(5)));
        for (FarmTarget t : farm.tlsTargets()) {
            TargetResult r = withProfiles.get(t.name());
            int distinct = ProfileHello.distinct(profiles, t.tls().sni().map(s -> s.serverName())).size();
            assertThat(r.profileHellos()).as(t.name()).hasSize(profiles.size());
            assertThat(r.connections()).as(t.name() + " connections with the profiles")
                    .isEqualTo(expectedConnections(t.tls(), r) + distinct);
        }
    }

    /**
     * Connections = for each supported version: accepted suites + 1 (every candidate is offered at once, the one
     * chosen removed, until the rest is turned down), + 1 for TLS 1.0 when none of its suites is among the 128
     * of first contact's TLS 1.0 hello; one hello for each version the server refuses; per version with two or
     * more suites the same pair offered in both orders (one hello when the enumeration's first hello stands for the
     * pair as found: {@link OrderHellos}), + (accepted - 1) to rebuild a server order
     * when first contact's TLS 1.0 hello found its first suite and a later one lies outside that hello, plus one
     * ChaCha20 hello when the server enforces an order with ChaCha20 below first place; groups found + 1 for
     * TLS 1.3, + 1 more when the first TLS 1.3 hello (real x25519 and secp256r1 shares) got a HelloRetryRequest
     * (the farm's servers take their own first group: one that is neither of those two) and a group found is one the
     * scan makes a share for (the one more hello that reads the flight), and groups found + 1 once for TLS ≤ 1.2 when
     * an ECDHE suite was accepted; then the connections each check after the scan reports in its entry.
     */
    static int expectedConnections(TlsExpectation expected, TargetResult r) {
        Set<Integer> supported = expected.perVersion().stream().map(f -> f.version().code())
                .collect(Collectors.toSet());
        List<CipherSuite> firstContact10 = OfferOrder.candidates(ProtocolVersion.TLSv1_0).subList(0, 128);
        int n = 0;
        for (ProtocolVersion v : ProtocolVersion.HELLO_VERSIONS) {
            if (!supported.contains(v.code())) {
                n += 1;
                continue;
            }
            ProtocolSupport p = r.protocols().stream().filter(x -> x.version().equals(v)).findFirst().orElseThrow();
            int accepted = p.cipherSuites().size();
            n += accepted + 1;
            boolean rebuilt = false;
            if (v.equals(ProtocolVersion.TLSv1_0)) {
                if (p.cipherSuites().stream().noneMatch(firstContact10::contains)) {
                    n += 1;
                } else if (!firstContact10.containsAll(p.cipherSuites())) {
                    rebuilt = true;
                }
            }
            if (accepted >= 2) {
                n += OrderHellos.of(v, p.cipherSuites());
                if (rebuilt && p.order() == PreferenceOrder.SERVER) {
                    n += accepted - 1;
                }
                boolean chachaBelowFirst = p.cipherSuites().stream().skip(1)
                        .anyMatch(s -> s.cipher() == BulkCipher.CHACHA20_POLY1305)
                        && p.cipherSuites().get(0).cipher() != BulkCipher.CHACHA20_POLY1305;
                if (p.order() == PreferenceOrder.SERVER && chachaBelowFirst) {
                    n += 1;
                }
            }
        }
        Optional<ProtocolSupport> tls13 = r.protocols().stream()
                .filter(p -> p.version().equals(ProtocolVersion.TLSv1_3)).findFirst();
        n += tls13.map(p -> p.groups().size() + 1).orElse(0);
        n += tls13.filter(p -> !p.groups().isEmpty()
                && !List.of(NamedGroup.X25519, NamedGroup.SECP256R1).contains(p.groups().get(0))
                && p.groups().stream().anyMatch(FlightReader::readsGroup)).map(p -> 1).orElse(0);
        n += r.protocols().stream().filter(p -> !p.version().equals(ProtocolVersion.TLSv1_3))
                .filter(p -> p.cipherSuites().stream().anyMatch(s -> s.keyExchange() == KeyExchange.ECDHE))
                .reduce((a, b) -> b).map(p -> p.groups().size() + 1).orElse(0);
        // the checks after the scan (hello features, signature algorithms...) cost what their entries say
        n += r.checks().entries().stream().mapToInt(e -> e.connections()).sum();
        return n;
    }

    @Test
    void sniRequiredWithoutTheNameIsReportedAsSniRequired(TargetFarm farm) {
        for (FarmTarget t : farm.tlsTargets()) {
            if (t.tls().sni().isPresent()) {
                TargetResult r = results.get(t.name() + "/no-sni");
                assertThat(r.status()).isEqualTo(ScanStatus.SNI_REQUIRED);
                assertThat(r.failure().orElseThrow().alert().orElseThrow().code()).isEqualTo(112);
            }
        }
    }

    @Test
    void hostileProfilesGetTheRightFailureWithinTheirDeadline(TargetFarm farm) {
        for (FarmTarget t : farm.hostileTargets()) {
            Behaviour b = ((HostileExpectation) t.expected()).behaviour();
            TargetResult r = results.get(t.name());
            assertThat(r.protocols()).as(t.name()).isEmpty();
            assertThat(r.status()).as(t.name()).isEqualTo(expectedStatus(b));
            assertThat(r.failure().orElseThrow().kind()).as(t.name() + " " + r.failure())
                    .isEqualTo(expectedKind(b));
            long deadline = b == Behaviour.ALERT_ONLY || b == Behaviour.CLOSE_NOTIFY
                    ? 5 * FarmScans.READ_TIMEOUT.toMillis() : FarmScans.READ_TIMEOUT.toMillis();
            assertThat(r.elapsedMillis()).as(t.name() + " elapsed").isLessThanOrEqualTo(deadline + SLACK_MS);
        }
    }

    @Test
    void aSilentEndpointCostsAboutOneReadTimeout() {
        TargetResult silent = results.get("hostile-silent");
        assertThat(silent.elapsedMillis()).isBetween(FarmScans.READ_TIMEOUT.toMillis(),
                FarmScans.READ_TIMEOUT.toMillis() + SLACK_MS);
        assertThat(silent.connections()).isEqualTo(2);
    }

    static ScanStatus expectedStatus(Behaviour b) {
        return switch (b) {
            case CLOSED_PORT, SILENT, RESET_AFTER_ACCEPT, RESET_ON_HELLO, SLOW_DRIP -> ScanStatus.UNREACHABLE;
            case GARBAGE, HTTP, SSH_BANNER -> ScanStatus.NOT_TLS;
            case TRUNCATED_RECORD, OVERSIZED_RECORD, ALERT_ONLY, CLOSE_NOTIFY, UNOFFERED_SUITE -> ScanStatus.REJECTED;
        };
    }

    static FailureKind expectedKind(Behaviour b) {
        return switch (b) {
            case CLOSED_PORT -> FailureKind.CONNECT_REFUSED;
            case SILENT, SLOW_DRIP -> FailureKind.READ_TIMEOUT;
            case RESET_AFTER_ACCEPT, RESET_ON_HELLO -> FailureKind.RESET_BEFORE_REPLY;
            case GARBAGE, HTTP, SSH_BANNER -> FailureKind.NOT_TLS;
            case TRUNCATED_RECORD, OVERSIZED_RECORD -> FailureKind.MALFORMED_REPLY;
            case ALERT_ONLY, CLOSE_NOTIFY -> FailureKind.ALERT;
            case UNOFFERED_SUITE -> FailureKind.UNOFFERED_CHOICE;
        };
    }

    private static ProtocolSupport support(TargetResult r, VersionFacts facts) {
        return r.protocols().stream().filter(p -> p.version().code() == facts.version().code()).findFirst()
                .orElseThrow();
    }

    static List<Integer> codes(List<Suite> suites) {
        return suites.stream().map(Suite::code).toList();
    }
}
