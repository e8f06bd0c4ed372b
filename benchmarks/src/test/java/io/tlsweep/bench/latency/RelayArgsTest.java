package io.tlsweep.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The relay's arguments: a delay and loopback backends, anything else a usage message. */
class RelayArgsTest {

    private static RelayArgs run(String... args) {
        RelayArgs.Parsed parsed = RelayArgs.parse(List.of(args));
        assertThat(parsed).isInstanceOf(RelayArgs.Run.class);
        return ((RelayArgs.Run) parsed).args();
    }

    private static RelayArgs.Usage usage(String... args) {
        RelayArgs.Parsed parsed = RelayArgs.parse(List.of(args));
        assertThat(parsed).isInstanceOf(RelayArgs.Usage.class);
        return (RelayArgs.Usage) parsed;
    }

    @Test
    void aDelayAndBackendsInTheOrderGiven() {
        assertThat(run("127.0.1.1:8443", "--delay-ms", "20", "127.0.2.250:443"))
                .isEqualTo(new RelayArgs(20, List.of(new InetSocketAddress("127.0.1.1", 8443),
                        new InetSocketAddress("127.0.2.250", 443))));
        assertThat(run("--delay-ms", "0", "127.0.0.1:1").oneWayMillis()).isZero();
    }

    @Test
    void onlyLiteralLoopbackAddressesWithAPortAreRelayedTo() {
        assertThat(usage("--delay-ms", "20", "10.0.0.1:443").message())
                .isEqualTo("not a loopback IPv4 address and port (127.x.y.z:PORT): 10.0.0.1:443");
        assertThat(usage("--delay-ms", "20", "localhost:443").message()).startsWith("not a loopback");
        assertThat(usage("--delay-ms", "20", "127.0.0.256:443").message()).startsWith("not a loopback");
        assertThat(usage("--delay-ms", "20", "127.0.0.1").message()).startsWith("not a loopback");
        assertThat(usage("--delay-ms", "20", "127.0.0.1:0").message()).startsWith("not a loopback");
        assertThat(usage("--delay-ms", "20", "127.0.0.1:65536").message()).startsWith("not a loopback");
    }

    @Test
    void theDelayIsRequiredAndBounded() {
        assertThat(usage("127.0.0.1:443").message()).startsWith("--delay-ms is required\nusage:");
        assertThat(usage("--delay-ms", "10001", "127.0.0.1:443").message())
                .isEqualTo("--delay-ms: not a whole number of ms within 0..10000: 10001");
        assertThat(usage("--delay-ms", "-1", "127.0.0.1:443").message()).startsWith("--delay-ms: not a whole");
        assertThat(usage("--delay-ms").message()).startsWith("--delay-ms needs a value\nusage:");
    }

    @Test
    void noBackendAnUnknownOptionOrHelpGiveTheUsageLine() {
        assertThat(usage("--delay-ms", "20").message()).startsWith("give 1 to 64 backends\nusage:");
        assertThat(usage("--delay", "20", "127.0.0.1:443").message()).startsWith("unknown option --delay\nusage:");
        RelayArgs.Usage help = usage("--delay-ms", "20", "--help");
        assertThat(help.asked()).isTrue();
        assertThat(help.message()).isEqualTo(RelayArgs.USAGE);
        assertThat(usage("--delay-ms", "5").asked()).isFalse();
    }
}
