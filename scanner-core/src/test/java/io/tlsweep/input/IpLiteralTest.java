package io.tlsweep.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** IPv6 text in, RFC 5952 canonical text out; and which hosts count as IPv4. */
class IpLiteralTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(textBlock = """
            ::,                                   ::
            ::1,                                  ::1
            0:0:0:0:0:0:0:1,                      ::1
            2001:DB8::1,                          2001:db8::1
            2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1
            2001:db8:0:0:1:0:0:1,                 2001:db8::1:0:0:1
            2001:db8:0:1:1:1:1:1,                 2001:db8:0:1:1:1:1:1
            2001:db8::,                           2001:db8::
            1:0:0:2:0:0:0:3,                      1:0:0:2::3
            fe80::1,                              fe80::1
            ::ffff:192.0.2.1,                     ::ffff:192.0.2.1
            ::ffff:c000:201,                      ::ffff:192.0.2.1
            ::192.0.2.1,                          ::c000:201
            64:ff9b::192.0.2.1,                   64:ff9b::c000:201
            1:2:3:4:5:6:7::,                      1:2:3:4:5:6:7:0
            """)
    void ipv6IsCanonicalised(String text, String canonical) throws BadTargetException {
        assertThat(IpLiteral.format(IpLiteral.parseIpv6(text))).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1", "0.0.0.0", "255.255.255.255", "1.2.3", "host.123", "1", "192.0.2.1.", "0x7f.1"})
    void anAllDigitLastLabelMeansIpv4(String host) {
        assertThat(IpLiteral.looksLikeIpv4(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "123.example", "1.2.3.4a", "localhost", ".", ""})
    void otherHostsAreNames(String host) {
        assertThat(IpLiteral.looksLikeIpv4(host)).isFalse();
    }
}
