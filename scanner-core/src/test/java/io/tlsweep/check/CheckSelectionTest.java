package io.tlsweep.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsweep.engine.EngineConfig;
import io.tlsweep.input.Target;
import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.CheckSelection;
import io.tlsweep.probe.PlanContext;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.result.CheckParts;
import io.tlsweep.result.PartKey;
import io.tlsweep.result.TargetResult;
import io.tlsweep.scan.TlsScanner;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
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

    /** The built-in active checks, then the two of this test. */
    private static List<String> optional() {
        List<String> ids = new ArrayList<>(ids(Checks.BUILT_IN.optional()));
        ids.addAll(List.of("downgrade-sentinel", "costly"));
        return ids;
    }

    @Test
    void activeChecksAreOptionalAndTheCostlyOnesOptIn() {
        assertThat(ids(CHECKS.optional())).containsExactlyElementsOf(optional());
        assertThat(ids(CHECKS.judged())).containsExactlyElementsOf(optional());
        assertThat(ids(Checks.BUILT_IN.optional())).as("the scan and the per-service checks always run")
                .doesNotContain("scan", "profile-hellos", "recheck", "rdp-accepts", "mssql-encryption");
        List<String> always = ids(Checks.BUILT_IN.all()).stream().filter(id -> !optional().contains(id)).toList();

        assertThat(ids(CHECKS.running(CheckSelection.DEFAULT))).containsSubsequence(always)
                .contains("downgrade-sentinel").doesNotContain("costly");
        assertThat(ids(CHECKS.running(CheckSelection.none()))).containsExactlyElementsOf(always);
        assertThat(ids(CHECKS.running(CHECKS.select(List.of("costly"))))).containsSubsequence(always)
                .contains("costly").doesNotContain("downgrade-sentinel");
        assertThat(ids(CHECKS.running(CHECKS.select(List.of(" Default ", "costly")))))
                .contains("downgrade-sentinel", "costly");
        assertThat(ids(CHECKS.running(CHECKS.select(List.of("all"))))).contains("downgrade-sentinel", "costly");
        assertThat(CHECKS.select(List.of("default"))).hasToString(String.join(",", new TreeSet<>(
                CHECKS.optional().stream().filter(Check::onByDefault).map(Check::id).toList())));
        assertThat(CHECKS.select(List.of("default")).toString()).contains("downgrade-sentinel")
                .doesNotContain("costly");
        assertThat(CheckSelection.DEFAULT).hasToString("default");
        assertThat(CheckSelection.none()).hasToString("none");
    }

    @Test
    void unknownNamesAndTheScanItselfAreRefusedListingTheKnownOnes() {
        assertThatThrownBy(() -> CHECKS.select(List.of("downgrade-sentinel", "heartbleeed")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown check 'heartbleeed' (known: " + String.join(", ", optional())
                        + ", default, all)");
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
            int active = on.checks().entries().stream().filter(e -> e.value() instanceof Judged)
                    .mapToInt(CheckParts.Entry::connections).sum();
            assertThat(on.checks().entries()).filteredOn(e -> e.key().equals(DowngradeSentinelCheck.KEY))
                    .singleElement().extracting(CheckParts.Entry::connections).isEqualTo(2);
            assertThat(off.connections()).as("its two hellos (and the other active checks' hellos) are not sent")
                    .isEqualTo(on.connections() - active);
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
