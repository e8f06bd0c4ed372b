package io.tlsweep.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamedGroupRegistryTest {

    static Stream<Arguments> registeredNames() {
        return NamedGroup.all().stream().flatMap(g -> g.lookupNames().stream().map(n -> Arguments.of(n, g)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registeredNames")
    void byNameRoundTrips(String name, NamedGroup group) {
        assertSame(group, NamedGroup.byName(name).orElseThrow());
        assertSame(group, NamedGroup.byName(name.toUpperCase(java.util.Locale.ROOT)).orElseThrow());
        assertSame(group, NamedGroup.of(group.code()));
        assertSame(group, NamedGroup.byName(group.name()).orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({
        "1, sect163k1, EC_BINARY", "14, sect571r1, EC_BINARY", "22, secp256k1, EC_PRIME",
        "23, secp256r1, EC_PRIME", "24, secp384r1, EC_PRIME", "25, secp521r1, EC_PRIME",
        "26, brainpoolP256r1, EC_PRIME", "28, brainpoolP512r1, EC_PRIME", "29, x25519, ECX", "30, x448, ECX",
        "31, brainpoolP256r1tls13, EC_PRIME", "33, brainpoolP512r1tls13, EC_PRIME", "34, GC256A, EC_PRIME",
        "40, GC512C, EC_PRIME", "41, curveSM2, EC_PRIME",
        "256, ffdhe2048, FFDHE", "257, ffdhe3072, FFDHE", "258, ffdhe4096, FFDHE", "259, ffdhe6144, FFDHE",
        "260, ffdhe8192, FFDHE",
        "512, MLKEM512, PQ", "513, MLKEM768, PQ", "514, MLKEM1024, PQ",
        "4587, SecP256r1MLKEM768, HYBRID_PQ", "4588, X25519MLKEM768, HYBRID_PQ", "4589, SecP384r1MLKEM1024, HYBRID_PQ",
        "25497, X25519Kyber768Draft00, HYBRID_PQ", "25498, SecP256r1Kyber768Draft00, HYBRID_PQ",
        "65281, arbitrary_explicit_prime_curves, EXPLICIT_CURVES",
        "65282, arbitrary_explicit_char2_curves, EXPLICIT_CURVES",
    })
    void knownCodes(int code, String name, GroupKind kind) {
        NamedGroup g = NamedGroup.of(code);
        assertTrue(g.isKnown());
        assertEquals(name, g.name());
        assertEquals(name, g.toString());
        assertEquals(kind, g.kind());
        assertEquals(kind == GroupKind.PQ || kind == GroupKind.HYBRID_PQ, g.isPostQuantum());
    }

    @Test
    void contractConstants() {
        assertEquals(23, NamedGroup.SECP256R1.code());
        assertEquals(24, NamedGroup.SECP384R1.code());
        assertEquals(25, NamedGroup.SECP521R1.code());
        assertEquals(29, NamedGroup.X25519.code());
        assertEquals(30, NamedGroup.X448.code());
        assertEquals(256, NamedGroup.FFDHE2048.code());
        assertEquals(257, NamedGroup.FFDHE3072.code());
        assertEquals(258, NamedGroup.FFDHE4096.code());
        assertEquals(259, NamedGroup.FFDHE6144.code());
        assertEquals(260, NamedGroup.FFDHE8192.code());
        assertEquals(0x11EC, NamedGroup.X25519_MLKEM768.code());
        assertEquals(128, NamedGroup.SECP256R1.securityBits());
        assertEquals(112, NamedGroup.FFDHE2048.securityBits());
        assertEquals(Optional.of(NamedGroup.SECP256R1), NamedGroup.byName("prime256v1"));
        assertEquals(Optional.of(NamedGroup.SECP384R1), NamedGroup.byName("P-384"));
    }

    @Test
    void registryHasNoDuplicatesAndIsOrdered() {
        List<NamedGroup> all = NamedGroup.all();
        assertEquals(57, all.size());
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).code() < all.get(i).code());
        }
        new CodeTable<>("check", all, NamedGroup::code, NamedGroup::lookupNames);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x0A0A, 0x1A1A, 0x2A2A, 0xEAEA, 0xFAFA})
    void greaseIsDetectedAndPreserved(int code) {
        NamedGroup g = NamedGroup.of(code);
        assertTrue(g.isGrease());
        assertFalse(g.isKnown());
        assertEquals(Hex.u16(code), g.toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 42, 0x01FC, 0x01FF, 0xFE00, 0xFE30, 0xFEFF, 0xFFFF, 0x0A1A, 0x1A0A})
    void unknownCodesArePreserved(int code) {
        NamedGroup g = NamedGroup.of(code);
        assertFalse(g.isKnown());
        assertFalse(g.isGrease());
        assertEquals(code, g.code());
        assertEquals(Hex.u16(code), g.toString());
        assertEquals(Hex.u16(code), g.name());
        assertEquals(GroupKind.UNKNOWN, g.kind());
        assertEquals(g, NamedGroup.of(code));
        assertEquals(g.hashCode(), NamedGroup.of(code).hashCode());
        assertEquals(code >= 0x01FC && code <= 0x01FF || code >= 0xFE00 && code <= 0xFEFF, g.isPrivateUse());
    }

    @Test
    void everyCodeResolvesAndUnknownNamesDoNot() {
        for (int code = 0; code <= 0xFFFF; code++) {
            assertEquals(code, NamedGroup.of(code).code());
        }
        assertEquals(Optional.empty(), NamedGroup.byName("secp256r2"));
        assertEquals(Optional.empty(), NamedGroup.byName(null));
    }
}
