package io.tlsweep.targets.scripted;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsweep.targets.ScriptedFlaw;
import io.tlsweep.targets.ScriptedQuirks;
import io.tlsweep.targets.ScriptedTargetSpec;
import io.tlsweep.targets.hostile.ClientHelloReader;
import io.tlsweep.targets.hostile.ClientHelloSummary;
import io.tlsweep.targets.hostile.ServerHelloWriter;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The flaws of the scripted server fed raw records: the heartbeat extension echoed, an overlong heartbeat request
 * over-read (and a fitting one answered as RFC 6520 says), an early ChangeCipherSpec taken and the next record
 * failing; a server without the flaw ignores the same records.
 */
class FlawScriptTest {
    private static final int AES128_SHA = 0x002F;
    private static final byte[] HEARTBEAT_EXTENSION = {0x00, 0x0f, 0x00, 0x01, 0x01};
    private static final byte[] RENEGOTIATION_INFO = {(byte) 0xff, 0x01, 0x00, 0x01, 0x00};
    private static final byte[] OVERLONG = {24, 3, 3, 0, 3, 1, 0x40, 0};
    private static final byte[] CCS = {20, 3, 3, 0, 1, 1};
    private static final Set<ScriptedFlaw> BOTH = EnumSet.of(ScriptedFlaw.HEARTBEAT_OVER_READ,
            ScriptedFlaw.EARLY_CCS_ACCEPTED);

    /** A ClientHello with these extensions (type and body each), one suite. */
    private static ClientHelloSummary hello(byte[]... extensions) {
        ByteArrayOutputStream exts = new ByteArrayOutputStream();
        Arrays.stream(extensions).forEach(exts::writeBytes);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {3, 3});
        body.writeBytes(new byte[32]);
        body.writeBytes(new byte[] {0, 0, 2, 0, (byte) AES128_SHA, 1, 0, 0, (byte) exts.size()});
        body.writeBytes(exts.toByteArray());
        byte[] message = ServerHelloWriter.handshake(1, body.toByteArray());
        return ClientHelloReader.read(ServerHelloWriter.records(0x0301, message)).orElseThrow();
    }

    /** The extensions block of a ServerHello message, after checking its lengths add up. */
    private static byte[] extensions(byte[] message) {
        assertEquals(message.length - 4, (message[1] & 0xFF) << 16 | (message[2] & 0xFF) << 8 | (message[3] & 0xFF));
        int at = 4 + 2 + 32 + 1 + message[4 + 2 + 32] + 2 + 1;
        if (at == message.length) {
            return new byte[0];
        }
        assertEquals(message.length - at - 2, (message[at] & 0xFF) << 8 | (message[at + 1] & 0xFF));
        return Arrays.copyOfRange(message, at + 2, message.length);
    }

    @Test
    void theHeartbeatExtensionIsEchoedOnlyWhenOfferedAndOnlyByTheFlawedServer() {
        ClientHelloSummary offers = hello(HEARTBEAT_EXTENSION);
        byte[] plain = ServerHelloWriter.message(offers, 0x0303, AES128_SHA);
        assertArrayEquals(HEARTBEAT_EXTENSION, extensions(FlawScript.serverHello(BOTH, offers, plain)));
        ClientHelloSummary both = hello(RENEGOTIATION_INFO, HEARTBEAT_EXTENSION);
        byte[] withRenegotiation = ServerHelloWriter.message(both, 0x0303, AES128_SHA);
        byte[] expected = new byte[] {(byte) 0xff, 0x01, 0x00, 0x01, 0x00, 0x00, 0x0f, 0x00, 0x01, 0x01};
        assertArrayEquals(expected, extensions(FlawScript.serverHello(BOTH, both, withRenegotiation)));
        assertSame(plain, FlawScript.serverHello(Set.of(ScriptedFlaw.EARLY_CCS_ACCEPTED), offers, plain));
        byte[] notOffered = ServerHelloWriter.message(hello(), 0x0303, AES128_SHA);
        assertSame(notOffered, FlawScript.serverHello(BOTH, hello(), notOffered));
    }

    @Test
    void anOverlongHeartbeatRequestIsAnsweredWithTheLengthItClaims() {
        FlawScript.Reply reply = new FlawScript(BOTH).afterFlight(OVERLONG);
        assertFalse(reply.close());
        byte[] out = reply.bytes();
        int first = 1 << 14;
        int total = 3 + 0x4000 + FlawScript.PADDING;
        assertEquals(5 + first + 5 + (total - first), out.length, "two records: 2^14 bytes and the rest");
        assertArrayEquals(new byte[] {24, 3, 3, 0x40, 0, 2, 0x40, 0}, Arrays.copyOf(out, 8));
        assertArrayEquals(Arrays.copyOf(FlawScript.MEMORY, 20), Arrays.copyOfRange(out, 8, 28));
        assertArrayEquals(new byte[] {24, 3, 3, 0, (byte) (total - first)}, Arrays.copyOfRange(out, 5 + first,
                5 + first + 5));
    }

    @Test
    void aHeartbeatRequestThatHoldsItsPayloadGetsItBackAndNothingMore() {
        byte[] request = new byte[5 + 3 + 2 + 16];
        System.arraycopy(new byte[] {24, 3, 3, 0, 21, 1, 0, 2, 'h', 'i'}, 0, request, 0, 10);
        byte[] out = new FlawScript(BOTH).afterFlight(request).bytes();
        byte[] expected = new byte[5 + 3 + 2 + 16];
        System.arraycopy(new byte[] {24, 3, 3, 0, 21, 2, 0, 2, 'h', 'i'}, 0, expected, 0, 10);
        assertArrayEquals(expected, out);
    }

    @Test
    void anEarlyChangeCipherSpecIsTakenAndTheNextRecordFailsToDecrypt() {
        FlawScript script = new FlawScript(Set.of(ScriptedFlaw.EARLY_CCS_ACCEPTED));
        FlawScript.Reply first = script.afterFlight(CCS);
        assertEquals(0, first.bytes().length);
        assertFalse(first.close());
        FlawScript.Reply second = script.afterFlight(CCS);
        assertArrayEquals(new byte[] {0x15, 3, 3, 0, 2, 2, 20}, second.bytes());
        assertTrue(second.close());
        assertArrayEquals(new byte[] {0x15, 3, 3, 0, 2, 2, 20}, script.afterFlight(OVERLONG).bytes(),
                "once the CCS is taken even a heartbeat fails to decrypt");
    }

    @Test
    void withoutTheFlawTheSameRecordsAreIgnored() {
        FlawScript heartbeatOnly = new FlawScript(Set.of(ScriptedFlaw.HEARTBEAT_OVER_READ));
        assertEquals(0, heartbeatOnly.afterFlight(CCS).bytes().length);
        assertEquals(0, heartbeatOnly.afterFlight(CCS).bytes().length, "no CCS was taken, so nothing fails");
        FlawScript ccsOnly = new FlawScript(Set.of(ScriptedFlaw.EARLY_CCS_ACCEPTED));
        assertEquals(0, ccsOnly.afterFlight(OVERLONG).bytes().length);
        assertEquals(0, new FlawScript(Set.of()).afterFlight(new byte[] {24, 3}).bytes().length);
    }

    @Test
    void theQuirksCarryTheFlawsAndTheSpecSaysSo() {
        ScriptedTargetSpec spec = ScriptedTargetSpec.offVersion("f").withFlaws(ScriptedFlaw.HEARTBEAT_OVER_READ)
                .withFlaws(ScriptedFlaw.EARLY_CCS_ACCEPTED);
        assertEquals(BOTH, spec.quirks().flaws());
        assertTrue(spec.quirks().any());
        assertTrue(spec.quirks().summary().endsWith("flaws [HEARTBEAT_OVER_READ, EARLY_CCS_ACCEPTED]"),
                spec.quirks().summary());
        assertEquals(ScriptedQuirks.NONE, ScriptedQuirks.NONE.withOffVersionSuites(List.of()));
        assertEquals(Set.of(), ScriptedQuirks.NONE.withMaxHelloBytes(600).flaws());
    }
}
