package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.engine.EngineConfig;
import io.tlsweep.engine.ServiceLimits;
import io.tlsweep.input.Scope;
import io.tlsweep.prelude.PreludeProtocols;
import io.tlsweep.run.EngineSettings;
import io.tlsweep.scan.PreludePoliteness;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private static EngineConfig engine(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.parseArgs(args);
        return ((EngineOptions) cli.getMixins().get("engineOptions")).engine(Scope.DEFAULT);
    }

    @Test
    void scanKeepsEveryProtocolsOwnLimitsWhereItsOptionIsNotGiven() {
        EngineConfig none = engine(new ScanCommand(), "127.0.0.1");
        assertThat(none.services()).isEqualTo(PreludePoliteness.defaults());
        assertThat(none.service(java.util.Optional.of("smtp")))
                .isEqualTo(new ServiceLimits(2, 2, java.util.Optional.of(Duration.ofSeconds(15))));
        assertThat(none.preludeTimeout(java.util.Optional.of("smtp"))).isEqualTo(Duration.ofSeconds(15));
        assertThat(none.preludeTimeout(java.util.Optional.empty())).isEqualTo(Duration.ofMillis(5000));

        EngineConfig perHost = engine(new ScanCommand(), "--per-host", "4", "127.0.0.1");
        assertThat(perHost.services().values()).allMatch(l -> l.connections() == 0 && l.rate() > 0
                && l.preludeTimeout().isPresent());
        EngineConfig rate = engine(new ScanCommand(), "--rate", "0", "127.0.0.1");
        assertThat(rate.services().values()).allMatch(l -> l.connections() > 0 && l.rate() == 0
                && l.preludeTimeout().isPresent());
        EngineConfig timeout = engine(new ScanCommand(), "--read-timeout", "5000", "127.0.0.1");
        assertThat(timeout.services().values()).allMatch(l -> l.connections() > 0 && l.rate() > 0
                && l.preludeTimeout().isEmpty());
        assertThat(timeout.preludeTimeout(java.util.Optional.of("smtp"))).isEqualTo(Duration.ofMillis(5000));
    }

    @Test
    void demoKeepsTheFarmsValuesForEveryEndpoint() {
        assertThat(engine(new DemoCommand()).services()).isEmpty();
    }

    @Test
    void everyProtocolIsInTheTableAndTheHelpSaysItsValues() {
        assertThat(PreludePoliteness.defaults().keySet()).containsExactlyInAnyOrderElementsOf(
                PreludeProtocols.ALL.stream().map(p -> p.name()).toList());
        CommandLine cli = new CommandLine(new ScanCommand());
        Function<String, String> help = name -> String.join(" ", cli.getCommandSpec().findOption(name).description());
        assertThat(said(help.apply(EngineOptions.PER_HOST))).isEqualTo(table(l -> (double) l.connections()));
        assertThat(said(help.apply(EngineOptions.RATE))).isEqualTo(table(ServiceLimits::rate));
        assertThat(said(help.apply(EngineOptions.READ_TIMEOUT)))
                .isEqualTo(table(l -> (double) l.preludeTimeout().orElseThrow().toMillis()));
        assertThat(CliRun.tlsweep("scan", "--help").out()).contains("smtp, lmtp");
    }

    /** "… 2 for smtp, lmtp, rdp; 3 for imap, …." read back as protocol → value. */
    private static Map<String, Double> said(String description) {
        Map<String, Double> values = new HashMap<>();
        Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)?) for ([a-z0-9, -]+?)[;.]").matcher(description);
        while (m.find()) {
            for (String protocol : m.group(2).split(", ")) {
                assertThat(values.put(protocol.trim(), Double.parseDouble(m.group(1)))).as(protocol).isNull();
            }
        }
        return values;
    }

    private static Map<String, Double> table(Function<ServiceLimits, Double> value) {
        Map<String, Double> values = new HashMap<>();
        PreludePoliteness.defaults().forEach((p, l) -> values.put(p, value.apply(l)));
        return values;
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
