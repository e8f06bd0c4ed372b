package io.tlsweep.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * JA4 against the examples of FoxIO's specification (technical_details/JA4.md, quoted below) and against real
 * hellos kept with the client profiles, whose expected prints were computed apart from this code: a short Python
 * script (struct + hashlib) reading the same capture files.
 */
class Ja4Test {
    /** The specification's example: "1301,1302,1303,c02b,c02f,c02c,c030,cca9,cca8,c013,c014,009c,009d,002f,0035". */
    private static final List<Integer> SPEC_SUITES = codes("1301,1302,1303,c02b,c02f,c02c,c030,cca9,cca8,c013,c014,"
            + "009c,009d,002f,0035");
    /** "001b,0000,0033,0010,4469,0017,002d,000d,0005,0023,0012,002b,ff01,000b,000a,0015". */
    private static final List<Integer> SPEC_EXTENSIONS = codes("001b,0000,0033,0010,4469,0017,002d,000d,0005,0023,"
            + "0012,002b,ff01,000b,000a,0015");
    /** "0403,0804,0401,0503,0805,0501,0806,0601". */
    private static final List<Integer> SPEC_SIGALGS = codes("0403,0804,0401,0503,0805,0501,0806,0601");

    private static OfferedHello spec(List<Integer> suites, List<Integer> extensions, List<Integer> sigalgs,
            List<Integer> versions) {
        return new OfferedHello(0x0303, versions, suites, extensions, List.of(0x001d, 0x0017, 0x0018), sigalgs,
                List.of("h2", "http/1.1"), Optional.of("example.com"));
    }

    @Test
    void theSpecificationsExampleIsT13d1516h2_8daaf6152771_e5627efa2ab1() {
        // "JA4 = t13d1516h2_8daaf6152771_e5627efa2ab1"
        OfferedHello hello = spec(SPEC_SUITES, SPEC_EXTENSIONS, SPEC_SIGALGS, List.of(0x0304, 0x0303));
        assertThat(Ja4.of(hello)).contains("t13d1516h2_8daaf6152771_e5627efa2ab1");
        // "JA4_r = t13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9_0005,000a,
        // 000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01_0403,0804,0401,0503,0805,0501,0806,0601"
        assertThat(Ja4.raw(hello)).contains("t13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,"
                + "c02f,c030,cca8,cca9_0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01_0403,"
                + "0804,0401,0503,0805,0501,0806,0601");
    }

    @Test
    void greaseIsLeftOutEverywhere() {
        List<Integer> suites = new ArrayList<>(SPEC_SUITES);
        suites.add(0, 0x8a8a);
        List<Integer> extensions = new ArrayList<>(SPEC_EXTENSIONS);
        extensions.add(0, 0x3a3a);
        extensions.add(0xdada);
        List<Integer> sigalgs = new ArrayList<>(SPEC_SIGALGS);
        sigalgs.add(0, 0xbaba);
        OfferedHello hello = spec(suites, extensions, sigalgs, List.of(0x7a7a, 0x0304, 0x0303));
        assertThat(Ja4.of(hello)).contains("t13d1516h2_8daaf6152771_e5627efa2ab1");
    }

    @Test
    void withoutSignatureAlgorithmsTheExtensionListIsHashedAlone() {
        // "0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01 = 6d807ffa2a79"
        OfferedHello hello = spec(SPEC_SUITES, SPEC_EXTENSIONS, List.of(), List.of(0x0304, 0x0303));
        assertThat(Ja4.of(hello)).contains("t13d1516h2_8daaf6152771_6d807ffa2a79");
    }

    @Test
    void theVersionComesFromSupportedVersionsElseFromTheHello() {
        OfferedHello tls12 = spec(SPEC_SUITES, SPEC_EXTENSIONS, SPEC_SIGALGS, List.of());
        assertThat(Ja4.of(tls12).orElseThrow()).startsWith("t12d1516h2_");
        OfferedHello tls10 = new OfferedHello(0x0301, List.of(), SPEC_SUITES, List.of(0x000a), List.of(), List.of(),
                List.of(), Optional.empty());
        assertThat(Ja4.of(tls10).orElseThrow()).startsWith("t10i150100_8daaf6152771_");
        OfferedHello ssl3 = new OfferedHello(0x0300, List.of(), List.of(), List.of(0xff01), List.of(), List.of(),
                List.of(), Optional.empty());
        // no suites: part b is twelve zeros, as the specification says
        assertThat(Ja4.of(ssl3).orElseThrow()).startsWith("ts3i000100_000000000000_");
    }

    @ParameterizedTest
    @CsvSource({"h2, h2", "http/1.1, h1", "x, xx", "'', 00"})
    void alpnIsTheFirstValuesFirstAndLastCharacters(String alpn, String expected) {
        assertThat(Ja4.alpn(alpn.isEmpty() ? List.of() : List.of(alpn))).isEqualTo(expected);
    }

    @Test
    void anAlpnThatIsNotAlphanumericIsShownByItsHexDigits() {
        // the specification's list: 0xAB -> "ab", 0xAB 0xCD -> "ad", 0x30 0xAB -> "3b", 0x30 0x31 0xAB 0xCD -> "3d",
        // 0x30 0xAB 0xCD 0x31 -> "01"
        assertThat(Ja4.alpn(List.of("\u00ab"))).isEqualTo("ab");
        assertThat(Ja4.alpn(List.of("\u00ab\u00cd"))).isEqualTo("ad");
        assertThat(Ja4.alpn(List.of("0\u00ab"))).isEqualTo("3b");
        assertThat(Ja4.alpn(List.of("01\u00ab\u00cd"))).isEqualTo("3d");
        assertThat(Ja4.alpn(List.of("0\u00ab\u00cd1"))).isEqualTo("01");
    }

    @Test
    void aHelloWhoseExtensionsAreUnknownHasNoJa4() {
        OfferedHello suitesOnly = new OfferedHello(0x0303, List.of(), SPEC_SUITES, List.of(), List.of(), List.of(),
                List.of(), Optional.empty());
        assertThat(Ja4.of(suitesOnly)).isEmpty();
        assertThat(Ja4.raw(suitesOnly)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"openssl3, t13d311000_e8f1e7e78f70_1f22a2ca17c4", "java17, t13d371200_db35923f8641_7c76daad20ec",
            "chromium, t13d1517h2_8daaf6152771_cb7bf5808d99"})
    void realHellosHaveTheJa4ComputedApart(String capture, String expected) {
        assertThat(Ja4.of(Ja4Hellos.capture(capture))).contains(expected);
    }

    private static List<Integer> codes(String hex) {
        return java.util.Arrays.stream(hex.split(",")).map(h -> Integer.parseInt(h, 16)).toList();
    }
}
