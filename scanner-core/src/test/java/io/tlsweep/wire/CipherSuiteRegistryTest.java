package io.tlsweep.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CipherSuiteRegistryTest {

    private static final List<CipherSuiteTableRows> ROWS = CipherSuiteTableRows.read();

    static Stream<CipherSuiteTableRows> rows() {
        return ROWS.stream();
    }

    @Test
    void loadsEveryRowOfTheTable() {
        assertEquals(361, ROWS.size(), "rows in the shipped table");
        assertEquals(ROWS.size(), CipherSuites.size());
        assertEquals(ROWS.size(), CipherSuites.all().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyRowResolvesByCodeIanaNameAndOpensslName(CipherSuiteTableRows row) {
        CipherSuite byCode = CipherSuite.of(row.code());
        assertTrue(byCode.isKnown());
        assertEquals(row.code(), byCode.code());
        if (row.hasIanaName()) {
            Optional<CipherSuite> byIana = CipherSuite.byName(row.ianaName());
            assertTrue(byIana.isPresent(), row.ianaName());
            if (CipherSuiteTable.NAME_CORRECTIONS.containsKey(row.code())) {
                // the table repeats another code's name here; that name stays with the other code
                assertEquals(CipherSuiteTable.NAME_CORRECTIONS.get(row.code()).name(), byCode.ianaName());
                assertSame(byCode, CipherSuite.byName(byCode.ianaName()).orElseThrow());
            } else {
                assertSame(byCode, byIana.get());
                assertEquals(row.ianaName(), byCode.ianaName());
            }
        } else {
            assertEquals(row.opensslName(), byCode.ianaName(), "suites without an IANA name go by their OpenSSL name");
        }
        if (row.hasOpensslName()) {
            assertSame(byCode, CipherSuite.byName(row.opensslName()).orElseThrow(), row.opensslName());
            assertEquals(Optional.of(row.opensslName()), byCode.opensslName());
        } else {
            assertEquals(Optional.empty(), byCode.opensslName());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyRowKeepsItsFields(CipherSuiteTableRows row) {
        CipherSuite suite = CipherSuite.of(row.code());
        assertEquals(row.export(), suite.isExport());
        assertEquals(row.encBits().isEmpty() ? 0 : Integer.parseInt(row.encBits()), suite.keyBits());
        assertEquals(row.enc().equals("None"), suite.cipher() == BulkCipher.NULL);
        assertEquals(row.mac().equals("AEAD"), suite.mac() == MacAlgorithm.AEAD);
        assertEquals(row.auth().equals("None"), suite.authentication() == Authentication.NONE);
        assertEquals(row.kx().contains("("), suite.keyExchangeLimitBits() > 0);
        ProtocolVersion min = ProtocolVersion.parse(row.minProtocol()).orElseThrow();
        assertEquals(Optional.of(min), suite.minVersion());
        assertEquals(Optional.of(min.equals(ProtocolVersion.TLSv1_3) ? ProtocolVersion.TLSv1_3 : ProtocolVersion.TLSv1_2),
                suite.maxVersion());
        assertFalse(suite.isScsv());
        assertFalse(suite.isGrease());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void weaknessesFollowTheTableFields(CipherSuiteTableRows row) {
        Set<Weakness> w = CipherSuite.of(row.code()).weaknesses();
        assertEquals(row.enc().equals("None"), w.contains(Weakness.NULL));
        assertEquals(row.auth().equals("None"), w.contains(Weakness.ANONYMOUS));
        assertEquals(row.export(), w.contains(Weakness.EXPORT));
        assertEquals(row.enc().equals("RC4"), w.contains(Weakness.RC4));
        assertEquals(row.enc().equals("DES"), w.contains(Weakness.DES));
        assertEquals(row.enc().equals("3DES"), w.contains(Weakness.TRIPLE_DES));
        assertEquals(row.mac().equals("MD5"), w.contains(Weakness.MD5));
        // every block cipher of the table without GCM/CCM in its enc column runs in CBC mode (RC2 included)
        assertEquals(Set.of("AES", "Camellia", "ARIA", "SEED", "IDEA", "DES", "3DES", "RC2").contains(row.enc()),
                w.contains(Weakness.CBC));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "0x0004 | RC4 MD5",
        "0x000A | TRIPLE_DES CBC",
        "0x0009 | DES CBC",
        "0x0008 | EXPORT DES CBC",
        "0x0003 | EXPORT RC4 MD5",
        "0x0006 | EXPORT RC2 CBC MD5",
        "0x0018 | ANONYMOUS RC4 MD5",
        "0x0034 | ANONYMOUS CBC",
        "0xC018 | ANONYMOUS CBC",
        "0x0002 | NULL",
        "0x0000 | NULL ANONYMOUS",
        "0xC0B4 | NULL",
        "0xC02F | ''",
        "0x1301 | ''",
        "0xCCA8 | ''",
        "0x009C | ''",
    })
    void weaknessClassification(String code, String expected) {
        Set<Weakness> want = expected.isBlank() ? Set.of()
                : Stream.of(expected.trim().split(" ")).map(Weakness::valueOf).collect(java.util.stream.Collectors.toSet());
        CipherSuite suite = CipherSuite.of(Hex.parseU16(code));
        assertEquals(want, suite.weaknesses());
        assertEquals(!want.isEmpty(), suite.isWeak());
    }

    @ParameterizedTest(name = "{0} forward secrecy {1}")
    @CsvSource({
        "0xC02F, true", "0x009E, true", "0xCCA8, true", "0x1301, true", "0x1305, true", "0x0034, true",
        "0xC0A6, true", "0x0014, true",
        "0x009C, false", "0x002F, false", "0x0031, false", "0xC031, false", "0x00A8, false", "0x00AC, false",
        "0x0000, false",
    })
    void forwardSecrecy(String code, boolean expected) {
        assertEquals(expected, CipherSuite.of(Hex.parseU16(code)).forwardSecrecy());
    }

    @Test
    void describesARepresentativeSuite() {
        CipherSuite s = CipherSuite.of(0xC02F);
        assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", s.ianaName());
        assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", s.toString());
        assertEquals(Optional.of("ECDHE-RSA-AES128-GCM-SHA256"), s.opensslName());
        assertEquals(KeyExchange.ECDHE, s.keyExchange());
        assertEquals(Authentication.RSA, s.authentication());
        assertEquals(BulkCipher.AES_GCM, s.cipher());
        assertEquals("AES", s.cipher().algorithm());
        assertEquals(CipherMode.GCM, s.cipherMode());
        assertEquals(128, s.keyBits());
        assertEquals(MacAlgorithm.AEAD, s.mac());
        assertFalse(s.isExport());
        assertFalse(s.isTls13());

        CipherSuite export = CipherSuite.of(0x0003);
        assertEquals(KeyExchange.RSA, export.keyExchange());
        assertEquals(512, export.keyExchangeLimitBits());
        assertEquals(CipherMode.STREAM, export.cipherMode());
        assertEquals(KeyExchange.DH, CipherSuite.of(0x000B).keyExchange());
        assertEquals(KeyExchange.ECDH, CipherSuite.of(0xC001).keyExchange());
        assertEquals(CipherMode.CCM_8, CipherSuite.of(0x1305).cipherMode());
        assertEquals(CipherMode.CHACHA20_POLY1305, CipherSuite.of(0xCCA9).cipherMode());
        assertEquals(MacAlgorithm.GOSTR3411_94, CipherSuite.of(0x0082).mac());
    }

    @ParameterizedTest
    @CsvSource({
        "SSL_RSA_WITH_3DES_EDE_CBC_SHA, 0x000A",
        "ssl_rsa_with_3des_ede_cbc_sha, 0x000A",
        "SSL_DH_anon_WITH_RC4_128_MD5, 0x0018",
        "SSL_RSA_EXPORT_WITH_RC4_40_MD5, 0x0003",
        "TLS_RSA_FIPS_WITH_DES_CBC_SHA, 0xFEFE",
        "SSL_RSA_FIPS_WITH_3DES_EDE_CBC_SHA, 0xFEFF",
        "SSL_RSA_OLDFIPS_WITH_3DES_EDE_CBC_SHA, 0xFFE0",
        "ecdhe-rsa-aes128-gcm-sha256, 0xC02F",
        "'  TLS_AES_128_GCM_SHA256 ', 0x1301",
        "TLS_EMPTY_RENEGOTIATION_INFO_SCSV, 0x00FF",
        "TLS_FALLBACK_SCSV, 0x5600",
        "GOST2012256-NULL-STREEBOG256, 0xFF87",
    })
    void byNameAcceptsIanaOpensslAndLegacyForms(String name, String code) {
        assertEquals(Hex.parseU16(code), CipherSuite.byName(name).orElseThrow().code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "TLS_", "SSL_", "NOT_A_SUITE", "0xC02F"})
    void byNameRejectsNonNames(String name) {
        assertEquals(Optional.empty(), CipherSuite.byName(name));
        assertEquals(Optional.empty(), CipherSuite.byName(null));
    }

    @Test
    void signallingSuites() {
        for (CipherSuite scsv : CipherSuites.signalling()) {
            assertTrue(scsv.isScsv());
            assertTrue(scsv.isKnown());
            assertSame(scsv, CipherSuite.of(scsv.code()));
            assertEquals(Set.of(), scsv.weaknesses());
            assertEquals(Optional.empty(), scsv.minVersion());
            for (ProtocolVersion v : ProtocolVersion.HELLO_VERSIONS) {
                assertFalse(scsv.usableIn(v));
            }
            assertFalse(CipherSuites.all().contains(scsv));
        }
        assertEquals(0x00FF, CipherSuite.TLS_EMPTY_RENEGOTIATION_INFO_SCSV.code());
        assertEquals(0x5600, CipherSuite.TLS_FALLBACK_SCSV.code());
    }

    @Test
    void allIsInCodeOrderWithoutDuplicates() {
        List<CipherSuite> all = CipherSuites.all();
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).code() < all.get(i).code(), all.get(i).toString());
        }
        Map<String, CipherSuite> names = new HashMap<>();
        for (CipherSuite s : all) {
            for (String name : s.lookupNames()) {
                CipherSuite other = names.putIfAbsent(name.toLowerCase(java.util.Locale.ROOT), s);
                assertTrue(other == null || other == s, name + " names " + other + " and " + s);
            }
        }
    }

    static Stream<Arguments> versions() {
        long pre12Ssl3 = ROWS.stream().filter(r -> r.minProtocol().equals("SSLv3")).count();
        long pre12Tls1 = ROWS.stream().filter(r -> r.minProtocol().equals("SSLv3") || r.minProtocol().equals("TLSv1")).count();
        long tls13 = ROWS.stream().filter(r -> r.minProtocol().equals("TLSv1.3")).count();
        return Stream.of(
                Arguments.of(ProtocolVersion.SSLv3, pre12Ssl3),
                Arguments.of(ProtocolVersion.TLSv1_0, pre12Tls1),
                Arguments.of(ProtocolVersion.TLSv1_1, pre12Tls1),
                Arguments.of(ProtocolVersion.TLSv1_2, ROWS.size() - tls13),
                Arguments.of(ProtocolVersion.TLSv1_3, tls13),
                Arguments.of(ProtocolVersion.of(0x7F1C), tls13),
                Arguments.of(ProtocolVersion.SSLv2, 0L),
                Arguments.of(ProtocolVersion.of(0x0305), 0L));
    }

    @ParameterizedTest(name = "{0}: {1} suites")
    @MethodSource("versions")
    void forVersionMatchesTheTable(ProtocolVersion version, long expected) {
        List<CipherSuite> suites = CipherSuites.forVersion(version);
        assertEquals(expected, suites.size());
        suites.forEach(s -> assertTrue(s.usableIn(version), s.toString()));
        suites.forEach(s -> assertFalse(s.isScsv(), s.toString()));
    }

    @Test
    void forVersionCountsAndTls13Suites() {
        assertEquals(141, CipherSuites.forVersion(ProtocolVersion.SSLv3).size());
        assertEquals(179, CipherSuites.forVersion(ProtocolVersion.TLSv1_0).size());
        assertEquals(352, CipherSuites.forVersion(ProtocolVersion.TLSv1_2).size());
        List<Integer> tls13 = CipherSuites.forVersion(ProtocolVersion.TLSv1_3).stream().map(CipherSuite::code).toList();
        // the five RFC 8446 suites, SM4 (RFC 8998) and integrity-only (RFC 9150)
        assertEquals(List.of(0x00C6, 0x00C7, 0x1301, 0x1302, 0x1303, 0x1304, 0x1305, 0xC0B4, 0xC0B5), tls13);
        IntStream.rangeClosed(0x1301, 0x1305).forEach(code -> {
            CipherSuite s = CipherSuite.of(code);
            assertTrue(s.isTls13());
            assertEquals(Optional.of(ProtocolVersion.TLSv1_3), s.minVersion());
            assertEquals(Optional.of(ProtocolVersion.TLSv1_3), s.maxVersion());
            assertFalse(s.usableIn(ProtocolVersion.TLSv1_2));
        });
        CipherSuite gcm = CipherSuite.of(0xC02F);
        assertEquals(Optional.of(ProtocolVersion.TLSv1_2), gcm.minVersion());
        assertEquals(Optional.of(ProtocolVersion.TLSv1_2), gcm.maxVersion());
        CipherSuite old = CipherSuite.of(0x000A);
        assertEquals(Optional.of(ProtocolVersion.SSLv3), old.minVersion());
        assertTrue(old.usableIn(ProtocolVersion.SSLv3));
        assertTrue(old.usableIn(ProtocolVersion.TLSv1_2));
        assertFalse(old.usableIn(ProtocolVersion.TLSv1_3));
    }

    @ParameterizedTest
    @ValueSource(ints = {0xC0FF, 0x0A0A, 0xFAFA, 0x1306, 0xFFFF, 0x001C, 0x00FE})
    void unknownCodesArePreserved(int code) {
        CipherSuite s = CipherSuite.of(code);
        assertFalse(s.isKnown());
        assertEquals(code, s.code());
        assertEquals(Hex.u16(code), s.toString());
        assertEquals(Hex.u16(code), s.ianaName());
        assertEquals(Set.of(), s.weaknesses());
        assertEquals(Optional.empty(), s.opensslName());
        assertFalse(s.forwardSecrecy());
        assertFalse(s.isScsv());
        for (ProtocolVersion v : ProtocolVersion.HELLO_VERSIONS) {
            assertFalse(s.usableIn(v));
        }
        assertEquals(s, CipherSuite.of(code));
        assertEquals(s.hashCode(), CipherSuite.of(code).hashCode());
        assertEquals(CodeTable.isGrease16(code), s.isGrease());
    }

    @Test
    void unknownPrintsAsHex() {
        assertEquals("0xC0FF", CipherSuite.of(0xC0FF).toString());
        assertTrue(CipherSuite.of(0x0A0A).isGrease());
        assertFalse(CipherSuite.of(0x0A1A).isGrease());
    }

    @Test
    void everyCodeResolves() {
        for (int code = 0; code <= 0xFFFF; code++) {
            assertEquals(code, CipherSuite.of(code).code());
        }
    }
}
