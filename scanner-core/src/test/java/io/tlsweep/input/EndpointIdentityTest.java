package io.tlsweep.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One key per endpoint (host, port, SNI, protocol), whatever line or file named it and however it was written. */
class EndpointIdentityTest {

    private static List<Target> targets(String... lines) {
        return TargetSource.builder(List.of(443)).arguments(List.of(lines)).build().stream().toList();
    }

    @Test
    void theLineAndTheOriginDoNotCountOnlyTheEndpoint() {
        Target first = new Target("127.2.0.1:1", "127.2.0.1", 1, java.util.Optional.empty(), true, "hosts.txt:1");
        Target moved = new Target("127.2.0.1:1", "127.2.0.1", 1, java.util.Optional.empty(), true, "hosts.txt:2");
        Target fromCidr = targets("127.2.0.0/30:1").get(1);
        assertThat(fromCidr.host()).isEqualTo("127.2.0.1");
        assertThat(EndpointIdentity.key(moved)).isEqualTo(EndpointIdentity.key(first))
                .isEqualTo(EndpointIdentity.key(fromCidr));
    }

    @Test
    void namesAreCaseInsensitiveAndATrailingDotChangesNothing() {
        List<Target> same = targets("Mail.Example.COM", "mail.example.com.:443", "mail.example.com sni=MAIL.example.com");
        assertThat(same.stream().map(EndpointIdentity::key).distinct()).hasSize(1);
    }

    @Test
    void portSniAndProtocolMakeDifferentEndpoints() {
        Set<Long> keys = new HashSet<>();
        for (Target t : targets("192.0.2.1:443", "192.0.2.1:8443", "192.0.2.1:443 sni=a.example",
                "192.0.2.1:443 sni=b.example", "[2001:db8::1]:443", "example.com:443", "example.com:443 sni=other.example")) {
            keys.add(EndpointIdentity.key(t));
        }
        keys.add(EndpointIdentity.key("192.0.2.1", 443, null, "smtp-starttls"));
        assertThat(keys).hasSize(8);
        assertThat(EndpointIdentity.key("192.0.2.1", 443, "", null)).isEqualTo(EndpointIdentity.key("192.0.2.1", 443,
                null, EndpointIdentity.TLS));
    }

    @Test
    void ipv4WithoutSniIsExactSoAWholeSlash16OverFourPortsHasNoCollision() {
        Set<Long> keys = new HashSet<>();
        TargetSource.builder(List.of(443, 8443, 636, 3389)).arguments(List.of("10.20.0.0/16")).build()
                .forEachRemaining(t -> keys.add(EndpointIdentity.key(t)));
        assertThat(keys).hasSize(65_536 * 4);
        assertThat(EndpointIdentity.key("192.0.2.1", 443, null, null)).isEqualTo(443L << 32 | 0xc0000201L);
        assertThat(EndpointIdentity.key("192.0.2.1", 443, "a.example", null)).isNegative();
        assertThat(EndpointIdentity.key("example.com", 443, "example.com", null)).isNegative();
    }

    @Test
    void onlyACanonicalDottedQuadIsReadAsIpv4() {
        assertThat(EndpointIdentity.canonicalIpv4("255.255.255.255")).isEqualTo(0xffffffffL);
        assertThat(EndpointIdentity.canonicalIpv4("0.0.0.0")).isZero();
        for (String no : List.of("", "1.2.3", "1.2.3.4.5", "01.2.3.4", "256.1.1.1", "1.2.3.", ".1.2.3", "1..2.3",
                "a.b.c.d", "1.2.3.4a", "1234.1.1.1", "::1")) {
            assertThat(EndpointIdentity.canonicalIpv4(no)).as(no).isEqualTo(-1);
        }
    }
}
