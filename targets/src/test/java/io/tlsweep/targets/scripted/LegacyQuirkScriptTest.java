package io.tlsweep.targets.scripted;

import static io.tlsweep.targets.scripted.Hellos.SCSV;
import static io.tlsweep.targets.scripted.Hellos.messages;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsweep.targets.LegacyQuirk;
import io.tlsweep.targets.ScriptedQuirks;
import io.tlsweep.targets.ScriptedTargetSpec;
import io.tlsweep.targets.TlsVersion;
import io.tlsweep.targets.hostile.ClientHelloReader;
import java.io.ByteArrayOutputStream;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The scripts of the scripted servers with the flaws of old servers ({@link LegacyQuirk}) fed raw hellos: one that
 * speaks SSLv2, one that selects DEFLATE, one without RFC 5746, each against the same server without the quirk.
 */
class LegacyQuirkScriptTest {
    private static final byte[] LEAF = {0x30, 0x03, 0x02, 0x01, 0x07};
    private static final int AES128_SHA = 0x002F;
    private static final ScriptedTargetSpec PLAIN = ScriptedTargetSpec.of("p",
            EnumSet.of(TlsVersion.TLS1_0, TlsVersion.TLS1_2), List.of("TLS_RSA_WITH_AES_128_CBC_SHA"));
    private static final LegacyServerScript TOLERANT = script(PLAIN);
    private static final LegacyServerScript SSLV2 = script(PLAIN.withLegacy(LegacyQuirk.SSLV2));
    private static final LegacyServerScript DEFLATE = script(PLAIN.withLegacy(LegacyQuirk.DEFLATE));
    private static final LegacyServerScript NO_RFC5746 = script(PLAIN.withLegacy(LegacyQuirk.NO_RENEGOTIATION_INFO));

    /** The SSL 2.0 CLIENT-HELLO of the SSL 2.0 draft: the seven kinds, a 32-byte challenge. */
    private static final byte[] SSLV2_HELLO = HexFormat.of().parseHex("803e0100020015000000200100800200800300800400"
            + "800500800600400700c0000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    @Test
    void anSslV2ServerAnswersAnSslV2HelloWithTheKindsBothHave() {
        LegacyServerScript.Answer answer = SSLV2.answerOther(SSLV2_HELLO).orElseThrow();
        assertFalse(answer.refused());
        String expected = "8029" + "04" + "00" + "01" + "0002" + "0005" + "0009" + "0010" + "3003020107"
                + "010080" + "020080" + "0700c0" + "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf";
        assertEquals(expected, HexFormat.of().formatHex(answer.bytes()));
    }

    @Test
    void anSslV2HelloWithNoKindInCommonGetsNoCipherError() {
        byte[] rc2Only = HexFormat.of().parseHex("802c" + "01" + "0002" + "0003" + "0000" + "0020" + "030080"
                + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        LegacyServerScript.Answer answer = SSLV2.answerOther(rc2Only).orElseThrow();
        assertTrue(answer.refused());
        assertArrayEquals(new byte[] {(byte) 0x80, 0x03, 0x00, 0x00, 0x01}, answer.bytes());
    }

    @Test
    void withoutTheQuirkOrWithAnythingElseThereIsNoSslV2Answer() {
        assertEquals(Optional.empty(), TOLERANT.answerOther(SSLV2_HELLO));
        assertEquals(Optional.empty(), SSLV2.answerOther(java.util.Arrays.copyOf(SSLV2_HELLO, SSLV2_HELLO.length - 1)),
                "truncated");
        byte[] serverHelloType = SSLV2_HELLO.clone();
        serverHelloType[2] = 4;
        assertEquals(Optional.empty(), SSLV2.answerOther(serverHelloType));
        assertEquals(Optional.empty(), SSLV2.answerOther("GET / HTTP/1.0\r\n\r\n".getBytes()));
    }

    @Test
    void deflateIsSelectedWhenOfferedAndOnlyWithTheQuirk() {
        assertEquals(1, compression(flight(DEFLATE, hello(0x0303, new int[] {1, 0}, AES128_SHA, SCSV))));
        assertEquals(0, compression(flight(DEFLATE, hello(0x0303, new int[] {0}, AES128_SHA, SCSV))));
        assertEquals(0, compression(flight(TOLERANT, hello(0x0301, new int[] {1, 0}, AES128_SHA, SCSV))));
    }

    @Test
    void withoutRfc5746TheServerHelloHasNoRenegotiationInfo() {
        Hellos.Message plain = flight(TOLERANT, hello(0x0303, new int[] {0}, AES128_SHA, SCSV));
        assertTrue(HexFormat.of().formatHex(plain.body()).endsWith("00" + "0005ff01000100"));
        Hellos.Message without = flight(NO_RFC5746, hello(0x0303, new int[] {0}, AES128_SHA, SCSV));
        assertEquals(plain.body().length - 7, without.body().length);
        assertEquals(AES128_SHA, without.u16(35));
    }

    @Test
    void theQuirksAreListed() {
        ScriptedQuirks all = ScriptedQuirks.NONE.withLegacy(LegacyQuirk.SSLV2).withLegacy(LegacyQuirk.DEFLATE)
                .withMaxOfferedSuites(150);
        assertEquals(EnumSet.of(LegacyQuirk.SSLV2, LegacyQuirk.DEFLATE), all.legacy());
        assertEquals("max 150 suites (else decode_error), legacy [SSLV2, DEFLATE]", all.summary());
        assertTrue(all.any());
    }

    private static LegacyServerScript script(ScriptedTargetSpec spec) {
        return new LegacyServerScript(spec.accepted(), spec.quirks(), List.of(LEAF));
    }

    private static Hellos.Message flight(LegacyServerScript script, byte[] clientHello) {
        LegacyServerScript.Answer answer = script.answer(ClientHelloReader.read(clientHello).orElseThrow());
        assertFalse(answer.refused());
        return messages(answer.bytes()).get(0);
    }

    private static int compression(Hellos.Message serverHello) {
        return serverHello.body()[37] & 0xff;
    }

    /** A ClientHello without extensions offering these compression methods. */
    private static byte[] hello(int version, int[] compression, int... suites) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u16(body, version);
        body.writeBytes(new byte[32]);
        body.write(0);
        u16(body, 2 * suites.length);
        for (int s : suites) {
            u16(body, s);
        }
        body.write(compression.length);
        for (int c : compression) {
            body.write(c);
        }
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.writeBytes(new byte[] {0x16, 0x03, 0x01});
        u16(record, body.size() + 4);
        record.write(0x01);
        record.write(0);
        u16(record, body.size());
        record.writeBytes(body.toByteArray());
        return record.toByteArray();
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write(value >> 8);
        out.write(value);
    }
}
