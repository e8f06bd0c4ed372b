package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.CipherSuites;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.Weakness;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code tlsweep ciphers}: the weaknesses column and the {@code --weakness} filter speak the one vocabulary. */
class CiphersCommandTest {

    /** The codes of the suites a listing shows, from its rows (the header and the count left out). */
    private static Set<String> codes(String out) {
        return out.lines().filter(l -> l.startsWith("0x")).map(l -> l.substring(0, 6)).collect(Collectors.toSet());
    }

    private static String row(String out, String code) {
        return out.lines().filter(l -> l.startsWith(code)).findFirst().orElseThrow(() -> new AssertionError(code));
    }

    @Test
    void theWeaknessesColumnShowsTheLabels() {
        CliRun r = CliRun.tlsweep("ciphers", "0x000A", "0x0018", "0x0003", "0x0001", "0xC02F");
        assertThat(r.exit()).isZero();
        assertThat(row(r.out(), "0x000A")).endsWith("  3des,cbc");
        assertThat(row(r.out(), "0x0018")).endsWith("  anon,rc4,md5");
        assertThat(row(r.out(), "0x0003")).endsWith("  export,rc4,md5");
        assertThat(row(r.out(), "0x0001")).endsWith("  null,md5");
        assertThat(row(r.out(), "0xC02F")).endsWith("  -");
        assertThat(r.out()).doesNotContain("triple_des").doesNotContain("anonymous");
    }

    @ParameterizedTest
    @EnumSource(Weakness.class)
    void everyNameOfAWeaknessFiltersTheSameSuites(Weakness w) {
        Set<String> expected = CipherSuites.all().stream().filter(s -> s.weaknesses().contains(w))
                .map(s -> String.format("0x%04X", s.code())).collect(Collectors.toSet());
        List<String> names = new ArrayList<>(w.aliases());
        names.add(w.label());
        names.add(w.label().toUpperCase(Locale.ROOT));
        names.add(w.name());
        for (String name : names) {
            CliRun r = CliRun.tlsweep("ciphers", "--weakness", name);
            assertThat(r.exit()).as(name).isZero();
            assertThat(codes(r.out())).as(name).isEqualTo(expected);
            assertThat(r.out().lines().filter(l -> l.startsWith("0x")))
                    .allSatisfy(l -> assertThat(l.substring(l.lastIndexOf("  ") + 2).split(","))
                            .as(name).contains(w.label()));
        }
    }

    @Test
    void severalWeaknessesAreEitherAndGoWithTheOtherFilters() {
        CliRun r = CliRun.tlsweep("ciphers", "--weakness", "3DES,rc4", "--version", "TLSv1.2", "ECDHE");
        assertThat(r.exit()).isZero();
        Set<String> expected = CipherSuites.forVersion(ProtocolVersion.TLSv1_2).stream()
                .filter(s -> s.ianaName().contains("ECDHE"))
                .filter(s -> s.weaknesses().contains(Weakness.TRIPLE_DES) || s.weaknesses().contains(Weakness.RC4))
                .map(s -> String.format("0x%04X", s.code())).collect(Collectors.toSet());
        assertThat(expected).isNotEmpty();
        assertThat(codes(r.out())).isEqualTo(expected);
        CipherSuite gcm = CipherSuite.of(0xC02F);
        assertThat(codes(r.out())).doesNotContain(String.format("0x%04X", gcm.code()));
    }

    @Test
    void aFilterNothingMatchesSaysWhatWasAsked() {
        CliRun r = CliRun.tlsweep("ciphers", "--weakness", "RC4", "--version", "TLSv1.3");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().strip()).isEqualTo("no cipher suite matches with the weakness rc4 in TLSv1.3");
    }

    @Test
    void anUnknownWeaknessIsAUsageErrorListingTheVocabulary() {
        CliRun r = CliRun.tlsweep("ciphers", "--weakness", "3des,sweet64");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE).isEqualTo(2);
        assertThat(r.err()).contains("--weakness").contains("'sweet64'")
                .contains("null, anon, export, rc4, rc2, des, 3des, md5, cbc");
        assertThat(r.err().lines().count()).isLessThanOrEqualTo(3);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void theHelpListsTheWeaknessNames() {
        assertThat(CliRun.tlsweep("ciphers", "--help").out().replaceAll("\\s+", " "))
                .contains("--weakness=NAME").contains("null, anon, export, rc4, rc2, des, 3des, md5, cbc");
    }
}
