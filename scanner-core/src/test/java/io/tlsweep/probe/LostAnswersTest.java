package io.tlsweep.probe;

import static io.tlsweep.probe.FakeServer.suite;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.profile.ClientProfile;
import io.tlsweep.profile.ProfileFile;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.Inconsistency;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.TargetResult;
import io.tlsweep.input.Target;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Lost answers (a reset, a close, a silence) against scripted servers: a flaky one is scanned exactly or
 * reported {@code inconsistent} with the evidence, never a clean result built on a lost answer; one that
 * refuses by reset every time keeps that refusal, at one more connection per refused hello.
 */
class LostAnswersTest {
    private static final Target TARGET = new Target("127.0.0.1:443", "127.0.0.1", 443, Optional.empty(), true, "test");
    private static final List<CipherSuite> TLS12 = List.of(suite(0xC030), suite(0xC02F), suite(0xCCA8),
            suite(0x009C));
    private static final List<NamedGroup> CURVES = List.of(NamedGroup.X25519, NamedGroup.SECP256R1);
    private static final FakeServer GOOD = new FakeServer(Map.of(ProtocolVersion.TLSv1_2, TLS12), true, CURVES,
            List.of(NamedGroup.X25519), false);
    private static final List<ClientProfile> PROFILES = ProfileFile.builtIn().profiles();

    /** Answers as {@code server} does, except that a call (numbered from 1) {@code drop} picks gets {@code kind}. */
    static Function<ClientHelloSpec, ConnectionOutcome> dropping(Function<ClientHelloSpec, ConnectionOutcome> server,
            FailureKind kind, BiPredicate<Integer, ClientHelloSpec> drop) {
        int[] calls = {0};
        return hello -> drop.test(++calls[0], hello) ? FakeServer.noReply(kind) : server.apply(hello);
    }

    static TargetResult scan(ProbePlan plan, Function<ClientHelloSpec, ConnectionOutcome> server) {
        for (int round = 0; round < 10_000 && !plan.done(); round++) {
            for (ProbeStep s : plan.ready()) {
                plan.complete(s, server.apply(s.hello()));
            }
        }
        assertThat(plan.done()).isTrue();
        return plan instanceof EndpointPlan e ? TargetResults.of(e, TARGET, Optional.empty(), Optional.empty(), 1)
                : TargetResults.of((TargetScan) plan, TARGET, Optional.empty(), Optional.empty(), 1);
    }

    static EndpointPlan withProfiles() {
        return EndpointPlan.scanThenProfiles(Optional.empty(), ScanOptions.full(), PROFILES);
    }

    /** What a result says about the server: versions, suites in order, order, groups, refusals, profile outcomes. */
    static void assertSameFacts(TargetResult r, TargetResult clean) {
        assertThat(r.status()).isEqualTo(clean.status());
        assertThat(r.protocols()).isEqualTo(clean.protocols());
        assertThat(r.groups()).isEqualTo(clean.groups());
        assertThat(r.refusals()).isEqualTo(clean.refusals());
        assertThat(r.profileHellos()).isEqualTo(clean.profileHellos());
        assertThat(r.inconsistencies()).isEmpty();
    }

    @Test
    void aServerDroppingEveryOtherConnectionIsScannedExactly() {
        TargetResult clean = scan(withProfiles(), GOOD::answer);
        for (FailureKind kind : List.of(FailureKind.RESET_BEFORE_REPLY, FailureKind.CLOSED_BEFORE_REPLY)) {
            for (int phase = 0; phase < 2; phase++) {
                int p = phase;
                TargetResult r = scan(withProfiles(), dropping(GOOD::answer, kind, (n, h) -> n % 2 == p));
                assertSameFacts(r, clean);
                assertThat(r.notes()).anyMatch(n -> n.contains("loses answers"));
                assertThat(r.connections()).isGreaterThan(clean.connections());
            }
        }
    }

    @Test
    void aServerDroppingOneConnectionInTenIsScannedExactly() {
        TargetResult clean = scan(withProfiles(), GOOD::answer);
        for (int phase = 0; phase < 10; phase++) {
            int p = phase;
            assertSameFacts(scan(withProfiles(), dropping(GOOD::answer, FailureKind.CLOSED_BEFORE_REPLY,
                    (n, h) -> n % 10 == p)), clean);
        }
    }

    /**
     * Answers arriving in any order, as from the engine, and a share of connections lost at random (10, 50 or
     * 80 %): the plan never stalls, and every result is exact or {@code inconsistent} with its evidence.
     */
    @Test
    void underRandomLossAndAnyOrderOfAnswersEveryResultIsExactOrInconsistent() {
        TargetResult clean = scan(withProfiles(), GOOD::answer);
        int[] exactAndInconsistent = new int[2];
        for (int seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            int lossPercent = List.of(10, 50, 80).get(seed % 3);
            EndpointPlan plan = withProfiles();
            List<ProbeStep> live = new ArrayList<>();
            boolean answered = false;
            for (int i = 0; i < 100_000; i++) {
                live.addAll(plan.ready());
                if (live.isEmpty()) {
                    // as the engine sees it: nothing offered, nothing outstanding
                    assertThat(plan.done()).as("seed %d: a plan offering nothing is done", seed).isTrue();
                    break;
                }
                ProbeStep s = live.remove(random.nextInt(live.size()));
                boolean lost = random.nextInt(100) < lossPercent;
                answered |= !lost;
                plan.complete(s, lost ? FakeServer.noReply(random.nextBoolean() ? FailureKind.RESET_BEFORE_REPLY
                        : FailureKind.CLOSED_BEFORE_REPLY) : GOOD.answer(s.hello()));
            }
            TargetResult r = TargetResults.of(plan, TARGET, Optional.empty(), Optional.empty(), 1);
            if (!answered) {
                // no answer ever came back: nothing contradicts "it resets every hello"
                assertThat(r.status()).as("seed %d", seed).isEqualTo(ScanStatus.UNREACHABLE);
                assertThat(r.connections()).as("seed %d", seed).isEqualTo(4);
            } else if (r.status() == ScanStatus.INCONSISTENT) {
                assertThat(r.inconsistencies()).as("seed %d", seed).isNotEmpty();
                exactAndInconsistent[1]++;
            } else {
                assertSameFacts(r, clean);
                exactAndInconsistent[0]++;
            }
        }
        System.out.printf("random loss, 300 scans: %d exact, %d inconsistent, the rest never answered%n",
                exactAndInconsistent[0], exactAndInconsistent[1]);
        assertThat(exactAndInconsistent[0]).isPositive();
        assertThat(exactAndInconsistent[1]).isPositive();
    }

    @Test
    void bothFirstHellosLostAreSentOnceMore() {
        TargetResult clean = scan(withProfiles(), GOOD::answer);
        TargetResult r = scan(withProfiles(), dropping(GOOD::answer, FailureKind.RESET_BEFORE_REPLY, (n, h) -> n <= 2));
        assertSameFacts(r, clean);
        assertThat(r.connections()).isEqualTo(clean.connections() + 2);
    }

    @Test
    void aHelloLostOnEveryAttemptOnAnEndpointThatLosesAnswersIsInconsistentWithItsEvidence() {
        // the ChaCha20-first hello offers only suites the server accepted; it is reset every time
        TargetResult r = scan(new TargetScan(Optional.empty(), ScanOptions.full()), dropping(GOOD::answer,
                FailureKind.RESET_BEFORE_REPLY, (n, h) -> h.cipherSuites().get(0).equals(suite(0xCCA8))
                        && h.cipherSuites().containsAll(TLS12) && h.cipherSuites().size() == TLS12.size() + 1));
        assertThat(r.status()).isEqualTo(ScanStatus.INCONSISTENT);
        assertThat(r.failure().orElseThrow().kind()).isEqualTo(FailureKind.INCONSISTENT_EVIDENCE);
        Inconsistency i = r.inconsistencies().get(0);
        assertThat(i.step()).isEqualTo("TLSv1.2 order");
        assertThat(i.seen()).containsExactly("reset-before-reply", "reset-before-reply", "reset-before-reply",
                "reset-before-reply");
        assertThat(i.contradicts()).contains("accepted in another connection");
        assertThat(r.protocols().get(0).cipherSuites()).isEqualTo(TLS12);
    }

    @Test
    void aServerThatRefusesAVersionByResetEveryTimeKeepsThatRefusalAtOneMoreConnectionPerHello() {
        FakeServer withTls10 = GOOD;
        Function<ClientHelloSpec, ConnectionOutcome> resetsTls10 = h -> h.clientVersion().equals(ProtocolVersion.TLSv1_0)
                && h.supportedVersions().isEmpty() ? FakeServer.noReply(FailureKind.RESET_BEFORE_REPLY)
                : withTls10.answer(h);
        TargetResult byAlert = scan(new TargetScan(Optional.empty(), ScanOptions.full()), GOOD::answer);
        TargetResult r = scan(new TargetScan(Optional.empty(), ScanOptions.full()), resetsTls10);
        assertThat(r.status()).isEqualTo(ScanStatus.OK);
        assertThat(r.inconsistencies()).isEmpty();
        assertThat(r.protocols()).isEqualTo(byAlert.protocols());
        assertThat(r.refusals().get(ProtocolVersion.TLSv1_0).kind()).isEqualTo(FailureKind.RESET_BEFORE_REPLY);
        assertThat(r.notes()).noneMatch(n -> n.contains("loses answers"));
        // TLS 1.0 by alert: 1 hello; by reset: first contact's hello of 128 suites and one of every other
        // candidate, each sent twice as it was (the endpoint answered a larger TLS 1.2 hello: size is not to blame)
        assertThat(r.connections()).isEqualTo(byAlert.connections() - 1 + 2 * 2);
        assertThat(r.notes()).noneMatch(n -> n.contains("size"));
    }

    /** A server resetting TLS 1.3 hellos with an empty key_share, and refusing others with alerts, is no flaky one. */
    @Test
    void aTls13ServerResettingTheEmptyKeyShareKeepsItsResultAndIsNotTakenForFlaky() {
        FakeServer tls13 = new FakeServer(Map.of(ProtocolVersion.TLSv1_2, TLS12, ProtocolVersion.TLSv1_3,
                List.of(suite(0x1302), suite(0x1301))), true, CURVES, List.of(NamedGroup.X25519), false);
        Function<ClientHelloSpec, Boolean> emptyShare = h -> h.keyShares().map(List::isEmpty).orElse(false);
        TargetResult byAlert = scan(new TargetScan(Optional.empty(), ScanOptions.full()),
                h -> emptyShare.apply(h) ? FakeServer.alert(47) : tls13.answer(h));
        TargetResult r = scan(new TargetScan(Optional.empty(), ScanOptions.full()),
                h -> emptyShare.apply(h) ? FakeServer.noReply(FailureKind.RESET_BEFORE_REPLY) : tls13.answer(h));
        assertThat(r.status()).isEqualTo(ScanStatus.OK);
        assertThat(r.protocols()).isEqualTo(byAlert.protocols());
        assertThat(r.protocols()).extracting(p -> p.version()).contains(ProtocolVersion.TLSv1_3);
        assertThat(r.inconsistencies()).isEmpty();
        assertThat(r.notes()).noneMatch(n -> n.contains("loses answers"));
        // the lost empty key_share hellos are sent again (two attempts each) before they stand as refusals; since
        // the first TLS 1.3 hello carries real shares (its flight is read), one more of them is lost than when an
        // empty key_share was the first TLS 1.3 offer
        assertThat(r.connections()).isBetween(byAlert.connections() + 1, byAlert.connections() + 4);
    }

    @Test
    void aVersionTakenAsRefusedByLostAnswersIsProbedAgainOnceTheEndpointIsSeenToLoseAnswers() {
        TargetResult clean = scan(new TargetScan(Optional.empty(), ScanOptions.full()), GOOD::answer);
        int[] tls11 = {0};
        int[] leftovers = {0};
        TargetResult r = scan(new TargetScan(Optional.empty(), ScanOptions.full()), h -> {
            boolean isTls11 = h.clientVersion().equals(ProtocolVersion.TLSv1_1) && h.supportedVersions().isEmpty();
            // TLS 1.2's last offer: every candidate but the accepted ones; lost twice, it is offered again in
            // halves, and the alert refusing a half shows the endpoint loses answers (after TLS 1.1's stood)
            boolean leftover = h.clientVersion().equals(ProtocolVersion.TLSv1_2) && h.supportedVersions().isEmpty()
                    && h.cipherSuites().size() > 300 && h.cipherSuites().stream().noneMatch(TLS12::contains);
            if ((isTls11 && ++tls11[0] <= 2) || (leftover && ++leftovers[0] <= 2)) {
                return FakeServer.noReply(FailureKind.RESET_BEFORE_REPLY);
            }
            return GOOD.answer(h);
        });
        assertThat(r.notes()).anyMatch(n -> n.contains("the endpoint loses answers (TLSv1.2 suites: one offer refused"));
        assertThat(r.notes()).anyMatch(n -> n.startsWith("TLSv1.1: probed again"));
        assertThat(r.refusals()).isEqualTo(clean.refusals());
        assertThat(r.protocols()).isEqualTo(clean.protocols());
        assertThat(r.inconsistencies()).isEmpty();
    }

    @Test
    void profilesConnectingWhereTheScanHadOnlyLostAnswersMakeTheVersionProbedAgainThenInconsistent() {
        // every TLS 1.2 hello of the scan (they offer every group) is reset; the profiles' own hellos connect
        Function<ClientHelloSpec, ConnectionOutcome> server = h -> h.clientVersion().equals(ProtocolVersion.TLSv1_2)
                && h.supportedGroups().containsAll(HelloTemplates.LEGACY_GROUPS)
                ? FakeServer.noReply(FailureKind.RESET_BEFORE_REPLY) : GOOD.answer(h);
        TargetResult r = scan(withProfiles(), server);
        assertThat(r.profileHellos().values()).anyMatch(o -> o.connects());
        assertThat(r.status()).isEqualTo(ScanStatus.INCONSISTENT);
        assertThat(r.notes()).anyMatch(n -> n.startsWith("TLSv1.2: probed again, as profile"));
        assertThat(r.inconsistencies()).isNotEmpty().allSatisfy(i -> {
            assertThat(i.step()).isEqualTo("TLSv1.2 suites");
            assertThat(i.attempts()).isEqualTo(LostAnswers.ATTEMPTS_WHEN_LOSING);
            assertThat(i.contradicts()).startsWith("profile ").contains("connected with TLSv1.2");
        });
    }
}
