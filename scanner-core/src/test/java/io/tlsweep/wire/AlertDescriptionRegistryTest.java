package io.tlsweep.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

class AlertDescriptionRegistryTest {

    static Stream<Arguments> registeredNames() {
        return AlertDescription.all().stream().flatMap(a -> a.lookupNames().stream().map(n -> Arguments.of(n, a)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registeredNames")
    void byNameRoundTrips(String name, AlertDescription alert) {
        assertSame(alert, AlertDescription.byName(name).orElseThrow());
        assertSame(alert, AlertDescription.byName(name.toUpperCase(java.util.Locale.ROOT)).orElseThrow());
        assertSame(alert, AlertDescription.of(alert.code()));
    }

    @ParameterizedTest
    @CsvSource({
        "0, close_notify", "10, unexpected_message", "20, bad_record_mac", "21, decryption_failed_RESERVED",
        "22, record_overflow", "30, decompression_failure", "40, handshake_failure", "41, no_certificate_RESERVED",
        "42, bad_certificate", "48, unknown_ca", "50, decode_error", "51, decrypt_error", "52, too_many_cids_requested",
        "60, export_restriction_RESERVED", "70, protocol_version", "71, insufficient_security", "80, internal_error",
        "86, inappropriate_fallback", "90, user_canceled", "100, no_renegotiation", "109, missing_extension",
        "110, unsupported_extension", "111, certificate_unobtainable", "112, unrecognized_name",
        "113, bad_certificate_status_response", "114, bad_certificate_hash_value", "115, unknown_psk_identity",
        "116, certificate_required", "117, general_error", "120, no_application_protocol", "121, ech_required",
    })
    void knownCodes(int code, String name) {
        AlertDescription a = AlertDescription.of(code);
        assertTrue(a.isKnown());
        assertEquals(name, a.name());
        assertEquals(name, a.toString());
    }

    @Test
    void contractConstantsAndRfc8446Spellings() {
        assertEquals(0, AlertDescription.CLOSE_NOTIFY.code());
        assertEquals(40, AlertDescription.HANDSHAKE_FAILURE.code());
        assertEquals(70, AlertDescription.PROTOCOL_VERSION.code());
        assertEquals(71, AlertDescription.INSUFFICIENT_SECURITY.code());
        assertEquals(112, AlertDescription.UNRECOGNIZED_NAME.code());
        assertEquals(Optional.of(AlertDescription.NO_RENEGOTIATION), AlertDescription.byName("no_renegotiation_RESERVED"));
        assertEquals(Optional.of(AlertDescription.DECRYPTION_FAILED), AlertDescription.byName("decryption_failed"));
    }

    @Test
    void registryHasNoDuplicatesAndIsOrdered() {
        List<AlertDescription> all = AlertDescription.all();
        assertEquals(37, all.size());
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).code() < all.get(i).code());
        }
        new CodeTable<>("check", all, AlertDescription::code, AlertDescription::lookupNames);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 23, 99, 118, 122, 200, 255})
    void unknownCodesArePreserved(int code) {
        AlertDescription a = AlertDescription.of(code);
        assertFalse(a.isKnown());
        assertEquals(code, a.code());
        assertEquals(Hex.u8(code), a.toString());
        assertEquals(Hex.u8(code), a.name());
        assertEquals(a, AlertDescription.of(code));
        assertEquals(a.hashCode(), AlertDescription.of(code).hashCode());
    }

    @Test
    void everyByteResolvesAndOthersAreRejected() {
        for (int code = 0; code <= 0xFF; code++) {
            assertEquals(code, AlertDescription.of(code).code());
        }
        assertThrows(IllegalArgumentException.class, () -> AlertDescription.of(256));
        assertThrows(IllegalArgumentException.class, () -> AlertDescription.of(-1));
        assertEquals(Optional.empty(), AlertDescription.byName("fatal_error"));
    }

    @Test
    void alertLevels() {
        assertSame(AlertLevel.WARNING, AlertLevel.of(1));
        assertSame(AlertLevel.FATAL, AlertLevel.of(2));
        assertEquals("warning", AlertLevel.WARNING.toString());
        assertEquals("fatal", AlertLevel.FATAL.name());
        assertEquals(Optional.of(AlertLevel.FATAL), AlertLevel.byName("FATAL"));
        assertEquals(Optional.empty(), AlertLevel.byName("error"));
        AlertLevel odd = AlertLevel.of(0x15);
        assertFalse(odd.isKnown());
        assertEquals("0x15", odd.toString());
        assertEquals(odd, AlertLevel.of(0x15));
        assertEquals(List.of(AlertLevel.WARNING, AlertLevel.FATAL), AlertLevel.all());
        for (int code = 0; code <= 0xFF; code++) {
            assertEquals(code, AlertLevel.of(code).code());
            assertEquals(code == 1 || code == 2, AlertLevel.of(code).isKnown());
        }
    }
}
