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

class ExtensionTypeRegistryTest {

    static Stream<Arguments> registeredNames() {
        return ExtensionType.all().stream().flatMap(e -> e.lookupNames().stream().map(n -> Arguments.of(n, e)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registeredNames")
    void byNameRoundTrips(String name, ExtensionType type) {
        assertSame(type, ExtensionType.byName(name).orElseThrow());
        assertSame(type, ExtensionType.byName(name.toUpperCase(java.util.Locale.ROOT)).orElseThrow());
        assertSame(type, ExtensionType.of(type.code()));
    }

    static Stream<Arguments> contractConstants() {
        return Stream.of(
                Arguments.of(ExtensionType.SERVER_NAME, 0), Arguments.of(ExtensionType.STATUS_REQUEST, 5),
                Arguments.of(ExtensionType.SUPPORTED_GROUPS, 10), Arguments.of(ExtensionType.EC_POINT_FORMATS, 11),
                Arguments.of(ExtensionType.SIGNATURE_ALGORITHMS, 13), Arguments.of(ExtensionType.ALPN, 16),
                Arguments.of(ExtensionType.SIGNED_CERTIFICATE_TIMESTAMP, 18), Arguments.of(ExtensionType.PADDING, 21),
                Arguments.of(ExtensionType.ENCRYPT_THEN_MAC, 22), Arguments.of(ExtensionType.EXTENDED_MASTER_SECRET, 23),
                Arguments.of(ExtensionType.SESSION_TICKET, 35), Arguments.of(ExtensionType.PRE_SHARED_KEY, 41),
                Arguments.of(ExtensionType.SUPPORTED_VERSIONS, 43), Arguments.of(ExtensionType.COOKIE, 44),
                Arguments.of(ExtensionType.PSK_KEY_EXCHANGE_MODES, 45), Arguments.of(ExtensionType.KEY_SHARE, 51),
                Arguments.of(ExtensionType.RENEGOTIATION_INFO, 0xFF01));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("contractConstants")
    void contractConstantsKeepTheirCodes(ExtensionType type, int code) {
        assertEquals(code, type.code());
        assertSame(type, ExtensionType.of(code));
        assertTrue(type.isKnown());
    }

    @ParameterizedTest
    @CsvSource({
        "0, server_name", "16, application_layer_protocol_negotiation", "23, extended_master_secret",
        "27, compress_certificate", "28, record_size_limit", "42, early_data", "47, certificate_authorities",
        "50, signature_algorithms_cert", "57, quic_transport_parameters", "59, dnssec_chain",
        "13172, next_protocol_negotiation", "17513, application_settings_old", "17613, application_settings",
        "64768, ech_outer_extensions", "65037, encrypted_client_hello", "65281, renegotiation_info",
    })
    void knownCodes(int code, String name) {
        assertEquals(name, ExtensionType.of(code).name());
        assertEquals(name, ExtensionType.of(code).toString());
    }

    @Test
    void aliasesAndRegistryShape() {
        assertEquals(Optional.of(ExtensionType.ALPN), ExtensionType.byName("alpn"));
        assertEquals(Optional.of(ExtensionType.SUPPORTED_GROUPS), ExtensionType.byName("elliptic_curves"));
        assertEquals(Optional.of(ExtensionType.EXTENDED_MASTER_SECRET), ExtensionType.byName("extended_main_secret"));
        List<ExtensionType> all = ExtensionType.all();
        assertEquals(69, all.size());
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).code() < all.get(i).code());
        }
        new CodeTable<>("check", all, ExtensionType::code, ExtensionType::lookupNames);
        for (int code = 0; code <= 62; code++) {
            assertEquals(code != 40 && code != 46, ExtensionType.of(code).isKnown(), "code " + code);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0x0A0A, 0x3A3A, 0xDADA, 0xFAFA})
    void greaseIsDetectedAndPreserved(int code) {
        ExtensionType e = ExtensionType.of(code);
        assertTrue(e.isGrease());
        assertFalse(e.isKnown());
        assertEquals(Hex.u16(code), e.toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {40, 46, 63, 0x1234, 0xFFCE, 0xFFFF})
    void unknownCodesArePreserved(int code) {
        ExtensionType e = ExtensionType.of(code);
        assertFalse(e.isKnown());
        assertFalse(e.isGrease());
        assertEquals(code, e.code());
        assertEquals(Hex.u16(code), e.toString());
        assertEquals(Hex.u16(code), e.name());
        assertEquals(e, ExtensionType.of(code));
        assertEquals(e.hashCode(), ExtensionType.of(code).hashCode());
        assertEquals(Optional.empty(), ExtensionType.byName("no_such_extension"));
    }
}
