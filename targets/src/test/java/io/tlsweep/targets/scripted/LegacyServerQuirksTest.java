package io.tlsweep.targets.scripted;

import static io.tlsweep.targets.scripted.Hellos.SCSV;
import static io.tlsweep.targets.scripted.Hellos.hello;
import static io.tlsweep.targets.scripted.Hellos.messageLength;
import static io.tlsweep.targets.scripted.Hellos.messages;
import static io.tlsweep.targets.scripted.Hellos.paddedTo;
import static io.tlsweep.targets.scripted.Hellos.suitesEndingWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsweep.targets.ScriptedQuirks;
import io.tlsweep.targets.ScriptedTargetSpec;
import io.tlsweep.targets.hostile.ClientHelloReader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scripts of the quirky scripted servers fed raw ClientHellos: a suite-count limit of 150, a hello-length
 * limit of 512 bytes, both at once, and a TLS 1.2-only suite accepted in TLS 1.0 and 1.1.
 */
class LegacyServerQuirksTest {

    private static final byte[] LEAF = {0x30, 0x03, 0x02, 0x01, 0x07};
    private static final int AES128_SHA = 0x002F;
    private static final int AES128_SHA256 = 0x003C;
    private static final int AES128_GCM = 0x009C;
    private static final int DECODE_ERROR = LegacyServerScript.DECODE_ERROR;

    private static final LegacyServerScript BY_SUITES = script(ScriptedTargetSpec.sizeIntolerantBySuites("s", 150));
    private static final LegacyServerScript BY_LENGTH = script(ScriptedTargetSpec.sizeIntolerantByLength("l", 512));
    private static final LegacyServerScript BOTH = script(ScriptedTargetSpec.sizeIntolerantBySuites("b", 150)
            .withMaxHelloBytes(512));
    private static final LegacyServerScript OFF_VERSION = script(ScriptedTargetSpec.offVersion("o"));
    private static final LegacyServerScript TOLERANT = script(ScriptedTargetSpec.sizeIntolerantBySuites("t", 150)
            .withQuirks(ScriptedQuirks.NONE));

    @Test
    void aHundredAndFiftySuitesAreAnsweredAHundredAndFiftyOneAreADecodeError() {
        assertEquals(AES128_SHA, chosen(BY_SUITES, hello(0x0303, suitesEndingWith(150, AES128_SHA))));
        assertAlert(BY_SUITES, 0x0303, DECODE_ERROR, hello(0x0303, suitesEndingWith(151, AES128_SHA)));
        assertAlert(BY_SUITES, 0x0301, DECODE_ERROR, hello(0x0301, suitesEndingWith(300, AES128_SHA)));
        assertEquals(AES128_SHA, chosen(TOLERANT, hello(0x0303, suitesEndingWith(151, AES128_SHA))));
    }

    @Test
    void theScsvCountsAsASuite() {
        int[] withScsv = Arrays.copyOf(suitesEndingWith(150, AES128_SHA), 151);
        withScsv[150] = SCSV;
        assertAlert(BY_SUITES, 0x0303, DECODE_ERROR, hello(0x0303, withScsv));
        assertEquals(AES128_SHA, chosen(BY_SUITES, hello(0x0303, Arrays.copyOfRange(withScsv, 1, 151))));
    }

    @Test
    void aFiveHundredTwelveByteHelloIsAnsweredOneByteMoreIsClosedOnSilently() {
        byte[] fits = paddedTo(512, 0x0303, AES128_SHA);
        assertEquals(512, fits.length - 5, "handshake header and body");
        assertEquals(AES128_SHA, chosen(BY_LENGTH, fits));
        assertSilent(BY_LENGTH, paddedTo(513, 0x0303, AES128_SHA));
        assertEquals(AES128_SHA, chosen(TOLERANT, paddedTo(513, 0x0303, AES128_SHA)));
    }

    @Test
    void lengthCountsWithoutPaddingToo() {
        assertEquals(513, messageLength(235));
        assertSilent(BY_LENGTH, hello(0x0301, suitesEndingWith(235, AES128_SHA)));
        assertEquals(AES128_SHA, chosen(BY_LENGTH, hello(0x0301, suitesEndingWith(234, AES128_SHA))));
    }

    @Test
    void theLengthIsJudgedBeforeTheSuiteCount() {
        assertSilent(BOTH, hello(0x0303, suitesEndingWith(235, AES128_SHA)));
        assertAlert(BOTH, 0x0303, DECODE_ERROR, hello(0x0303, suitesEndingWith(151, AES128_SHA)));
        assertEquals(AES128_SHA, chosen(BOTH, paddedTo(512, 0x0303, suitesEndingWith(150, AES128_SHA))));
    }

    @Test
    void aTls12OnlySuiteConfiguredOffVersionIsChosenInTls11AndTls10() {
        for (int version : new int[] {0x0301, 0x0302}) {
            List<Hellos.Message> flight = flight(OFF_VERSION, hello(version, AES128_SHA256));
            assertEquals(version, flight.get(0).u16(0));
            assertEquals(AES128_SHA256, suite(flight.get(0)));
            assertEquals(AES128_SHA256, chosen(OFF_VERSION, hello(version, AES128_GCM, AES128_SHA, AES128_SHA256)),
                    "server order");
        }
        assertEquals(AES128_SHA256, chosen(OFF_VERSION, hello(0x0303, AES128_GCM, AES128_SHA256)));
    }

    @Test
    void aTls12OnlySuiteNotConfiguredOffVersionStaysInTls12() {
        assertAlert(OFF_VERSION, 0x0302, LegacyServerScript.HANDSHAKE_FAILURE, hello(0x0302, AES128_GCM));
        assertEquals(AES128_SHA, chosen(OFF_VERSION, hello(0x0301, AES128_GCM, AES128_SHA)));
        assertEquals(AES128_GCM, chosen(OFF_VERSION, hello(0x0303, AES128_GCM, AES128_SHA)));
    }

    private static LegacyServerScript script(ScriptedTargetSpec spec) {
        return new LegacyServerScript(spec.accepted(), spec.quirks(), List.of(LEAF));
    }

    private static LegacyServerScript.Answer answer(LegacyServerScript script, byte[] clientHello) {
        return script.answer(ClientHelloReader.read(clientHello).orElseThrow());
    }

    private static List<Hellos.Message> flight(LegacyServerScript script, byte[] clientHello) {
        LegacyServerScript.Answer answer = answer(script, clientHello);
        assertFalse(answer.refused());
        List<Hellos.Message> flight = messages(answer.bytes());
        assertEquals(List.of(0x02, 0x0b, 0x0e), flight.stream().map(Hellos.Message::type).toList());
        return flight;
    }

    private static int chosen(LegacyServerScript script, byte[] clientHello) {
        return suite(flight(script, clientHello).get(0));
    }

    private static void assertAlert(LegacyServerScript script, int recordVersion, int description, byte[] clientHello) {
        LegacyServerScript.Answer answer = answer(script, clientHello);
        assertTrue(answer.refused());
        assertFalse(answer.silent());
        assertArrayEquals(new byte[] {0x15, (byte) (recordVersion >> 8), (byte) recordVersion, 0x00, 0x02, 0x02,
            (byte) description}, answer.bytes());
    }

    private static void assertSilent(LegacyServerScript script, byte[] clientHello) {
        LegacyServerScript.Answer answer = answer(script, clientHello);
        assertTrue(answer.refused());
        assertTrue(answer.silent());
        assertEquals(0, answer.bytes().length);
    }

    private static int suite(Hellos.Message serverHello) {
        int sidLength = serverHello.body()[34] & 0xff;
        return serverHello.u16(35 + sidLength);
    }
}
