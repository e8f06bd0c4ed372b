package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.run.EngineSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** scan and demo share one engine-options mixin, each with its own defaults; bench shares its -c option. */
class EngineOptionsTest {
    private static EngineSettings parsed(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.parseArgs(args);
        return ((EngineOptions) cli.getMixins().get("engineOptions")).settings();
    }

    @Test
    void scanTakesTheDefaultsASweepFileHasAndEveryOptionOverridesOne() {
        assertThat(parsed(new ScanCommand(), "127.0.0.1")).isEqualTo(EngineSettings.DEFAULTS);
        assertThat(parsed(new ScanCommand(), "--connect-timeout", "100", "--read-timeout", "200", "--target-budget",
                "3", "-c", "5", "--per-host", "6", "--rate", "2.5", "127.0.0.1"))
                .isEqualTo(new EngineSettings(100, 200, 3, 5, 6, 2.5));
    }

    @Test
    void demoTakesTheSameOptionsWithTheFarmsDefaults() {
        assertThat(parsed(new DemoCommand())).isEqualTo(DemoCommand.ENGINE);
        assertThat(parsed(new DemoCommand(), "--per-host", "2")).isEqualTo(new EngineSettings(2000, 2000, 60, 1024,
                2, 0));
    }

    @Test
    void benchSharesTheConcurrencyOptionWithItsOwnDefault() {
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.parseArgs("127.0.0.1:1");
        assertThat(((ConcurrencyOption) cli.getMixins().get("concurrency")).value()).isEqualTo(4);
        cli.parseArgs("-c", "12", "127.0.0.1:1");
        assertThat(((ConcurrencyOption) cli.getMixins().get("concurrency")).value()).isEqualTo(12);
    }
}
