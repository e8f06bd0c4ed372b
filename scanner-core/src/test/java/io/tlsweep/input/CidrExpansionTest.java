package io.tlsweep.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.tlsweep.text.IpLiteral;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CIDR ranges expand lazily, include every address (as nmap does) and name each target by its address. */
class CidrExpansionTest {
    private static final List<Integer> HTTPS = List.of(443);

    private static ParsedLine.Targets range(String line, List<Integer> ports) {
        return (ParsedLine.Targets) TargetLine.parse(line, "t.txt:3", ports);
    }

    private static List<String> inputs(String line) {
        return StreamSupport.stream(range(line, HTTPS).spliterator(), false).map(Target::input).toList();
    }

    @Test
    void aSlash8StreamsItsFirstAddressesAtOnce() {
        ParsedLine.Targets slash8 = range("127.0.0.0/8", HTTPS);
        assertThat(slash8.size()).isEqualTo(1L << 24);
        List<Target> first = assertTimeoutPreemptively(Duration.ofMillis(500),
                () -> slash8.stream().limit(3).toList());
        assertThat(first).containsExactly(
                new Target("127.0.0.0:443", "127.0.0.0", 443, Optional.empty(), true, "t.txt:3"),
                new Target("127.0.0.1:443", "127.0.0.1", 443, Optional.empty(), true, "t.txt:3"),
                new Target("127.0.0.2:443", "127.0.0.2", 443, Optional.empty(), true, "t.txt:3"));
    }

    @Test
    void aSlash22IsExactly1024TargetsPerPort() {
        assertThat(range("198.51.100.0/22", HTTPS).stream().count()).isEqualTo(1024);
        ParsedLine.Targets twoPorts = range("198.51.100.0/22", List.of(443, 8443));
        assertThat(twoPorts.size()).isEqualTo(2048);
        assertThat(twoPorts.stream().count()).isEqualTo(2048);
        assertThat(twoPorts.stream().map(Target::host).distinct().count()).isEqualTo(1024);
        assertThat(twoPorts.stream().reduce((a, b) -> b)).get().extracting(Target::input).isEqualTo("198.51.103.255:8443");
    }

    @Test
    void networkAndBroadcastAddressesAreIncludedAsNmapDoes() {
        assertThat(inputs("192.0.2.0/30")).containsExactly(
                "192.0.2.0:443", "192.0.2.1:443", "192.0.2.2:443", "192.0.2.3:443");
        assertThat(inputs("192.0.2.8/31")).containsExactly("192.0.2.8:443", "192.0.2.9:443");
        assertThat(inputs("192.0.2.77/32")).containsExactly("192.0.2.77:443");
    }

    @Test
    void hostBitsAreClearedAsNmapDoes() {
        assertThat(inputs("192.0.2.77/30")).containsExactly(
                "192.0.2.76:443", "192.0.2.77:443", "192.0.2.78:443", "192.0.2.79:443");
    }

    @Test
    void anIpv4Slash0IsAllTwoToThe32AddressesStreamed() {
        ParsedLine.Targets all = range("0.0.0.0/0", HTTPS);
        assertThat(all.size()).isEqualTo(1L << 32);
        assertThat(all.stream().limit(2).map(Target::host)).containsExactly("0.0.0.0", "0.0.0.1");
    }

    @Test
    void theLastAddressOfAWholeIpv4SpaceIsReachableByIndex() throws BadTargetException {
        AddressRange all = AddressRange.of(new byte[4], 0);
        assertThat(all.address(all.size() - 1)).isEqualTo("255.255.255.255");
        AddressRange v6 = AddressRange.of(EndpointParser.bytes(IpLiteral.parseIpv6("2001:db8::")), 96);
        assertThat(v6.address(v6.size() - 1)).isEqualTo("2001:db8::ffff:ffff");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            [2001:db8::/126]:8443   | 4 | [2001:db8::]:8443  | [2001:db8::3]:8443
            2001:db8::/126          | 4 | [2001:db8::]:443   | [2001:db8::3]:443
            [2001:db8::ff/127]      | 2 | [2001:db8::fe]:443 | [2001:db8::ff]:443
            2001:db8::1/128         | 1 | [2001:db8::1]:443  | [2001:db8::1]:443
            2001:db8::/96           | 4294967296 | [2001:db8::]:443 | -
            192.0.2.0/29:8443       | 8 | 192.0.2.0:8443     | 192.0.2.7:8443
            """)
    void ipv6AndPortForms(String line, long size, String first, String last) {
        ParsedLine.Targets targets = range(line, HTTPS);
        assertThat(targets.size()).isEqualTo(size);
        Iterator<Target> it = targets.iterator();
        assertThat(it.next().input()).isEqualTo(first);
        if (size <= 8) {
            Target end = targets.stream().reduce((a, b) -> b).orElseThrow();
            assertThat(end.input()).isEqualTo(last);
            assertThat(end.hostIsLiteral()).isTrue();
            assertThat(end.sni()).isEmpty();
        }
    }

    @Test
    void sniAppliesToEveryAddressOfARange() {
        assertThat(range("192.0.2.0/30 sni=test.example", HTTPS).stream().map(Target::sni))
                .containsOnly(Optional.of("test.example")).hasSize(4);
    }

    @Test
    void addressesComeWithAllTheirPortsInOrder() {
        assertThat(range("192.0.2.0/31", List.of(443, 8443)).stream().map(Target::input)).containsExactly(
                "192.0.2.0:443", "192.0.2.0:8443", "192.0.2.1:443", "192.0.2.1:8443");
    }

    @Test
    void aRangeCanBeIteratedAgainFromTheStart() {
        ParsedLine.Targets targets = range("192.0.2.0/30", HTTPS);
        assertThat(targets.stream().count()).isEqualTo(4);
        assertThat(targets.stream().count()).isEqualTo(4);
    }
}
