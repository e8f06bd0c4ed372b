package io.tlsweep.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.analysis.Assessment;
import io.tlsweep.analysis.Readiness;
import io.tlsweep.analysis.Verdict;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.profile.ClientProfile;
import io.tlsweep.profile.ProfileFile;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.TargetResult;
import io.tlsweep.input.Target;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.FlakyTargetSpec;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetSpec;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, "a flaky server gets a random verdict": a proxy before a good TLS 1.2 server that drops every other
 * connection, or one in ten, with a reset or a close. Each front is scanned 20 times in a row, with the client
 * profiles; its drop counter runs on from scan to scan, so every scan meets the pattern at another place. Every
 * scan must give exactly what a scan of the good server itself gives (versions, suites in order, order, groups,
 * refusals, what each profile's own hello got, verdict and findings) or say {@code inconsistent} with the
 * evidence: never a clean result built on a lost answer.
 */
class FlakyServerScanTest {
    private static final int RUNS = 20;
    private static final String GOOD = "good-tls12";
    private static final Set<String> LOST = Set.of(FailureKind.RESET_BEFORE_REPLY.label(),
            FailureKind.CLOSED_BEFORE_REPLY.label(), FailureKind.READ_TIMEOUT.label());
    /** The built-in profiles of endpoints where TLS starts on connect (the RDP and SQL Server clients are not). */
    private static final List<ClientProfile> PROFILES = ProfileFile.builtIn().profiles().stream()
            .filter(p -> p.appliesTo("")).toList();

    @Test
    void withTheClientProfilesEveryScanOfAFlakyFrontIsExactOrSaysInconsistent() {
        scanEachFront20Times(PROFILES);
    }

    /** Without the profiles' hellos, the scan alone must notice what contradicts itself. */
    @Test
    void withoutProfilesEveryScanOfAFlakyFrontIsExactOrSaysInconsistent() {
        scanEachFront20Times(List.of());
    }

    private static void scanEachFront20Times(List<ClientProfile> profiles) {
        List<TargetSpec> specs = new ArrayList<>(DefaultProfiles.flaky());
        specs.add(DefaultProfiles.serverOrdered().toBuilder().name(GOOD).build());
        try (TargetFarm farm = TargetFarm.start(specs)) {
            TargetResult good = scan(List.of(farm.target(GOOD)), profiles).get(GOOD);
            assertThat(good.status()).isEqualTo(ScanStatus.OK);
            assertThat(good.protocols()).singleElement().satisfies(p -> assertThat(p.cipherSuites()).hasSize(4));
            assertThat(good.profileHellos()).hasSize(profiles.size());
            Assessment goodVerdict = Readiness.assess(good);
            List<FarmTarget> fronts = farm.targets().stream().filter(t -> t.spec() instanceof FlakyTargetSpec).toList();
            assertThat(fronts).hasSize(4);
            Map<String, int[]> exactAndInconsistent = new LinkedHashMap<>();
            Map<String, IntSummaryStatistics> connections = new LinkedHashMap<>();
            for (int run = 1; run <= RUNS; run++) {
                for (TargetResult r : scan(fronts, profiles).values()) {
                    String what = r.target().origin() + " run " + run + ": " + r.status() + " " + r.failure() + " "
                            + r.protocols() + " " + r.refusals() + " " + r.inconsistencies() + " " + r.notes();
                    int[] tally = exactAndInconsistent.computeIfAbsent(r.target().origin(), k -> new int[2]);
                    connections.computeIfAbsent(r.target().origin(), k -> new IntSummaryStatistics())
                            .accept(r.connections());
                    if (r.status() == ScanStatus.INCONSISTENT) {
                        assertInconsistentWithEvidence(r, what);
                        tally[1]++;
                    } else {
                        assertExactly(r, good, goodVerdict, what);
                        tally[0]++;
                    }
                }
            }
            exactAndInconsistent.forEach((name, t) -> System.out.printf("%s, %d profiles: %d exact, %d inconsistent"
                    + " of %d scans; %d-%d connections (the good server itself: %d)%n", name, profiles.size(), t[0],
                    t[1], RUNS, connections.get(name).getMin(), connections.get(name).getMax(), good.connections()));
        }
    }

    /**
     * A front answering one connection in five: asked again up to four times, hellos still go unanswered, so a scan
     * says {@code inconsistent} with its evidence and keeps only what it saw; or, when its four first hellos (two
     * rounds) all land on dropped connections, nothing ever answered and it is unreachable by reset, which nothing
     * contradicts. A fresh front answers the first connection, so the first scan is inconsistent.
     */
    @Test
    void aFrontAnsweringOneConnectionInFiveIsInconsistentWithTheEvidence() {
        try (TargetFarm farm = TargetFarm.start(List.of(DefaultProfiles.mostlyDown()))) {
            FarmTarget front = farm.targets().get(0);
            List<Integer> good = front.tls().perVersion().get(0).codes();
            int inconsistent = 0;
            for (int run = 1; run <= 5; run++) {
                TargetResult r = scan(List.of(front), PROFILES).get(front.name());
                String what = "run " + run + ": " + r.status() + " " + r.failure() + " " + r.protocols();
                if (r.status() == ScanStatus.UNREACHABLE) {
                    assertThat(r.failure().orElseThrow().kind()).as(what).isEqualTo(FailureKind.RESET_BEFORE_REPLY);
                    assertThat(r.connections()).as(what).isEqualTo(4);
                    continue;
                }
                assertInconsistentWithEvidence(r, what);
                inconsistent++;
                assertThat(r.protocols()).as(what).allSatisfy(p -> {
                    assertThat(p.version()).isEqualTo(ProtocolVersion.TLSv1_2);
                    assertThat(p.cipherSuites()).allMatch(s -> good.contains(s.code()));
                });
                assertThat(r.notes()).as(what).anyMatch(n -> n.contains("the endpoint loses answers"));
            }
            assertThat(inconsistent).isPositive();
        }
    }

    private static void assertExactly(TargetResult r, TargetResult good, Assessment goodVerdict, String what) {
        assertThat(r.status()).as(what).isEqualTo(ScanStatus.OK);
        assertThat(r.protocols()).as(what).isEqualTo(good.protocols());
        assertThat(r.groups()).as(what).isEqualTo(good.groups());
        assertThat(r.refusals()).as(what).isEqualTo(good.refusals());
        assertThat(r.profileHellos()).as(what).isEqualTo(good.profileHellos());
        assertThat(r.inconsistencies()).as(what).isEmpty();
        Assessment a = Readiness.assess(r);
        assertThat(a.verdict()).as(what).isEqualTo(goodVerdict.verdict());
        assertThat(a.findings()).as(what).isEqualTo(goodVerdict.findings());
        assertThat(r.connections()).as(what).isGreaterThan(good.connections());
        assertThat(r.notes()).as(what).anyMatch(n -> n.contains("sent again after a lost answer"));
        assertThat(r.notes()).as(what).anyMatch(n -> n.contains("the endpoint loses answers"));
    }

    private static void assertInconsistentWithEvidence(TargetResult r, String what) {
        assertThat(r.inconsistencies()).as(what).isNotEmpty().allSatisfy(i -> {
            assertThat(i.step()).as(what).isNotBlank();
            assertThat(i.seen()).as(what).isNotEmpty().allMatch(LOST::contains);
            assertThat(i.contradicts()).as(what).isNotBlank();
        });
        assertThat(r.failure().orElseThrow().kind()).as(what).isEqualTo(FailureKind.INCONSISTENT_EVIDENCE);
        Assessment a = Readiness.assess(r);
        assertThat(a.verdict()).as(what).isEqualTo(Verdict.INCONSISTENT);
        assertThat(a.reason()).as(what).contains(r.inconsistencies().get(0).step());
    }

    /** Scans the targets at once (each front's own connections one scan at a time). */
    private static Map<String, TargetResult> scan(List<FarmTarget> targets, List<ClientProfile> profiles) {
        List<Target> list = targets.stream().map(t -> FarmScans.target(t, Optional.empty(), t.name())).toList();
        return FarmScans.scan(list, ScanOptions.full(), profiles);
    }
}
