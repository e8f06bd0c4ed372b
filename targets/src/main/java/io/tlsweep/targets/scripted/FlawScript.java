package io.tlsweep.targets.scripted;

import io.tlsweep.targets.ScriptedFlaw;
import io.tlsweep.targets.hostile.ClientHelloSummary;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * What a scripted server with {@link ScriptedFlaw flaws} says to the records after its first flight, on one
 * connection (it remembers a ChangeCipherSpec it took). Pure: whole records in, the bytes to send out. Records no
 * flaw takes are ignored, as the plain scripted server ignores everything after its flight.
 */
public final class FlawScript {
    /** The bytes a heartbeat over-read returns past the request: the script's stand-in for the server's memory. */
    public static final byte[] MEMORY = "scripted server memory, never to be kept by a client: "
            .getBytes(StandardCharsets.US_ASCII);
    /** RFC 6520's least padding. */
    public static final int PADDING = 16;
    private static final int HEARTBEAT_EXTENSION = 15;
    private static final int PEER_ALLOWED_TO_SEND = 1;
    private static final int CHANGE_CIPHER_SPEC = 20;
    private static final int HEARTBEAT = 24;
    private static final int REQUEST = 1;
    private static final int RESPONSE = 2;
    private static final int HANDSHAKE = 22;
    private static final int BAD_RECORD_MAC = 20;
    private static final int HANDSHAKE_FAILURE = 40;
    private static final int MAX_FRAGMENT = 1 << 14;

    /** The bytes to send, and whether the server closes after them. */
    public record Reply(byte[] bytes, boolean close) {
        static final Reply NOTHING = new Reply(new byte[0], false);
    }

    private final Set<ScriptedFlaw> flaws;
    private final Optional<PaddingOracle> oracle;
    private boolean ccsTaken;
    private boolean keyExchangeTaken;

    /** A script of flaws that need no key of the server's (without one the padding oracle takes nothing). */
    public FlawScript(Set<ScriptedFlaw> flaws) {
        this(flaws, Optional.empty());
    }

    /** @param oracle the padding oracle of the server's key, for {@link ScriptedFlaw#RSA_PADDING_ORACLE} */
    public FlawScript(Set<ScriptedFlaw> flaws, Optional<PaddingOracle> oracle) {
        this.flaws = Set.copyOf(flaws);
        this.oracle = oracle;
    }

    /**
     * {@code message}, a ServerHello handshake message, with the heartbeat extension (peer_allowed_to_send) added
     * when the server over-reads heartbeats and the client offered the extension; else as it is.
     */
    public static byte[] serverHello(Set<ScriptedFlaw> flaws, ClientHelloSummary hello, byte[] message) {
        if (!flaws.contains(ScriptedFlaw.HEARTBEAT_OVER_READ)
                || !hello.extensionTypes().contains(HEARTBEAT_EXTENSION)) {
            return message;
        }
        byte[] extension = {0, HEARTBEAT_EXTENSION, 0, 1, PEER_ALLOWED_TO_SEND};
        int extensionsAt = 4 + 2 + 32 + 1 + (message[4 + 2 + 32] & 0xFF) + 2 + 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(message, 0, extensionsAt);
        int existing = message.length > extensionsAt ? u16(message, extensionsAt) : 0;
        int length = existing + extension.length;
        out.write(length >> 8);
        out.write(length);
        if (existing > 0) {
            out.write(message, extensionsAt + 2, existing);
        }
        out.writeBytes(extension);
        byte[] grown = out.toByteArray();
        int body = grown.length - 4;
        grown[1] = (byte) (body >> 16);
        grown[2] = (byte) (body >> 8);
        grown[3] = (byte) body;
        return grown;
    }

    /** The answer to one whole record (header included) after the first flight. */
    public Reply afterFlight(byte[] record) {
        if (record.length < 5) {
            return Reply.NOTHING;
        }
        int type = record[0] & 0xFF;
        if (flaws.contains(ScriptedFlaw.RSA_PADDING_ORACLE) && oracle.isPresent()
                && (type == HANDSHAKE || keyExchangeTaken)) {
            return oracle(type, record);
        }
        if (ccsTaken) {
            return new Reply(new byte[] {0x15, record[1], record[2], 0, 2, 2, BAD_RECORD_MAC}, true);
        }
        if (type == CHANGE_CIPHER_SPEC && flaws.contains(ScriptedFlaw.EARLY_CCS_ACCEPTED)) {
            ccsTaken = true;
            return Reply.NOTHING;
        }
        if (type == HEARTBEAT && flaws.contains(ScriptedFlaw.HEARTBEAT_OVER_READ) && record.length >= 5 + 3
                && (record[5] & 0xFF) == REQUEST) {
            return new Reply(heartbeatResponse(record), false);
        }
        return Reply.NOTHING;
    }

    /**
     * The padding oracle: a well-formed ClientKeyExchange is taken, the ChangeCipherSpec after it too, and the next
     * handshake record (the Finished) fails to decrypt; a malformed one is refused at once.
     */
    private Reply oracle(int type, byte[] record) {
        if (!keyExchangeTaken && type == HANDSHAKE) {
            byte[] fragment = java.util.Arrays.copyOfRange(record, 5, record.length);
            if (!oracle.get().wellFormed(fragment)) {
                return alert(record, HANDSHAKE_FAILURE);
            }
            keyExchangeTaken = true;
            return Reply.NOTHING;
        }
        if (keyExchangeTaken && type == CHANGE_CIPHER_SPEC && !ccsTaken) {
            ccsTaken = true;
            return Reply.NOTHING;
        }
        return ccsTaken ? alert(record, BAD_RECORD_MAC) : Reply.NOTHING;
    }

    private static Reply alert(byte[] record, int description) {
        return new Reply(new byte[] {0x15, record[1], record[2], 0, 2, 2, (byte) description}, true);
    }

    /**
     * The response of the payload_length the request claims: the payload that came, {@link #MEMORY} (repeated)
     * for what did not, then the padding; RFC 6520's answer when the request is long enough for its claim.
     */
    private static byte[] heartbeatResponse(byte[] record) {
        int claimed = u16(record, 6);
        int came = record.length - 5 - 3;
        byte[] message = new byte[3 + claimed + PADDING];
        message[0] = RESPONSE;
        message[1] = (byte) (claimed >> 8);
        message[2] = (byte) claimed;
        int echoed = Math.min(came, claimed);
        System.arraycopy(record, 8, message, 3, echoed);
        for (int i = echoed; i < claimed; i++) {
            message[3 + i] = MEMORY[(i - echoed) % MEMORY.length];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < message.length; at += MAX_FRAGMENT) {
            int len = Math.min(MAX_FRAGMENT, message.length - at);
            out.writeBytes(new byte[] {HEARTBEAT, record[1], record[2], (byte) (len >> 8), (byte) len});
            out.write(message, at, len);
        }
        return out.toByteArray();
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }
}
