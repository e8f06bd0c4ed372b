package io.tlsweep.bench.starttls;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.run.EngineSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's arguments: defaults, each option, and bad values as usage messages. */
class StarttlsBenchArgsTest {

    private static StarttlsBenchArgs run(String... args) {
        StarttlsBenchArgs.Parsed parsed = StarttlsBenchArgs.parse(List.of(args));
        assertThat(parsed).isInstanceOf(StarttlsBenchArgs.Run.class);
        return ((StarttlsBenchArgs.Run) parsed).args();
    }

    private static StarttlsBenchArgs.Usage usage(String... args) {
        StarttlsBenchArgs.Parsed parsed = StarttlsBenchArgs.parse(List.of(args));
        assertThat(parsed).isInstanceOf(StarttlsBenchArgs.Usage.class);
        return (StarttlsBenchArgs.Usage) parsed;
    }

    @Test
    void withoutArgumentsItScansAHundredEndpointsPerSetWithTheScansDefaults() {
        assertThat(run()).isEqualTo(new StarttlsBenchArgs(100, 5, 3, true, EngineSettings.DEFAULTS.perHost(),
                EngineSettings.DEFAULTS.concurrency(), 600));
    }

    @Test
    void everyOptionSetsItsValue() {
        assertThat(run("--endpoints", "20", "--no-profiles", "--rounds", "5", "--warmup", "0", "--per-host", "8",
                "--concurrency", "64", "--scan-limit", "90"))
                .isEqualTo(new StarttlsBenchArgs(20, 5, 0, false, 8, 64, 90));
    }

    @Test
    void valuesOutOfBoundsAreRefusedNamingTheOptionAndTheBounds() {
        assertThat(usage("--endpoints", "0").message()).isEqualTo("--endpoints: 0 is not within 1..1000");
        assertThat(usage("--rounds", "21").message()).isEqualTo("--rounds: 21 is not within 1..20");
        assertThat(usage("--warmup", "-1").message()).isEqualTo("--warmup: -1 is not within 0..5");
        assertThat(usage("--endpoints", "ten").message()).isEqualTo("--endpoints: not a whole number: ten");
    }

    @Test
    void aMissingValueOrAnUnknownOptionGivesTheUsageLine() {
        StarttlsBenchArgs.Usage missing = usage("--endpoints");
        assertThat(missing.message()).startsWith("--endpoints needs a value\nusage: StarttlsBenchmark");
        assertThat(missing.asked()).isFalse();
        assertThat(usage("--profiles-only").message()).startsWith("unknown option --profiles-only\nusage:");
        assertThat(usage("--rounds", "2", "--help").asked()).isTrue();
    }
}
