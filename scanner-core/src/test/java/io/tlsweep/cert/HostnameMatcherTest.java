package io.tlsweep.cert;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.cert.NameMatch.Outcome;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6125 edge cases on hand-made facts: {@code dns|...} SANs, {@code ips|...}, optional CN. */
class HostnameMatcherTest {

    static CertificateFacts facts(String cn, List<String> dns, List<String> ips) {
        return new CertificateFacts("CN=" + cn, Optional.ofNullable(cn), "CN=issuer", "1", dns, ips,
                new KeyFacts(KeyAlgorithm.RSA, 2048, Optional.empty(), "RSA"), SignatureFacts.of("SHA256withRSA"),
                Instant.EPOCH, Instant.EPOCH, "00", false, false);
    }

    private static List<String> list(String text) {
        return text == null ? List.of() : Arrays.asList(text.split("\\|"));
    }

    @ParameterizedTest(name = "{0} vs DNS {1} IP {2} CN {3} -> {4}")
    @CsvSource(delimiter = ';', nullValues = "-", value = {
            // exact, case and trailing dots
            "www.example.com;   www.example.com;      -;          -;    MATCHED;    DNS:www.example.com",
            "WWW.Example.COM;   www.example.com;      -;          -;    MATCHED;    DNS:www.example.com",
            "www.example.com.;  www.example.com;      -;          -;    MATCHED;    DNS:www.example.com",
            "www.example.com;   WWW.EXAMPLE.COM.;     -;          -;    MATCHED;    DNS:WWW.EXAMPLE.COM.",
            "example.com;       www.example.com;      -;          -;    MISMATCHED; -",
            // wildcards: one whole left-most label, exactly one label deep
            "a.example.com;     *.example.com;        -;          -;    MATCHED;    DNS:*.example.com",
            "A.EXAMPLE.COM.;    *.Example.com.;       -;          -;    MATCHED;    DNS:*.Example.com.",
            "a.b.example.com;   *.example.com;        -;          -;    MISMATCHED; -",
            "example.com;       *.example.com;        -;          -;    MISMATCHED; -",
            ".example.com;      *.example.com;        -;          -;    MISMATCHED; -",
            "example.com;       *.com;                -;          -;    MISMATCHED; -",
            "foo.example.com;   f*.example.com;       -;          -;    MISMATCHED; -",
            "foo.example.com;   *oo.example.com;      -;          -;    MISMATCHED; -",
            "a.b.example.com;   a.*.example.com;      -;          -;    MISMATCHED; -",
            "*.example.com;     *.example.com;        -;          -;    MISMATCHED; -",
            "b.example.com;     x.example.com|*.example.com; -;   -;    MATCHED;    DNS:*.example.com",
            // IP literals: only iPAddress entries, same bytes, no wildcard, no CN
            "127.0.0.1;         localhost;            127.0.0.1;  -;    MATCHED;    IP:127.0.0.1",
            "127.0.0.2;         localhost;            127.0.0.1;  -;    MISMATCHED; -",
            "127.0.0.1;         127.0.0.1;            -;          -;    MISMATCHED; -",
            "127.0.0.1;         *.0.0.1;              -;          -;    MISMATCHED; -",
            "127.0.0.1;         -;                    -;  127.0.0.1;    MISMATCHED; -",
            "::1;               -;                    ::1;        -;    MATCHED;    IP:::1",
            "[::1];             -;                    ::1;        -;    MATCHED;    IP:::1",
            "2001:DB8:0::1;     -;                    2001:db8::1; -;   MATCHED;    IP:2001:db8::1",
            "::ffff:127.0.0.1;  -;                    127.0.0.1;  -;    MISMATCHED; -",
            "127.0.0.1;         -;                    ::ffff:127.0.0.1; -; MISMATCHED; -",
            "::ffff:127.0.0.1;  -;                    ::ffff:127.0.0.1; -; MATCHED; IP:::ffff:127.0.0.1",
            "[2001:db8::1];     -;                    2001:db8::1; -;   MATCHED;    IP:2001:db8::1",
            "1:2:3:4:5:6:7::;   -;                    1:2:3:4:5:6:7:0; -; MATCHED;  IP:1:2:3:4:5:6:7:0",
            "2001:db8::1.2.3.4; -;                    2001:db8::102:304; -; MATCHED; IP:2001:db8::102:304",
            // the targets' literal syntax: text meant as a literal but malformed matches nothing, not even as a name
            "010.0.0.1;         010.0.0.1;            10.0.0.1;   010.0.0.1; MISMATCHED; -",
            "1.2.3.4.;          1.2.3.4;              1.2.3.4;    -;    MISMATCHED; -",
            "host.123;          host.123;             -;          -;    MISMATCHED; -",
            "fe80::1%eth0;      fe80::1%eth0;         fe80::1;    -;    MISMATCHED; -",
            "[192.0.2.1];       [192.0.2.1];          192.0.2.1;  -;    MISMATCHED; -",
            // CN only when there is no dNSName
            "legacy.example;    -;                    -;   legacy.example; MATCHED; CN:legacy.example",
            "LEGACY.example.;   -;                    10.0.0.1; legacy.example; MATCHED; CN:legacy.example",
            "a.legacy.example;  -;                    -;  *.legacy.example; MATCHED; CN:*.legacy.example",
            "legacy.example;    other.example;        -;   legacy.example; MISMATCHED; -",
            "legacy.example;    -;                    -;          -;    MISMATCHED; -",
    })
    void matches(String name, String dns, String ips, String cn, Outcome outcome, String presented) {
        NameMatch match = HostnameMatcher.match(facts(cn, list(dns), list(ips)), Optional.of(name));

        assertThat(match.outcome()).isEqualTo(outcome);
        assertThat(match.presented()).isEqualTo(Optional.ofNullable(presented));
    }

    @Test
    void mismatchDetailListsWhatTheCertificateHolds() {
        CertificateFacts leaf = facts("localhost", List.of("localhost"), List.of("127.0.0.1"));

        assertThat(HostnameMatcher.match(leaf, Optional.of("sni.example")).detail())
                .isEqualTo("name sni.example not in SAN [DNS:localhost, IP:127.0.0.1]");
        assertThat(HostnameMatcher.match(leaf, Optional.of("10.1.2.3")).detail())
                .isEqualTo("address 10.1.2.3 not in SAN [DNS:localhost, IP:127.0.0.1]");
        assertThat(HostnameMatcher.match(leaf, Optional.of("010.0.0.1")).detail()).isEqualTo("bad IPv4 address"
                + " '010.0.0.1': octet '010' has a leading zero (octal or decimal?), so it matches no name");
        assertThat(HostnameMatcher.match(leaf, Optional.of("fe80::1%lo")).detail()).isEqualTo("IPv6 zone id '%lo'"
                + " not supported (use a global or unique-local address), so it matches no name");
        assertThat(HostnameMatcher.match(facts("old.example", List.of(), List.of()), Optional.of("new.example"))
                .detail()).isEqualTo("name new.example not in SAN [] nor CN old.example");
        assertThat(HostnameMatcher.match(facts(null, List.of(), List.of()), Optional.of("new.example"))
                .detail()).isEqualTo("name new.example not in SAN [] and no CN");
    }

    @Test
    void noNameIsNotChecked() {
        CertificateFacts leaf = facts("localhost", List.of("localhost"), List.of());

        assertThat(HostnameMatcher.match(leaf, Optional.empty()).outcome()).isEqualTo(Outcome.NOT_CHECKED);
        assertThat(HostnameMatcher.match(leaf, Optional.of(" ")).outcome()).isEqualTo(Outcome.NOT_CHECKED);
    }
}
