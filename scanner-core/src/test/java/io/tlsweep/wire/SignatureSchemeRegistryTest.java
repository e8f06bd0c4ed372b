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

class SignatureSchemeRegistryTest {

    static Stream<Arguments> registeredNames() {
        return SignatureScheme.all().stream().flatMap(s -> s.lookupNames().stream().map(n -> Arguments.of(n, s)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registeredNames")
    void byNameRoundTrips(String name, SignatureScheme scheme) {
        assertSame(scheme, SignatureScheme.byName(name).orElseThrow());
        assertSame(scheme, SignatureScheme.byName(name.toUpperCase(java.util.Locale.ROOT)).orElseThrow());
        assertSame(scheme, SignatureScheme.of(scheme.code()));
    }

    @ParameterizedTest
    @CsvSource({
        "0x0201, rsa_pkcs1_sha1, true", "0x0203, ecdsa_sha1, true", "0x0101, rsa_md5, true",
        "0x0102, dsa_md5, true", "0x0202, dsa_sha1, true",
        "0x0401, rsa_pkcs1_sha256, false", "0x0402, dsa_sha256, false", "0x0403, ecdsa_secp256r1_sha256, false",
        "0x0503, ecdsa_secp384r1_sha384, false", "0x0603, ecdsa_secp521r1_sha512, false",
        "0x0303, ecdsa_sha224, false", "0x0420, rsa_pkcs1_sha256_legacy, false",
        "0x0804, rsa_pss_rsae_sha256, false", "0x0806, rsa_pss_rsae_sha512, false",
        "0x0807, ed25519, false", "0x0808, ed448, false",
        "0x0809, rsa_pss_pss_sha256, false", "0x080B, rsa_pss_pss_sha512, false",
        "0x081A, ecdsa_brainpoolP256r1tls13_sha256, false", "0x081C, ecdsa_brainpoolP512r1tls13_sha512, false",
        "0x0708, sm2sig_sm3, false", "0x0709, gostr34102012_256a, false",
        "0x0904, mldsa44, false", "0x0905, mldsa65, false", "0x0906, mldsa87, false",
    })
    void knownCodes(String code, String name, boolean weakHash) {
        SignatureScheme s = SignatureScheme.of(Hex.parseU16(code));
        assertTrue(s.isKnown());
        assertEquals(name, s.name());
        assertEquals(name, s.toString());
        assertEquals(weakHash, s.isWeakHash());
    }

    @Test
    void tls12PairsAreAllNamed() {
        for (int hash = 1; hash <= 6; hash++) {
            for (int sig = 1; sig <= 3; sig++) {
                SignatureScheme s = SignatureScheme.of(hash << 8 | sig);
                assertTrue(s.isKnown(), s.toString());
                assertEquals(hash, s.hashByte());
                assertEquals(sig, s.signatureByte());
                assertEquals(hash <= 2, s.isWeakHash(), s.toString());
            }
        }
    }

    @Test
    void postQuantumAndAliases() {
        assertTrue(SignatureScheme.MLDSA65.isPostQuantum());
        assertFalse(SignatureScheme.ED25519.isPostQuantum());
        assertEquals(Optional.of(SignatureScheme.DSA_SHA256), SignatureScheme.byName("dsa_sha256_RESERVED"));
    }

    @Test
    void registryHasNoDuplicatesAndIsOrdered() {
        List<SignatureScheme> all = SignatureScheme.all();
        assertEquals(47, all.size());
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).code() < all.get(i).code());
        }
        new CodeTable<>("check", all, SignatureScheme::code, SignatureScheme::lookupNames);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x0A0A, 0x5A5A, 0xFAFA})
    void greaseIsDetectedAndPreserved(int code) {
        SignatureScheme s = SignatureScheme.of(code);
        assertTrue(s.isGrease());
        assertFalse(s.isKnown());
        assertEquals(Hex.u16(code), s.toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 0x0104, 0x0700, 0x0810, 0x0907, 0xFFFF})
    void unknownCodesArePreserved(int code) {
        SignatureScheme s = SignatureScheme.of(code);
        assertFalse(s.isKnown());
        assertEquals(code, s.code());
        assertEquals(Hex.u16(code), s.toString());
        assertEquals(Hex.u16(code), s.name());
        assertFalse(s.isWeakHash());
        assertEquals(s, SignatureScheme.of(code));
        assertEquals(Optional.empty(), SignatureScheme.byName("rsa_pkcs1_sha3"));
    }
}
