package io.tlsweep.targets.scripted;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsweep.targets.ScriptedFlaw;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scripted padding oracle fed ClientKeyExchange records encrypted here with its key: a well-formed block is
 * taken and the Finished after the ChangeCipherSpec fails with bad_record_mac; a malformed one gets handshake_failure
 * at once; a server without the flaw (or without the key) says nothing to the same records.
 */
class PaddingOracleTest {
    private static final byte[] CCS = {20, 3, 3, 0, 1, 1};
    private static final byte[] FINISHED = {22, 3, 3, 0, 4, 1, 2, 3, 4};
    private static final byte[] BAD_RECORD_MAC = {21, 3, 3, 0, 2, 2, 20};
    private static final byte[] HANDSHAKE_FAILURE = {21, 3, 3, 0, 2, 2, 40};
    private static KeyPair keys;

    @BeforeAll
    static void key() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        keys = g.generateKeyPair();
    }

    /** 0x00 0x02, {@code pad} non-zero bytes, then {@code tail}, as long as the modulus. */
    private static byte[] block(int pad, byte[] head, byte[] tail) {
        int k = 128;
        byte[] b = new byte[k];
        System.arraycopy(head, 0, b, 0, 2);
        Arrays.fill(b, 2, 2 + pad, (byte) 0x5C);
        System.arraycopy(tail, 0, b, 2 + pad, tail.length);
        assertEquals(k, 2 + pad + tail.length);
        return b;
    }

    private static byte[] premaster(int separator, int v1, int v2) {
        byte[] t = new byte[49];
        t[0] = (byte) separator;
        t[1] = (byte) v1;
        t[2] = (byte) v2;
        Arrays.fill(t, 3, 49, (byte) 0x77);
        return t;
    }

    /** The ClientKeyExchange record carrying {@code block} encrypted with the public key (raw m^e mod n). */
    private static byte[] keyExchange(byte[] block) {
        RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
        byte[] raw = new BigInteger(1, block).modPow(pub.getPublicExponent(), pub.getModulus()).toByteArray();
        byte[] c = new byte[128];
        int copy = Math.min(raw.length, 128);
        System.arraycopy(raw, raw.length - copy, c, 128 - copy, copy);
        byte[] r = new byte[5 + 4 + 2 + 128];
        byte[] header = {22, 3, 3, 0, (byte) 134, 16, 0, 0, (byte) 130, 0, (byte) 128};
        System.arraycopy(header, 0, r, 0, header.length);
        System.arraycopy(c, 0, r, header.length, 128);
        return r;
    }

    private static FlawScript oracle() {
        return new FlawScript(Set.of(ScriptedFlaw.RSA_PADDING_ORACLE), PaddingOracle.of(keys.getPrivate()));
    }

    @Test
    void aWellFormedBlockIsTakenAndTheGarbageFinishedFails() {
        for (byte[] tail : new byte[][] {premaster(0, 3, 3), premaster(0, 2, 2)}) {
            FlawScript script = oracle();
            assertEquals(0, script.afterFlight(keyExchange(block(77, new byte[] {0, 2}, tail))).bytes().length);
            assertEquals(0, script.afterFlight(CCS).bytes().length);
            FlawScript.Reply failed = script.afterFlight(FINISHED);
            assertArrayEquals(BAD_RECORD_MAC, failed.bytes());
            assertTrue(failed.close());
        }
    }

    @Test
    void aMalformedBlockIsRefusedAtOnce() {
        byte[][] malformed = {
            block(77, new byte[] {0x41, 0x17}, premaster(0, 3, 3)),
            block(77, new byte[] {0, 2}, premaster(0x11, 3, 3)),
            block(4, new byte[] {0, 2}, Arrays.copyOf(premaster(0, 3, 3), 122)),
        };
        malformed[2][2 + 4 + 49] = 0x01; // the rest after a too-short padding: non-zero, the message 121 bytes long
        for (byte[] block : malformed) {
            FlawScript.Reply refused = oracle().afterFlight(keyExchange(block));
            assertArrayEquals(HANDSHAKE_FAILURE, refused.bytes());
            assertTrue(refused.close());
        }
        PaddingOracle o = PaddingOracle.of(keys.getPrivate()).orElseThrow();
        byte[] correct = keyExchange(block(77, new byte[] {0, 2}, premaster(0, 3, 3)));
        assertTrue(o.wellFormed(Arrays.copyOfRange(correct, 5, correct.length)));
        assertFalse(o.wellFormed(Arrays.copyOfRange(correct, 5, correct.length - 1)), "a length that does not add up");
        byte[] other = Arrays.copyOfRange(correct, 5, correct.length);
        other[0] = 15;
        assertFalse(o.wellFormed(other), "not a ClientKeyExchange");
    }

    @Test
    void withoutTheFlawOrTheKeyNothingIsSaid() {
        byte[] correct = keyExchange(block(77, new byte[] {0, 2}, premaster(0, 3, 3)));
        for (FlawScript script : new FlawScript[] {new FlawScript(Set.of(ScriptedFlaw.RSA_PADDING_ORACLE)),
            new FlawScript(Set.of(), PaddingOracle.of(keys.getPrivate()))}) {
            assertEquals(0, script.afterFlight(correct).bytes().length);
            assertEquals(0, script.afterFlight(CCS).bytes().length);
            assertEquals(0, script.afterFlight(FINISHED).bytes().length);
        }
        assertEquals(Optional.empty(), PaddingOracle.of(null));
    }
}
