package io.tlsweep.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.util.NetUtil;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one IP literal syntax: IPv6 text in, RFC 5952 canonical text out; which text counts as IPv4, as a literal at
 * all, and the exact reason for each malformed literal (target lines, exclusions, the engine and the certificate
 * name check all show these words).
 */
class IpLiteralTest {

    private static byte[] bytes(String text) {
        IpLiteral.Parsed parsed = IpLiteral.parse(text);
        assertThat(parsed).as(text).isInstanceOf(IpLiteral.Address.class);
        return ((IpLiteral.Address) parsed).bytes();
    }

    private static String why(IpLiteral.Parsed parsed) {
        assertThat(parsed).isInstanceOf(IpLiteral.Malformed.class);
        return ((IpLiteral.Malformed) parsed).why();
    }

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
            2001:db8::1.2.3.4,                    2001:db8::102:304
            [2001:DB8::1],                        2001:db8::1
            [::ffff:192.0.2.1],                   ::ffff:192.0.2.1
            """)
    void ipv6IsCanonicalised(String text, String canonical) {
        assertThat(IpLiteral.format(bytes(text))).isEqualTo(canonical);
        assertThat(IpLiteral.parseIpv6(text.replace("[", "").replace("]", "")))
                .isEqualTo(new IpLiteral.Address(bytes(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1", "0.0.0.0", "255.255.255.255", "1.2.3", "host.123", "1", "192.0.2.1.",
        "0x7f.1"})
    void anAllDigitLastLabelMeansIpv4(String host) {
        assertThat(IpLiteral.looksLikeIpv4(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "123.example", "1.2.3.4a", "localhost", ".", ""})
    void otherHostsAreNames(String host) {
        assertThat(IpLiteral.looksLikeIpv4(host)).isFalse();
        assertThat(IpLiteral.parse(host)).isEqualTo(new IpLiteral.NotLiteral());
    }

    @Test
    void ipv4IsFourBytesAndAMappedAddressStaysSixteen() {
        assertThat(bytes("192.0.2.1")).containsExactly(192, 0, 2, 1);
        assertThat(bytes("0.0.0.0")).containsExactly(0, 0, 0, 0);
        assertThat(bytes("255.255.255.255")).containsExactly(255, 255, 255, 255);
        assertThat(bytes("::ffff:192.0.2.1")).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 1);
        assertThat(IpLiteral.parse("::ffff:192.0.2.1")).isNotEqualTo(IpLiteral.parse("192.0.2.1"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            192.0.2.256          | bad IPv4 address '192.0.2.256': octet 256 out of range (0-255)
            192.0.2.1234         | bad IPv4 address '192.0.2.1234': octet 1234 out of range (0-255)
            192.0.2              | bad IPv4 address '192.0.2' (expected four octets a.b.c.d)
            1                    | bad IPv4 address '1' (expected four octets a.b.c.d)
            192.0.02.1           | bad IPv4 address '192.0.02.1': octet '02' has a leading zero (octal or decimal?)
            010.0.0.1            | bad IPv4 address '010.0.0.1': octet '010' has a leading zero (octal or decimal?)
            192..2.1             | bad IPv4 address '192..2.1': empty octet
            192.0.2.1.           | bad IPv4 address '192.0.2.1.' (expected four octets a.b.c.d)
            :::                  | bad IPv6 address ':::' ('::' may appear only once)
            ::1]                 | bad IPv6 address '::1]' ('1]' is not a hex group)
            1:2:3:4:5:6:7:8:9    | bad IPv6 address '1:2:3:4:5:6:7:8:9' (expected 8 groups or '::')
            1:2:3:4:5:6:7        | bad IPv6 address '1:2:3:4:5:6:7' (expected 8 groups or '::')
            1:2:3:4::5:6:7:8     | bad IPv6 address '1:2:3:4::5:6:7:8' (too many groups)
            1::2::3              | bad IPv6 address '1::2::3' ('::' may appear only once)
            2001:db8::12345      | bad IPv6 address '2001:db8::12345' (group '12345' longer than 4 digits)
            2001:db8:::1         | bad IPv6 address '2001:db8:::1' ('::' may appear only once)
            1:2:3:4:5:6:7:       | bad IPv6 address '1:2:3:4:5:6:7:' (empty group)
            2001:db8::g          | bad IPv6 address '2001:db8::g' ('g' is not a hex group)
            2001:db8::-1         | bad IPv6 address '2001:db8::-1' ('-1' is not a hex group)
            2001:db8::+1         | bad IPv6 address '2001:db8::+1' ('+1' is not a hex group)
            ::1.2.3.256          | bad IPv6 address '::1.2.3.256' (bad embedded IPv4 part '1.2.3.256')
            ::1.2.3.04           | bad IPv6 address '::1.2.3.04' (bad embedded IPv4 part '1.2.3.04')
            1.2.3.4::            | bad IPv6 address '1.2.3.4::' (an IPv4 part like '1.2.3.4' may only come last)
            1.2.3.4:5:6          | bad IPv6 address '1.2.3.4:5:6' (an IPv4 part like '1.2.3.4' may only come last)
            fe80::1%eth0         | IPv6 zone id '%eth0' not supported (use a global or unique-local address)
            fe80::1%25eth0       | IPv6 zone id '%25eth0' not supported (use a global or unique-local address)
            [fe80::1%eth0]       | IPv6 zone id '%eth0' not supported (use a global or unique-local address)
            [192.0.2.1]          | brackets are for IPv6 addresses only, not '192.0.2.1'
            []                   | brackets are for IPv6 addresses only, not ''
            [::1                 | missing ']' after IPv6 address in '[::1'
            [example.com]        | brackets are for IPv6 addresses only, not 'example.com'
            """)
    void everyMalformedLiteralSaysWhatIsWrong(String text, String why) {
        assertThat(why(IpLiteral.parse(text))).isEqualTo(why);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x7f.1", "host.123", "a.b.1", "1e2.1", "\u0661.2.3.4"})
    void anAllDigitLastLabelAfterOtherLabelsIsNeitherAnAddressNorAName(String text) {
        assertThat(why(IpLiteral.parse(text))).isEqualTo("'" + text + "' is neither an IPv4 address nor a host name"
                + " (a host name cannot end in an all-digit label)");
    }

    @Test
    void eachFamilyReaderReadsOnlyItsOwnFamily() {
        assertThat(why(IpLiteral.parseIpv4("::1"))).isEqualTo("'::1' is neither an IPv4 address nor a host name"
                + " (a host name cannot end in an all-digit label)");
        assertThat(why(IpLiteral.parseIpv6("192.0.2.1")))
                .isEqualTo("bad IPv6 address '192.0.2.1' (expected 8 groups or '::')");
        assertThat(why(IpLiteral.parseIpv6("[::1]"))).isEqualTo("bad IPv6 address '[::1]' ('[' is not a hex group)");
        assertThat(why(IpLiteral.parseIpv6(""))).isEqualTo("bad IPv6 address '' (expected 8 groups or '::')");
    }

    @Test
    void anAddressIsFourOrSixteenBytesAndEqualByContent() {
        assertThat(new IpLiteral.Address(new byte[] {127, 0, 0, 1})).isEqualTo(IpLiteral.parse("127.0.0.1"))
                .hasSameHashCodeAs(IpLiteral.parse("127.0.0.1")).hasToString("127.0.0.1");
        assertThat(IpLiteral.parse("[2001:db8::1]")).isEqualTo(IpLiteral.parse("2001:0DB8:0:0:0:0:0:1"));
        assertThatThrownBy(() -> new IpLiteral.Address(new byte[5])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an IP address has 4 or 16 bytes, not 5");
        assertThatThrownBy(() -> IpLiteral.format(new byte[8])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an IP address has 4 or 16 bytes, not 8");
    }

    /**
     * Random IPv6 addresses (most groups zero, so runs of every length and position occur) are formatted as
     * Netty's independent RFC 5952 formatter does, and read back to the same bytes.
     */
    @Test
    void canonicalIpv6TextAgreesWithNettyAndReadsBackToTheSameBytes() {
        SplittableRandom random = new SplittableRandom(5952);
        for (int n = 0; n < 20_000; n++) {
            byte[] address = new byte[16];
            for (int group = 0; group < 8; group++) {
                int value = random.nextInt(3) == 0 ? random.nextInt(0x10000) : 0;
                address[2 * group] = (byte) (value >> 8);
                address[2 * group + 1] = (byte) value;
            }
            String text = IpLiteral.format(address);
            boolean mapped = text.startsWith("::ffff:") && text.indexOf('.') > 0;
            if (!mapped) {
                assertThat(text).as(NetUtil.bytesToIpAddress(address)).isEqualTo(NetUtil.bytesToIpAddress(address));
            }
            assertThat(bytes(text)).as(text).isEqualTo(address);
            assertThat(bytes("[" + text + "]")).as(text).isEqualTo(address);
        }
    }

    @Test
    void everyIpv4AddressOfASampleRoundTrips() {
        SplittableRandom random = new SplittableRandom(791);
        for (int n = 0; n < 20_000; n++) {
            byte[] address = new byte[4];
            random.nextBytes(address);
            assertThat(bytes(IpLiteral.format(address))).isEqualTo(address);
        }
    }
}
