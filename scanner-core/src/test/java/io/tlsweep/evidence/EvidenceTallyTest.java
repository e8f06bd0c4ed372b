package io.tlsweep.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.wire.ProtocolVersion;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The tally over scripted observations: keys, counts, times, bounds, the window, the endpoint given, the days. */
class EvidenceTallyTest {
    private static final Instant T0 = Instant.parse("2026-11-30T23:59:00Z");
    private static final ProtocolVersion TLS10 = ProtocolVersion.TLSv1_0;
    private static final ProtocolVersion TLS12 = ProtocolVersion.TLSv1_2;

    private static Observation seen(String client, ProtocolVersion v, String cipher, Instant t) {
        return Observation.established("nginx").at(t).from(client).to("10.0.0.1", 443).negotiated(v, cipher);
    }

    private static ClientUse only(EvidenceSummary s, String client, ProtocolVersion v) {
        List<ClientUse> found = s.endpoints().stream().flatMap(e -> e.clients().stream())
                .filter(u -> u.client().equals(client) && u.version().equals(v)).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void countsPerEndpointVersionAndClientWithFirstLastAgentsAndSuites() {
        EvidenceTally tally = new EvidenceTally();
        tally.input("access.log");
        tally.observed(seen("192.0.2.7", TLS10, "AES128-SHA", T0.plusSeconds(60)).agent("curl/7.88"));
        tally.observed(seen("192.0.2.7", TLS10, "AES128-SHA", T0).agent("curl/7.88"));
        tally.observed(seen("192.0.2.7", TLS10, "ECDHE-RSA-AES128-SHA", T0.plusSeconds(30)).agent("Java/1.7").failed());
        tally.observed(seen("192.0.2.7", TLS12, "ECDHE-RSA-AES128-GCM-SHA256", T0));
        tally.observed(seen("198.51.100.1", TLS10, "AES128-SHA", T0.plusSeconds(5)));

        EvidenceSummary s = tally.summary();
        assertThat(s.inputs()).containsExactly("access.log");
        assertThat(s.observations()).isEqualTo(5);
        assertThat(s.from()).contains(T0);
        assertThat(s.to()).contains(T0.plusSeconds(60));
        assertThat(s.endpoints()).hasSize(1);
        EndpointEvidence e = s.endpoints().get(0);
        assertThat(e.endpoint().address()).contains("10.0.0.1");
        assertThat(e.endpoint().port()).isEqualTo(OptionalInt.of(443));
        // oldest version first, then the busiest client
        assertThat(e.clients()).extracting(u -> u.client() + " " + u.version())
                .containsExactly("192.0.2.7 TLSv1.0", "198.51.100.1 TLSv1.0", "192.0.2.7 TLSv1.2");
        ClientUse legacy = only(s, "192.0.2.7", TLS10);
        assertThat(legacy.established()).isEqualTo(2);
        assertThat(legacy.failed()).isEqualTo(1);
        assertThat(legacy.count()).isEqualTo(3);
        assertThat(legacy.first()).contains(T0);
        assertThat(legacy.last()).contains(T0.plusSeconds(60));
        assertThat(legacy.userAgents()).containsExactly("curl/7.88", "Java/1.7");
        assertThat(legacy.suites()).isEqualTo(Map.of("AES128-SHA", 2L, "ECDHE-RSA-AES128-SHA", 1L));
        assertThat(legacy.formats()).containsExactly("nginx");
        assertThat(legacy.identity()).isEqualTo(ClientIdentity.UNKNOWN);
        assertThat(tally.notes().keys()).isEqualTo(3);
    }

    @Test
    void dailySeriesIsPerUtcDayAndVersion() {
        EvidenceTally tally = new EvidenceTally();
        tally.observed(seen("a", TLS10, null, T0));                      // 2026-11-30
        tally.observed(seen("b", TLS10, null, T0.plusSeconds(120)));     // 2026-12-01 00:01 UTC
        tally.observed(seen("b", TLS10, null, T0.plusSeconds(180)).failed());
        tally.observed(seen("c", TLS12, null, T0.plusSeconds(120)));
        tally.observed(Observation.established("postfix").from("d").negotiated(TLS10, null)); // no time

        assertThat(tally.summary().daily()).containsExactly(
                new DailyCount(LocalDate.parse("2026-11-30"), TLS10, 1, 0),
                new DailyCount(LocalDate.parse("2026-12-01"), TLS10, 1, 1),
                new DailyCount(LocalDate.parse("2026-12-01"), TLS12, 1, 0));
        assertThat(tally.summary().observations()).isEqualTo(5);
        ClientUse undated = only(tally.summary(), "d", TLS10);
        assertThat(undated.first()).isEmpty();
        assertThat(undated.last()).isEmpty();
    }

    @Test
    void userAgentsSuitesAndTextsAreBounded() {
        EvidenceTally tally = new EvidenceTally();
        for (int i = 0; i < 40; i++) {
            tally.observed(seen("192.0.2.7", TLS10, "SUITE-" + i, T0).agent("agent " + i));
        }
        tally.observed(seen("192.0.2.7", TLS10, "SUITE-0", T0).agent("x".repeat(70_000)));
        ClientUse u = only(tally.summary(), "192.0.2.7", TLS10);
        assertThat(u.userAgents()).containsExactly("agent 0", "agent 1", "agent 2", "agent 3", "agent 4");
        assertThat(u.suites()).hasSize(ClientCounter.SUITES + 1);
        assertThat(u.suites()).containsEntry("SUITE-0", 2L).containsEntry(ClientCounter.OTHER_SUITES, 24L);
        assertThat(u.suites().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(41);

        EvidenceTally longOnes = new EvidenceTally();
        longOnes.observed(seen("c".repeat(1000), TLS10, "s".repeat(1000), T0).agent("u".repeat(1000)));
        ClientUse cut = longOnes.summary().endpoints().get(0).clients().get(0);
        assertThat(cut.client()).hasSize(ClientCounter.TEXT).endsWith("…");
        assertThat(cut.userAgents().get(0)).hasSize(ClientCounter.TEXT);
        assertThat(cut.suites().keySet().iterator().next()).hasSize(ClientCounter.TEXT);
    }

    @Test
    void keysPastTheLimitGoToOneBucketPerEndpointAndVersionWithOneProblem() {
        EvidenceTally tally = new EvidenceTally(TallyOptions.DEFAULTS.maxKeys(3));
        tally.input("big.log");
        for (int i = 0; i < 10; i++) {
            tally.observed(seen("192.0.2." + i, TLS10, "AES128-SHA", T0));
        }
        tally.observed(seen("192.0.2.0", TLS10, "AES128-SHA", T0)); // known key: still its own
        tally.observed(seen("192.0.2.99", TLS12, "AES128-SHA", T0));

        EvidenceSummary s = tally.summary();
        assertThat(s.observations()).isEqualTo(12);
        assertThat(only(s, "192.0.2.0", TLS10).count()).isEqualTo(2);
        assertThat(only(s, EvidenceTally.OTHER_CLIENTS, TLS10).count()).isEqualTo(7);
        assertThat(only(s, EvidenceTally.OTHER_CLIENTS, TLS12).count()).isEqualTo(1);
        assertThat(s.problemCount()).isEqualTo(1);
        assertThat(s.problems().get(0).toString()).startsWith("big.log").contains("more than 3 distinct clients");
        assertThat(tally.notes().overflowed()).isEqualTo(8);
        assertThat(tally.notes().keys()).isEqualTo(5);
    }

    @Test
    void bucketsOfNewEndpointsAreBoundedToo() {
        EvidenceTally tally = new EvidenceTally(TallyOptions.DEFAULTS.maxKeys(1));
        for (int port = 1; port <= 100; port++) {
            tally.observed(Observation.established("pcap").at(T0).from("c" + port).to("10.0.0.1", port)
                    .negotiated(TLS10, null));
        }
        EvidenceSummary s = tally.summary();
        assertThat(tally.notes().keys()).isEqualTo(1 + 16 + 1);
        EndpointEvidence last = s.endpoints().get(s.endpoints().size() - 1);
        assertThat(last.endpoint().address()).isEmpty();
        assertThat(last.clients()).singleElement().satisfies(u -> {
            assertThat(u.client()).isEqualTo(EvidenceTally.OTHER_CLIENTS);
            assertThat(u.count()).isEqualTo(100 - 1 - 16);
        });
    }

    @Test
    void theWindowLeavesOutWhatCameBeforeIt() {
        EvidenceTally tally = new EvidenceTally(TallyOptions.DEFAULTS.since(T0));
        tally.observed(seen("old", TLS10, null, T0.minusSeconds(1)));
        tally.observed(seen("new", TLS10, null, T0));
        tally.observed(Observation.established("postfix").from("undated").negotiated(TLS10, null));
        tally.observed(Observation.established("x").from("noversion").at(T0));

        EvidenceSummary s = tally.summary();
        assertThat(s.endpoints().stream().flatMap(e -> e.clients().stream()).map(ClientUse::client))
                .containsExactlyInAnyOrder("new", "undated");
        assertThat(s.from()).contains(T0);
        assertThat(tally.notes().outsideWindow()).isEqualTo(1);
        assertThat(tally.notes().withoutVersion()).isEqualTo(1);
        assertThat(tally.notes().since()).contains(T0);
    }

    @Test
    void theGivenEndpointFillsOnlyWhatTheObservationLacks() {
        EvidenceTally tally = new EvidenceTally(TallyOptions.DEFAULTS.endpoint("mx.example", 25));
        tally.observed(Observation.established("postfix").at(T0).from("a").negotiated(TLS10, null));
        tally.observed(Observation.established("x").at(T0).from("b").to("10.0.0.9", -1).negotiated(TLS10, null));
        tally.observed(seen("c", TLS10, null, T0));

        assertThat(tally.summary().endpoints()).extracting(e -> e.endpoint().toString())
                .containsExactly("10.0.0.1:443", "10.0.0.9:25", "mx.example:25");
    }

    @Test
    void identityComesFromTheOfferedHelloAndSplitsTheKey() {
        OfferedHello java7 = new OfferedHello(0x0301, List.of(), List.of(0x002f), List.of(), List.of(), List.of(),
                List.of(), Optional.empty());
        OfferedHello openssl = new OfferedHello(0x0303, List.of(), List.of(0xc02f), List.of(), List.of(), List.of(),
                List.of(), Optional.empty());
        EvidenceTally tally = new EvidenceTally(TallyOptions.DEFAULTS.identify(h -> new ClientIdentity(
                Optional.of("t10_" + h.cipherSuites().get(0)), Optional.empty())));
        tally.observed(seen("192.0.2.7", TLS10, null, T0).offering(java7));
        tally.observed(seen("192.0.2.7", TLS10, null, T0).offering(openssl));
        tally.observed(seen("192.0.2.7", TLS10, null, T0).offering(java7));
        tally.observed(seen("192.0.2.7", TLS10, null, T0));

        assertThat(tally.summary().endpoints().get(0).clients())
                .extracting(u -> u.identity().ja4().orElse("-") + "=" + u.count())
                .containsExactlyInAnyOrder("t10_47=2", "t10_49199=1", "-=1");
    }

    @Test
    void keepsTheFirstProblemsAndCountsAll() {
        EvidenceTally tally = new EvidenceTally();
        for (int i = 1; i <= 50; i++) {
            tally.problem(new EvidenceProblem(Position.line("a.log", i), "bad " + i));
        }
        EvidenceSummary s = tally.summary();
        assertThat(s.problemCount()).isEqualTo(50);
        assertThat(s.problems()).hasSize(EvidenceTally.PROBLEMS);
        assertThat(s.problems().get(0).toString()).isEqualTo("a.log:1: bad 1");
    }

    @Test
    void anObservationWithoutClientOrEndpointIsCountedAsUnknown() {
        EvidenceTally tally = new EvidenceTally();
        tally.observed(Observation.established("x").negotiated(TLS10, null));
        tally.observed(seen("a", TLS10, null, T0));
        EvidenceSummary s = tally.summary();
        assertThat(s.endpoints()).extracting(e -> e.endpoint().toString()).containsExactly("10.0.0.1:443", "?");
        assertThat(s.endpoints().get(1).clients().get(0).client()).isEqualTo(EvidenceTally.UNKNOWN_CLIENT);
    }
}
