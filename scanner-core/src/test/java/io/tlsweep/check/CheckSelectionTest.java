package io.tlsweep.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsweep.engine.EngineConfig;
import io.tlsweep.input.Target;
import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.CheckSelection;
import io.tlsweep.probe.PlanContext;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.result.PartKey;
import io.tlsweep.result.TargetResult;
import io.tlsweep.scan.TlsScanner;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code --checks LIST} and {@code --no-checks} as the registry reads them: the active checks (a {@link Judged} part)
 * are optional, on by default unless costly; the scan and what rests on it always run; and the selection reaches the
 * endpoint plan, so a check not selected sends nothing.
 */
class CheckSelectionTest {
    /** An opt-in active check: costly, so it runs only when named. It plans nothing; only its place matters here. */
    static final class Costly implements Check<Costly.Part> {
        record Part(Judgement judgement) implements Judged {
        }

        @Override
        public PartKey<Part> key() {
            return new PartKey<>("costly", Part.class);
        }

        @Override
        public boolean onByDefault() {
            return false;
        }

        @Override
        public String about() {
            return "many malformed hellos: up to 20 connections";
        }

        @Override
        public Optional<? extends CheckPlan<Part>> plan(PlanContext context) {
            return Optional.empty();
        }
    }

    private static final Checks CHECKS = Checks.BUILT_IN.with(new DowngradeSentinelCheck(), new Costly());

    private static List<String> ids(List<Check<?>> checks) {
        return checks.stream().map(Check::id).toList();
    }

    /** The built-in active checks' ids, then {@code more}: the test's registry adds its own after them. */
    private static List<String> builtInThen(String... more) {
        List<String> all = new java.util.ArrayList<>(ids(Checks.BUILT_IN.optional()));
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void activeChecksAreOptionalAndTheCostlyOnesOptIn() {
        assertThat(ids(CHECKS.optional())).containsExactlyElementsOf(builtInThen("downgrade-sentinel", "costly"));
        assertThat(ids(CHECKS.judged())).containsExactlyElementsOf(builtInThen("downgrade-sentinel", "costly"));
        assertThat(ids(Checks.BUILT_IN.optional())).as("the scan and the per-service checks always run")
                .doesNotContain("scan", "profile-hellos", "recheck", "rdp-accepts", "mssql-encryption");
        List<String> always = ids(Checks.BUILT_IN.all().stream().filter(c -> !c.optional()).toList());

        assertThat(ids(CHECKS.running(CheckSelection.DEFAULT))).containsSubsequence(always)
                .contains("downgrade-sentinel").doesNotContain("costly");
        assertThat(ids(CHECKS.running(CheckSelection.none()))).containsExactlyElementsOf(always);
        assertThat(ids(CHECKS.running(CHECKS.select(List.of("costly"))))).containsSubsequence(always)
                .contains("costly").doesNotContain("downgrade-sentinel");
        assertThat(ids(CHECKS.running(CHECKS.select(List.of(" Default ", "costly")))))
                .contains("downgrade-sentinel", "costly");
        assertThat(ids(CHECKS.running(CHECKS.select(List.of("all"))))).contains("downgrade-sentinel", "costly");
        List<String> onByDefault = new java.util.ArrayList<>(ids(Checks.BUILT_IN.optional().stream()
                .filter(Check::onByDefault).toList()));
        onByDefault.add("downgrade-sentinel");
        assertThat(CHECKS.select(List.of("default"))).isEqualTo(CheckSelection.only(onByDefault));
        assertThat(CheckSelection.DEFAULT).hasToString("default");
        assertThat(CheckSelection.none()).hasToString("none");
    }

    @Test
    void unknownNamesAndTheScanItselfAreRefusedListingTheKnownOnes() {
        assertThatThrownBy(() -> CHECKS.select(List.of("downgrade-sentinel", "heartbleeed")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown check 'heartbleeed' (known: " + String.join(", ", builtInThen("downgrade-sentinel",
                        "costly", "default", "all")) + ")");
        assertThatThrownBy(() -> CHECKS.select(List.of("scan"))).hasMessageContaining("unknown check 'scan'");
        assertThatThrownBy(() -> CHECKS.select(List.of("\u001b[2J"))).hasMessageContaining("'\\x1b[2J'");
        assertThatThrownBy(() -> CHECKS.select(List.of())).hasMessageStartingWith("no check named");
    }

    /** The selection reaches every endpoint's plan: a check left out sends nothing and leaves no part. */
    @Test
    void aCheckLeftOutSendsNothing() throws IOException {
        EngineConfig config = EngineConfig.builder().connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(3)).targetBudget(Duration.ofSeconds(60)).maxInFlight(8)
                .perHostConnections(8).build();
        try (SentinelServer server = SentinelServer.start()) {
            Target target = new Target("127.0.0.1:" + server.port(), "127.0.0.1", server.port(), Optional.empty(),
                    true, "sentinel");
            TargetResult on = scan(config, target, ScanOptions.full());
            TargetResult off = scan(config, target, ScanOptions.full().checks(CheckSelection.none()));
            TargetResult named = scan(config, target, ScanOptions.full().checks(CHECKS.select(List.of("costly"))));

            assertThat(on.checks().get(DowngradeSentinelCheck.KEY)).isPresent();
            assertThat(off.checks().isEmpty()).isTrue();
            assertThat(named.checks().isEmpty()).isTrue();
            assertThat(on.checks().entries()).filteredOn(e -> e.key().equals(DowngradeSentinelCheck.KEY))
                    .singleElement().extracting(e -> e.connections()).isEqualTo(2);
            assertThat(off.connections()).as("its two hellos, and the other active checks', are not sent")
                    .isEqualTo(on.connections() - on.checks().entries().stream().mapToInt(e -> e.connections()).sum());
            assertThat(off.protocols()).isEqualTo(on.protocols());
        }
    }

    private static TargetResult scan(EngineConfig config, Target target, ScanOptions options) {
        List<TargetResult> results = new ArrayList<>();
        try (TlsScanner scanner = new TlsScanner(config, options, List.of(), false, CHECKS)) {
            scanner.scan(List.of(target).iterator(), results::add).join();
        }
        return results.get(0);
    }
}
