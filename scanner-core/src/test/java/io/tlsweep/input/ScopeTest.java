package io.tlsweep.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.text.IpLiteral;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 12 item 10: what is never connected to, and the user's exclusions. */
class ScopeTest {
    @TempDir
    Path dir;

    private static byte[] address(String literal) throws BadTargetException {
        return EndpointParser.bytes(IpLiteral.parse(literal));
    }

    private static Optional<String> refusal(Scope scope, String literal) throws BadTargetException {
        return scope.refusal(address(literal));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0.0.0.0          | an unspecified (\"this network\") address, 0.0.0.0/8",
        "0.255.1.2        | 0.0.0.0/8",
        "224.0.0.1        | a multicast address (224.0.0.0/4)",
        "239.255.255.250  | a multicast address (224.0.0.0/4)",
        "255.255.255.255  | the limited broadcast address 255.255.255.255",
        "240.0.0.1        | a reserved address (240.0.0.0/4)",
        "255.255.255.254  | a reserved address (240.0.0.0/4)",
        "::               | the unspecified address ::",
        "ff02::1          | a multicast address (ff00::/8)",
        "ff05::1:3        | a multicast address (ff00::/8)",
        "::ffff:224.0.0.1 | a multicast address (224.0.0.0/4)",
        "::ffff:0.0.0.0   | 0.0.0.0/8"})
    void addressesNoTlsServerCanBeBehindAreNeverScanned(String literal, String why) throws BadTargetException {
        assertThat(refusal(Scope.DEFAULT, literal)).hasValueSatisfying(r -> assertThat(r).contains(why)
                .endsWith(", never connected to"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.255.255.254", "::1", "10.0.0.1", "192.168.1.255", "169.254.1.1",
        "223.255.255.255", "1.0.0.0", "2001:db8::1", "fe80::1", "::ffff:127.0.0.1", "fe00::1"})
    void loopbackPrivateAndOrdinaryAddressesAreInScope(String literal) throws BadTargetException {
        assertThat(refusal(Scope.DEFAULT, literal)).isEmpty();
    }

    @Test
    void exclusionsMatchTheirWholeRangeAndNothingElseAndNameTheirRule() throws Exception {
        ScopeRules rules = new ScopeRules().exclude("10.20.0.0/16", "--exclude").exclude("192.0.2.7", "--exclude")
                .exclude("2001:db8:1::/48", "sweep.yaml:4: exclude[0]").exclude(" 10.30.1.77/24 ", "--exclude");
        assertThat(rules.errors()).isEmpty();
        Scope scope = rules.scope();
        assertThat(scope.exclusions()).isEqualTo(4);
        assertThat(refusal(scope, "10.20.0.0")).hasValue("excluded by 10.20.0.0/16 (--exclude)");
        assertThat(refusal(scope, "10.20.255.255")).isPresent();
        assertThat(refusal(scope, "10.21.0.0")).isEmpty();
        assertThat(refusal(scope, "10.19.255.255")).isEmpty();
        assertThat(refusal(scope, "192.0.2.7")).hasValue("excluded by 192.0.2.7 (--exclude)");
        assertThat(refusal(scope, "192.0.2.8")).isEmpty();
        assertThat(refusal(scope, "::ffff:192.0.2.7")).as("IPv4-mapped").isPresent();
        assertThat(refusal(scope, "2001:db8:1:ffff::1")).hasValue("excluded by 2001:db8:1::/48 (sweep.yaml:4:"
                + " exclude[0])");
        assertThat(refusal(scope, "2001:db8:2::1")).isEmpty();
        assertThat(refusal(scope, "10.30.1.200")).as("host bits cleared").hasValue("excluded by 10.30.1.77/24"
                + " (--exclude)");
        assertThat(refusal(scope, "224.0.0.1")).as("the fixed rules still come first")
                .hasValue("a multicast address (224.0.0.0/4), never connected to");
    }

    @Test
    void theMostSpecificExclusionIsTheOneNamed() throws Exception {
        Scope scope = new ScopeRules().exclude("10.0.0.0/8", "a").exclude("10.1.2.0/24", "b").exclude("0.0.0.0/0", "c")
                .scope();
        assertThat(refusal(scope, "10.1.2.3")).hasValue("excluded by 10.1.2.0/24 (b)");
        assertThat(refusal(scope, "10.9.9.9")).hasValue("excluded by 10.0.0.0/8 (a)");
        assertThat(refusal(scope, "8.8.8.8")).hasValue("excluded by 0.0.0.0/0 (c)");
        assertThat(refusal(scope, "2001:db8::1")).as("an IPv4 rule says nothing of IPv6").isEmpty();
    }

    @Test
    void anExcludeFileHasCommentsAndItsBadLinesAreNamedWithFileAndLine() throws Exception {
        Path file = Files.writeString(dir.resolve("excludes.txt"), "# the payment network\n10.50.0.0/16\n\n"
                + "10.60.0.0/33\nprinter.corp.example\n192.0.2.1 192.0.2.2\n2001:db8::/32   # lab\n10.70.0.0/\n");
        ScopeRules rules = new ScopeRules().excludeFile(file);
        assertThat(rules.errors()).extracting(InputError::toString).containsExactly(
                file + ":4: bad prefix '/33' in '10.60.0.0/33' (0-32)",
                file + ":5: 'printer.corp.example' is not an IP address or CIDR range (names are not excluded: give"
                        + " their addresses)",
                file + ":6: one address or CIDR range a line, not '192.0.2.1 192.0.2.2'",
                file + ":8: bad prefix '/' in '10.70.0.0/' (0-32)");
        Scope scope = rules.scope();
        assertThat(refusal(scope, "10.50.3.4")).hasValue("excluded by 10.50.0.0/16 (" + file + ":2)");
        assertThat(refusal(scope, "2001:db8:ffff::1")).hasValue("excluded by 2001:db8::/32 (" + file + ":7)");
    }

    @Test
    void aMissingExcludeFileIsAnError() {
        Path missing = dir.resolve("nope.txt");
        assertThat(new ScopeRules().excludeFile(missing).errors()).extracting(InputError::toString)
                .containsExactly(missing + ": cannot read: No such file");
    }

    @Test
    void controlCharactersOfABadLineNeverReachTheMessageRaw() throws Exception {
        Path file = Files.writeString(dir.resolve("evil.txt"), "10.0.0.0/8\u001b[2J\u0007\n");
        String message = new ScopeRules().excludeFile(file).errors().get(0).toString();
        assertThat(message).contains("\\x1b[2J\\x07").doesNotContain("\u001b").doesNotContain("\u0007");
    }
}
