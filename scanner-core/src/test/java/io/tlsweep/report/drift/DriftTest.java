package io.tlsweep.report.drift;

import static io.tlsweep.report.Results.AES13;
import io.tlsweep.report.Results;
import static io.tlsweep.report.Results.CBC;
import static io.tlsweep.report.Results.GCM;
import static io.tlsweep.report.Results.RSA_CBC;
import static io.tlsweep.report.Results.SHA_A;
import static io.tlsweep.report.Results.SHA_B;
import static io.tlsweep.report.Results.endpoint;
import static io.tlsweep.report.Results.readyEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tlsweep.report.ResultJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DriftTest {
    private static final EndpointKey ONE = new EndpointKey("127.0.0.1:8443", 443, null);

    private static Drift drift(Results old, Results now) {
        return Drift.between(List.of(old.build()), List.of(now.build()));
    }

    private static List<String> details(Drift d) {
        return d.changes().stream().map(c -> c.driftClass().label() + ": " + c.detail()).toList();
    }

    @Test
    void identicalRunsHaveNoChangesAndEveryClassCountsZero() {
        List<ResultJson> run = List.of(readyEndpoint("127.0.0.1:8443").build(),
                endpoint("127.0.0.2:8443").verdict("legacy-enabled").protocol("TLSv1.0", "client", CBC)
                        .protocol("TLSv1.2", "server", GCM, CBC).finding("cert-expiring-soon", "in 9 days").build(),
                endpoint("127.0.0.3:8443").status("unreachable").verdict("unreachable").build());

        Drift d = Drift.between(run, run);

        assertThat(d.isEmpty()).isTrue();
        assertThat(d.changes()).isEmpty();
        assertThat(d.counts()).containsOnlyKeys(Arrays.stream(DriftClass.values()).map(DriftClass::label).toList());
        assertThat(d.counts().values()).containsOnly(0L);
        assertThat(d.baselineEndpoints()).isEqualTo(3);
        assertThat(d.endpoints()).isEqualTo(3);
        assertThat(d.changedEndpoints()).isZero();
    }

    @Test
    void countsKeepClassOrderForTheMetrics() {
        assertThat(Drift.between(List.of(), List.of()).counts().keySet()).containsExactly("appeared", "disappeared",
                "version-enabled", "version-disabled", "legacy-enabled", "suite-enabled", "suite-disabled",
                "order-changed", "certificate-changed", "certificate-expiring", "check-vulnerable", "check-changed",
                "legacy-client-appeared", "legacy-client-gone", "verdict-changed", "status-changed");
    }

    /**
     * An active check that finds the endpoint vulnerable now is a worsening of its own class; any other change of a
     * result is check-changed; a check that ran in one run only, or gave no judgement, is no change.
     */
    @Test
    void aCheckThatTurnsVulnerableIsAWorseningAndOtherResultChangesAreChanges() {
        Drift d = drift(readyEndpoint("127.0.0.1:8443").check("heartbleed", "not-vulnerable", "no reply", 1)
                        .check("ccs-injection", "vulnerable", "early CCS accepted", 1)
                        .check("fallback-scsv", "not-vulnerable", "inappropriate_fallback", 1)
                        .check("robot", "not-applicable", "no static RSA suite", 0)
                        .check("tea-kettle", null, null, 1),
                readyEndpoint("127.0.0.1:8443").check("heartbleed", "vulnerable", "16384 bytes for 3", 1)
                        .check("ccs-injection", "not-vulnerable", "unexpected_message", 1)
                        .check("fallback-scsv", "inconclusive", "reset", 1)
                        .check("compression", "vulnerable", "DEFLATE selected", 1)
                        .check("robot", "not-applicable", "no static RSA suite", 0)
                        .check("tea-kettle", null, null, 3));

        assertThat(details(d)).containsExactly(
                "check-vulnerable: heartbleed: not-vulnerable → vulnerable: 16384 bytes for 3",
                "check-changed: ccs-injection: vulnerable → not-vulnerable: unexpected_message",
                "check-changed: fallback-scsv: not-vulnerable → inconclusive: reset");
        assertThat(d.changes().get(0).oldValue()).isEqualTo("not-vulnerable");
        assertThat(d.changes().get(0).newValue()).isEqualTo("vulnerable");
        assertThat(d.count(DriftClass.CHECK_VULNERABLE)).isEqualTo(1);
        assertThat(d.count(DriftClass.CHECK_CHANGED)).isEqualTo(2);

        Drift inconclusiveToVulnerable = drift(readyEndpoint("127.0.0.1:8443").check("heartbleed", "inconclusive",
                "lost", 1), readyEndpoint("127.0.0.1:8443").check("heartbleed", "vulnerable", "leaked", 1));
        assertThat(details(inconclusiveToVulnerable)).containsExactly(
                "check-vulnerable: heartbleed: inconclusive → vulnerable: leaked");
        Drift notRunBefore = drift(readyEndpoint("127.0.0.1:8443"),
                readyEndpoint("127.0.0.1:8443").check("heartbleed", "vulnerable", "leaked", 1));
        assertThat(notRunBefore.isEmpty()).as("a check the old run did not send is no change").isTrue();
        Drift notRunNow = drift(readyEndpoint("127.0.0.1:8443").check("heartbleed", "vulnerable", "leaked", 1),
                readyEndpoint("127.0.0.1:8443"));
        assertThat(notRunNow.isEmpty()).isTrue();
    }

    @Test
    void endpointsInOneRunOnlyAppearOrDisappear() {
        Drift d = Drift.between(List.of(readyEndpoint("127.0.0.1:8443").build(), readyEndpoint("127.0.0.2:8443").build()),
                List.of(readyEndpoint("127.0.0.2:8443").build(), readyEndpoint("127.0.0.3:8443").verdict("legacy-enabled").build()));

        assertThat(d.changes()).extracting(c -> c.endpoint().target(), Change::driftClass, Change::detail,
                Change::oldValue, Change::newValue).containsExactly(
                tuple("127.0.0.1:8443", DriftClass.DISAPPEARED, "disappeared (verdict was ready)", "ready", null),
                tuple("127.0.0.3:8443", DriftClass.APPEARED, "appeared (verdict legacy-enabled)", null,
                        "legacy-enabled"));
        assertThat(d.count(DriftClass.APPEARED)).isEqualTo(1);
        assertThat(d.count(DriftClass.DISAPPEARED)).isEqualTo(1);
        assertThat(d.changedEndpoints()).isEqualTo(2);
    }

    @Test
    void identityIsTargetPortAndSni() {
        Drift d = Drift.between(
                List.of(readyEndpoint("127.0.0.1:8443").sni("a.test").build(), readyEndpoint("127.0.0.1:8443").sni("b.test").build(),
                        readyEndpoint("127.0.0.1:8443").port(8443).build(), readyEndpoint("127.0.0.5").sni("").build()),
                List.of(readyEndpoint("127.0.0.1:8443").sni("b.test").build(), readyEndpoint("127.0.0.1:8443").sni("c.test").build(),
                        readyEndpoint("127.0.0.1:8443").port(9443).build(), readyEndpoint("127.0.0.5").build()));

        assertThat(d.changes()).extracting(c -> c.endpoint().port(), c -> c.endpoint().sni(), Change::driftClass)
                .containsExactly(
                        tuple(443, "a.test", DriftClass.DISAPPEARED),
                        tuple(443, "c.test", DriftClass.APPEARED),
                        tuple(8443, null, DriftClass.DISAPPEARED),
                        tuple(9443, null, DriftClass.APPEARED));
        assertThat(new EndpointKey("127.0.0.1:8443", 443, "a.test").name()).isEqualTo("127.0.0.1:8443 (sni a.test)");
    }

    @Test
    void aLegacyVersionComingBackIsAlsoLegacyEnabled() {
        Drift d = drift(readyEndpoint("127.0.0.1:8443"), readyEndpoint("127.0.0.1:8443").verdict("legacy-enabled")
                .protocol("TLSv1.0", "server", CBC).protocol("TLSv1.1", "server", CBC));

        assertThat(details(d)).containsExactly(
                "version-enabled: TLSv1.0 enabled",
                "version-enabled: TLSv1.1 enabled",
                "legacy-enabled: legacy TLSv1.0 enabled",
                "legacy-enabled: legacy TLSv1.1 enabled",
                "verdict-changed: verdict ready → legacy-enabled");
        Change legacy = d.changes().get(2);
        assertThat(legacy.oldValue()).isNull();
        assertThat(legacy.newValue()).isEqualTo("TLSv1.0");
        assertThat(d.changes().get(4).oldValue()).isEqualTo("ready");
        assertThat(d.changes().get(4).newValue()).isEqualTo("legacy-enabled");
    }

    @Test
    void aModernVersionEnabledIsNotLegacy() {
        Drift d = drift(endpoint("127.0.0.1:8443").protocol("TLSv1.2", "server", GCM),
                endpoint("127.0.0.1:8443").protocol("TLSv1.2", "server", GCM).protocol("TLSv1.3", "server", AES13));

        assertThat(details(d)).containsExactly("version-enabled: TLSv1.3 enabled");
        assertThat(d.has(DriftClass.LEGACY_ENABLED)).isFalse();
    }

    @Test
    void versionDisabled() {
        Drift d = drift(readyEndpoint("127.0.0.1:8443").protocol("TLSv1.0", "client", CBC), readyEndpoint("127.0.0.1:8443"));

        assertThat(d.changes()).extracting(Change::driftClass, Change::detail, Change::oldValue, Change::newValue)
                .containsExactly(tuple(DriftClass.VERSION_DISABLED, "TLSv1.0 disabled", "TLSv1.0", null));
    }

    @Test
    void suitesAddedAndRemovedPerVersionByCode() {
        Drift d = drift(endpoint("127.0.0.1:8443").protocol("TLSv1.2", "server", GCM, RSA_CBC),
                endpoint("127.0.0.1:8443").protocol("TLSv1.2", "server", GCM, CBC));

        assertThat(d.changes()).extracting(Change::driftClass, Change::detail, Change::oldValue, Change::newValue)
                .containsExactly(
                        tuple(DriftClass.SUITE_ENABLED, "TLSv1.2: TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA added", null,
                                "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"),
                        tuple(DriftClass.SUITE_DISABLED, "TLSv1.2: TLS_RSA_WITH_AES_128_CBC_SHA removed",
                                "TLS_RSA_WITH_AES_128_CBC_SHA", null));
    }

    @Test
    void aSuiteIsComparedByCodeNotByName() {
        Drift d = drift(endpoint("127.0.0.1:8443").protocol("TLSv1.2", "client", "0xC02F:OLD_NAME"),
                endpoint("127.0.0.1:8443").protocol("TLSv1.2", "client", "0xC02F:NEW_NAME"));

        assertThat(d.isEmpty()).isTrue();
    }

    @Test
    void suitesOfAVersionOnlyOneRunAcceptsAreNotSuiteChanges() {
        Drift d = drift(endpoint("127.0.0.1:8443").protocol("TLSv1.2", "server", GCM),
                endpoint("127.0.0.1:8443").protocol("TLSv1.2", "server", GCM).protocol("TLSv1.0", "server", CBC));

        assertThat(d.changes()).extracting(Change::driftClass)
                .containsExactly(DriftClass.VERSION_ENABLED, DriftClass.LEGACY_ENABLED);
    }

    @Test
    void anEnumerationCutShortRemovesNothingAndAddsNothing() {
        Results complete = endpoint("127.0.0.1:8443").protocol("TLSv1.2", "server", GCM, CBC, RSA_CBC);
        Results cut = endpoint("127.0.0.1:8443").protocol("TLSv1.2", "server", false, GCM, CBC);

        assertThat(drift(complete, cut).isEmpty()).as("removed only when the new run's list is complete").isTrue();
        assertThat(drift(cut, complete).isEmpty()).as("added only when the old run's list is complete").isTrue();
    }

    @Test
    void whoseOrderDecidesChanging() {
        Drift d = drift(endpoint("127.0.0.1:8443").protocol("TLSv1.2", "server", GCM, CBC),
                endpoint("127.0.0.1:8443").protocol("TLSv1.2", "client", GCM, CBC));

        assertThat(d.changes()).extracting(Change::driftClass, Change::detail, Change::oldValue, Change::newValue)
                .containsExactly(tuple(DriftClass.ORDER_CHANGED, "TLSv1.2: order server → client", "server", "client"));
    }

    @Test
    void theServerReorderingTheSameSuites() {
        Drift d = drift(endpoint("127.0.0.1:8443").protocol("TLSv1.2", "server", GCM, CBC),
                endpoint("127.0.0.1:8443").protocol("TLSv1.2", "server", CBC, GCM));

        assertThat(d.changes()).extracting(Change::driftClass, Change::detail, Change::oldValue, Change::newValue)
                .containsExactly(tuple(DriftClass.ORDER_CHANGED, "TLSv1.2: server order changed",
                        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
                        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
    }

    @Test
    void noOrderChangeForTheClientsOrderAnUnknownOrderOrAnotherSet() {
        assertThat(drift(endpoint("127.0.0.1:8443").protocol("TLSv1.2", "client", GCM, CBC),
                endpoint("127.0.0.1:8443").protocol("TLSv1.2", "client", CBC, GCM)).isEmpty())
                .as("the client's order: the sequence is the hello's, not the server's").isTrue();
        assertThat(drift(endpoint("127.0.0.1:8443").protocol("TLSv1.2", "server", GCM, CBC),
                endpoint("127.0.0.1:8443").protocol("TLSv1.2", "unknown", GCM)).changes())
                .extracting(Change::driftClass).as("fewer than two suites: the order is unknown, not changed")
                .containsExactly(DriftClass.SUITE_DISABLED);
        assertThat(drift(endpoint("127.0.0.1:8443").protocol("TLSv1.2", "server", GCM, CBC),
                endpoint("127.0.0.1:8443").protocol("TLSv1.2", "server", CBC, RSA_CBC)).changes())
                .extracting(Change::driftClass).as("another set: suite changes only")
                .containsExactly(DriftClass.SUITE_ENABLED, DriftClass.SUITE_DISABLED);
    }

    @Test
    void aNewLeafCertificate() {
        Drift d = drift(readyEndpoint("127.0.0.1:8443"), readyEndpoint("127.0.0.1:8443").leaf(SHA_B.toUpperCase()));

        assertThat(d.changes()).extracting(Change::driftClass, Change::detail, Change::oldValue, Change::newValue)
                .containsExactly(tuple(DriftClass.CERTIFICATE_CHANGED, "certificate 3fa100000000… → 9bc211111111…",
                        SHA_A, SHA_B));
    }

    @Test
    void theCheckedChainsFingerprintWhenNoCertificatesAreListed() {
        Drift d = drift(readyEndpoint("127.0.0.1:8443").checkedLeaf(SHA_A), readyEndpoint("127.0.0.1:8443").checkedLeaf(SHA_B));

        assertThat(d.changes()).extracting(Change::driftClass).containsExactly(DriftClass.CERTIFICATE_CHANGED);
        assertThat(drift(readyEndpoint("127.0.0.1:8443").checkedLeaf(SHA_A), readyEndpoint("127.0.0.1:8443")).isEmpty())
                .as("the same leaf, once from the check and once as served").isTrue();
        assertThat(drift(readyEndpoint("127.0.0.1:8443"), readyEndpoint("127.0.0.1:8443").noCertificates()).isEmpty())
                .as("no certificate on one side is not a change of certificate").isTrue();
    }

    @Test
    void aCertificateExpiringOrExpiredThatWasNot() {
        Drift d = drift(readyEndpoint("127.0.0.1:8443"),
                readyEndpoint("127.0.0.1:8443").finding("cert-expiring-soon", "expires 2030-01-01 (9 days)"));

        assertThat(d.changes()).extracting(Change::driftClass, Change::detail, Change::newValue).containsExactly(
                tuple(DriftClass.CERTIFICATE_EXPIRING, "certificate expiring soon: expires 2030-01-01 (9 days)",
                        "cert-expiring-soon"));

        Drift expired = drift(readyEndpoint("127.0.0.1:8443").finding("cert-expiring-soon", "in 1 day"),
                readyEndpoint("127.0.0.1:8443").finding("cert-expired", "expired yesterday"));
        assertThat(details(expired)).containsExactly("certificate-expiring: certificate expired: expired yesterday");

        assertThat(drift(readyEndpoint("127.0.0.1:8443").finding("cert-expiring-soon", "in 9 days"),
                readyEndpoint("127.0.0.1:8443").finding("cert-expiring-soon", "in 2 days")).isEmpty())
                .as("already expiring in the old run").isTrue();
    }

    @Test
    void anEndpointGoneUnreachableIsAStatusChangeNotEveryVersionDisabled() {
        Drift d = drift(readyEndpoint("127.0.0.1:8443"), endpoint("127.0.0.1:8443").status("unreachable")
                .verdict("unreachable"));

        assertThat(d.changes()).extracting(Change::driftClass, Change::detail, Change::oldValue, Change::newValue)
                .containsExactly(
                        tuple(DriftClass.VERDICT_CHANGED, "verdict ready → unreachable", "ready", "unreachable"),
                        tuple(DriftClass.STATUS_CHANGED, "status ok → unreachable", "ok", "unreachable"));
    }

    /** An inconsistent line lists only what was seen: no version or suite is taken as gone from it. */
    @Test
    void anEndpointWhoseAnswersContradictEachOtherIsAStatusChangeNotSuitesOrVersionsDisabled() {
        Drift d = drift(readyEndpoint("127.0.0.1:8443"), endpoint("127.0.0.1:8443").status("inconsistent")
                .verdict("inconsistent").protocol("TLSv1.2", "unknown", GCM));

        assertThat(d.changes()).extracting(Change::driftClass, Change::detail).containsExactly(
                tuple(DriftClass.VERDICT_CHANGED, "verdict ready → inconsistent"),
                tuple(DriftClass.STATUS_CHANGED, "status ok → inconsistent"));
    }

    @Test
    void aServerRejectingEveryHelloHasDisabledItsVersions() {
        Drift d = drift(endpoint("127.0.0.1:8443").protocol("TLSv1.0", "server", CBC).verdict("breaks-without-legacy"),
                endpoint("127.0.0.1:8443").status("rejected").verdict("unreachable"));

        assertThat(d.changes()).extracting(Change::driftClass).containsExactly(DriftClass.VERSION_DISABLED,
                DriftClass.VERDICT_CHANGED, DriftClass.STATUS_CHANGED);
    }

    @Test
    void changesAreSortedByEndpointThenClassThenDetailWhateverTheLineOrder() {
        List<ResultJson> old = new ArrayList<>();
        List<ResultJson> now = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            String t = "127.0.0." + i + ":8443";
            old.add(readyEndpoint(t).protocol("TLSv1.1", "server", CBC).build());
            now.add(readyEndpoint(t).protocol("TLSv1.0", "client", CBC).protocol("SSLv3", "client", RSA_CBC)
                    .leaf(i % 2 == 0 ? SHA_B : SHA_A).verdict("legacy-enabled").build());
        }
        Drift first = Drift.between(old, now);
        Collections.shuffle(old, new Random(1));
        Collections.shuffle(now, new Random(2));
        Drift second = Drift.between(old, now);

        assertThat(second).isEqualTo(first);
        assertThat(second.changes()).isEqualTo(first.changes()).isSorted();
        assertThat(first.changes().subList(0, 8)).as("targets in plain string order: .10 before .1:")
                .extracting(c -> c.endpoint().target(), Change::detail).containsExactly(
                        tuple("127.0.0.10:8443", "SSLv3 enabled"),
                        tuple("127.0.0.10:8443", "TLSv1.0 enabled"),
                        tuple("127.0.0.10:8443", "TLSv1.1 disabled"),
                        tuple("127.0.0.10:8443", "legacy SSLv3 enabled"),
                        tuple("127.0.0.10:8443", "legacy TLSv1.0 enabled"),
                        tuple("127.0.0.10:8443", "certificate 3fa100000000… → 9bc211111111…"),
                        tuple("127.0.0.10:8443", "verdict ready → legacy-enabled"),
                        tuple("127.0.0.11:8443", "SSLv3 enabled"));
    }

    @Test
    void aRepeatedLineCountsOnce() {
        Drift d = Drift.between(List.of(readyEndpoint("127.0.0.1:8443").build(), readyEndpoint("127.0.0.1:8443").leaf(SHA_B).build()),
                List.of(readyEndpoint("127.0.0.1:8443").build(), readyEndpoint("127.0.0.1:8443").leaf(SHA_B).build(),
                        readyEndpoint("127.0.0.2:8443").build(), readyEndpoint("127.0.0.2:8443").build()));

        assertThat(d.changes()).extracting(Change::driftClass).containsExactly(DriftClass.APPEARED);
        assertThat(d.baselineEndpoints()).isEqualTo(1);
        assertThat(d.endpoints()).isEqualTo(2);
    }

    @Test
    void theBuilderStreamsTheOldRunFirst() {
        Drift.Builder b = Drift.builder().old(readyEndpoint("127.0.0.1:8443").build());
        b.now(readyEndpoint("127.0.0.1:8443").leaf(SHA_B).build());

        assertThatThrownBy(() -> b.old(readyEndpoint("127.0.0.2:8443").build())).isInstanceOf(IllegalStateException.class);
        assertThat(b.build().changes()).extracting(Change::endpoint, Change::driftClass)
                .containsExactly(tuple(ONE, DriftClass.CERTIFICATE_CHANGED));
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void linesWithoutListsAreEmptyNotErrors() {
        ResultJson bare = new ResultJson(ResultJson.SCHEMA, null, null, null, null, 0, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, 0, 0, null, null, null, null, null,
                null, null);
        assertThat(Drift.between(List.of(bare), List.of(bare)).isEmpty()).isTrue();
        assertThat(Drift.between(List.of(bare), List.of(readyEndpoint("127.0.0.1:8443").build())).counts())
                .containsEntry("appeared", 1L).containsEntry("disappeared", 1L);
    }
}
