package io.tlsweep.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every syntax form of one line, and every class of error, with the message an operator reads. */
class TargetLineTest {
    private static final List<Integer> HTTPS = List.of(443);

    static List<Target> targets(String line, List<Integer> ports) {
        ParsedLine parsed = TargetLine.parse(line, "t.txt:1", ports);
        assertThat(parsed).as(line).isInstanceOf(ParsedLine.Targets.class);
        return StreamSupport.stream(((ParsedLine.Targets) parsed).spliterator(), false).toList();
    }

    static Target single(String line) {
        List<Target> all = targets(line, HTTPS);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    static String error(String line) {
        ParsedLine parsed = TargetLine.parse(line, "targets.txt:7", HTTPS);
        assertThat(parsed).as(line).isInstanceOf(ParsedLine.Failed.class);
        return ((ParsedLine.Failed) parsed).error().toString();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # line                                   | input                  | host              | port  | sni              | literal
            example.com                              | example.com            | example.com       | 443   | example.com      | false
            Example.COM:8443                         | Example.COM:8443       | Example.COM       | 8443  | Example.COM      | false
            example.com.                             | example.com.           | example.com.      | 443   | example.com      | false
            localhost:1                              | localhost:1            | localhost         | 1     | localhost        | false
            xn--bcher-kva.example:65535              | xn--bcher-kva.example:65535 | xn--bcher-kva.example | 65535 | xn--bcher-kva.example | false
            192.0.2.1                                | 192.0.2.1              | 192.0.2.1         | 443   | -                | true
            198.51.100.7:636                         | 198.51.100.7:636       | 198.51.100.7      | 636   | -                | true
            127.0.0.1:8443 sni=test.example          | 127.0.0.1:8443         | 127.0.0.1         | 8443  | test.example     | true
            192.0.2.1 sni=Mail.Example.               | 192.0.2.1              | 192.0.2.1         | 443   | Mail.Example     | true
            example.com sni=other.example            | example.com            | example.com       | 443   | other.example    | false
            [2001:db8::1]:8443                       | [2001:db8::1]:8443     | 2001:db8::1       | 8443  | -                | true
            [2001:DB8:0:0:0:0:0:1]                   | [2001:DB8:0:0:0:0:0:1] | 2001:db8::1       | 443   | -                | true
            ::1                                      | ::1                    | ::1               | 443   | -                | true
            fe80::1                                  | fe80::1                | fe80::1           | 443   | -                | true
            2001:db8::1:443                          | 2001:db8::1:443        | 2001:db8::1:443   | 443   | -                | true
            ::ffff:192.0.2.1                         | ::ffff:192.0.2.1       | ::ffff:192.0.2.1  | 443   | -                | true
            [::1]:443 sni=localhost                  | [::1]:443              | ::1               | 443   | localhost        | true
            '  \texample.com:443   # trailing comment ' | example.com:443     | example.com       | 443   | example.com      | false
            example.com#not-a-comment-so-bad         | -                      | -                 | 0     | -                | false
            """)
    void everyTargetForm(String line, String input, String host, int port, String sni, boolean literal) {
        if (input == null) {
            assertThat(error(line)).contains("bad character '#'");
            return;
        }
        assertThat(single(line.replace("\\t", "\t")))
                .isEqualTo(new Target(input, host, port, Optional.ofNullable(sni), literal, "t.txt:1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t", "# a comment", "   # indented comment", "#192.0.2.1", "\u00a0"})
    void blankLinesAndCommentsAreIgnored(String line) {
        assertThat(TargetLine.parse(line, "t.txt:1", HTTPS)).isInstanceOf(ParsedLine.Ignored.class);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            example.com:70000          | targets.txt:7: port 70000 out of range (1-65535)
            example.com:0              | port 0 out of range (1-65535)
            example.com:99999999999    | port 99999999999 out of range (1-65535)
            example.com:               | missing port after ':'
            example.com:https          | bad port 'https' (expected a number 1-65535)
            [::1]:                     | missing port after ':'
            192.0.2.256                | bad IPv4 address '192.0.2.256': octet 256 out of range (0-255)
            192.0.2.1234               | octet 1234 out of range (0-255)
            192.0.2                    | bad IPv4 address '192.0.2' (expected four octets a.b.c.d)
            192.0.02.1                 | octet '02' has a leading zero
            192..2.1                   | empty octet
            192.0.2.1.                 | bad IPv4 address '192.0.2.1.' (expected four octets a.b.c.d)
            0x7f.1                     | '0x7f.1' is neither an IPv4 address nor a host name
            host.123                   | 'host.123' is neither an IPv4 address nor a host name
            10.0.0.0/33                | targets.txt:7: bad CIDR prefix /33 for IPv4
            10.0.0.0/-1                | bad CIDR prefix /-1 for IPv4
            10.0.0.0/                  | missing CIDR prefix after '/'
            10.0.0.0/8x                | bad CIDR prefix /8x for IPv4
            2001:db8::/129             | bad CIDR prefix /129 for IPv6
            example.com/24             | a CIDR range needs an IP address, not 'example.com'
            2001:db8::/64              | IPv6 range /64 too large: 2^64 addresses (at most 2^32 per line: use /96 or longer)
            [2001:db8::/95]:443        | IPv6 range /95 too large
            2001:db8::/126:443         | an IPv6 range with a port needs brackets, as in [2001:db8::/126]:443
            example.com snii=x         | targets.txt:7: unknown modifier 'snii=x' (expected sni=NAME or starttls=PROTO)
            example.com extra          | unknown modifier 'extra' (expected sni=NAME or starttls=PROTO)
            example.com sni=a sni=b    | sni= given twice
            192.0.2.1 sni=             | empty sni name (expected sni=NAME)
            192.0.2.1 sni=bad_name     | bad character '_' in sni name 'bad_name'
            192.0.2.1 sni=-x.example   | label '-x' in sni name starts or ends with '-'
            192.0.2.1 sni=a..example   | empty label in sni name 'a..example'
            192.0.2.1 sni=*.example    | bad character '*' in sni name
            192.0.2.1 sni=192.0.2.1    | sni=192.0.2.1: an IP address cannot be sent as SNI (RFC 6066); leave sni= out to send none
            192.0.2.1 sni=::1          | an IP address cannot be sent as SNI
            192.0.2.1 sni=[::1]        | an IP address cannot be sent as SNI
            :443                       | empty host in ':443'
            :                          | empty host in ':'
            []:443                     | empty IPv6 address in '[]'
            :::                        | bad IPv6 address ':::'
            [::1                       | missing ']' after IPv6 address in '[::1'
            [::1]x                     | unexpected 'x' after ']' (expected :PORT)
            ::1]                       | bad IPv6 address '::1]'
            example.com]:443           | ']' without '[' in 'example.com]:443'
            [example.com]:443          | brackets are for IPv6 addresses only, not 'example.com'
            [192.0.2.1]:443            | brackets are for IPv6 addresses only, not '192.0.2.1'
            1:2:3:4:5:6:7:8:9          | bad IPv6 address '1:2:3:4:5:6:7:8:9' (expected 8 groups or '::')
            1::2::3                    | '::' may appear only once
            2001:db8::12345            | group '12345' longer than 4 digits
            2001:db8::g                | 'g' is not a hex group
            ::1.2.3.256                | bad embedded IPv4 part '1.2.3.256'
            1.2.3.4::                  | bad IPv6 address '1.2.3.4::'
            fe80::1%eth0               | IPv6 zone id '%eth0' not supported (use a global or unique-local address)
            [fe80::1%25eth0]:443       | IPv6 zone id '%25eth0' not supported
            host_name.example          | bad character '_' in host name 'host_name.example'
            bücher.example             | non-ASCII host name 'bücher.example' (write it in its xn-- punycode form)
            a..example                 | empty label in host name 'a..example'
            -a.example                 | label '-a' in host name starts or ends with '-'
            .                          | empty host name
            /24                        | missing address before '/24'
            example.com:443:           | too many ':' in 'example.com:443:' (HOST:PORT has one; an IPv6 address with a port needs brackets)
            1.2.3.4:5:6                | an IPv4 part like '1.2.3.4' may only come last
            "a\u0001b"                | bad character U+0001 in host name
            """)
    void everyErrorClassHasAClearMessage(String line, String message) {
        assertThat(error(line)).startsWith("targets.txt:7: ").contains(message);
    }

    @Test
    void nameLengthLimitsAreEnforced() {
        String label63 = "a".repeat(63);
        String name253 = String.join(".", label63, label63, label63, "a".repeat(61));
        assertThat(single(name253).host()).hasSize(253);
        assertThat(single(name253 + ".").sni()).contains(name253);
        assertThat(error(name253 + "a")).contains("host name longer than 253 characters");
        assertThat(error("a".repeat(64) + ".example")).contains("label longer than 63 characters");
        assertThat(error("192.0.2.1 sni=" + name253 + "a")).contains("sni name longer than 253 characters");
    }

    @Test
    void aLineWithoutPortYieldsOneTargetPerDefaultPortInOrderAndAnExplicitPortWins() {
        List<Integer> ports = List.of(443, 8443, 636);
        assertThat(targets("example.com", ports)).extracting(Target::port).containsExactly(443, 8443, 636);
        assertThat(targets("example.com", ports)).extracting(Target::input).containsOnly("example.com");
        assertThat(targets("example.com:993", ports)).extracting(Target::port).containsExactly(993);
        assertThat(targets("[2001:db8::1]", ports)).extracting(Target::port).containsExactly(443, 8443, 636);
        assertThat(targets("[2001:db8::1]:25", ports)).extracting(Target::port).containsExactly(25);
    }

    @Test
    void garbageNeverThrows() {
        String[] nasty = {"[", "]", "[]", "[[::1]]", "::::", "/", "/24", "0/0", "a/b/c", "::/", "[::/]",
            "sni=x", "\u0000", "\uFFFD", "😀", "1.2.3.4:5:6", "[:]:1", ":::1:", "%", "[%]", ".:1", "-:1", "*"};
        for (String line : nasty) {
            assertThat(TargetLine.parse(line, "argument 1", HTTPS)).as(line).isNotNull();
        }
    }

    @Test
    void badDefaultPortsAreTheCallersBug() {
        assertThatThrownBy(() -> TargetLine.parse("example.com", "x", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TargetLine.parse("example.com", "x", List.of(0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
