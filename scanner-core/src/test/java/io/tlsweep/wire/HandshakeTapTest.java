package io.tlsweep.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the tap reads from what a real TLS 1.2 server said in clear (OpenSSL s_server: first flight, NewSessionTicket,
 * ChangeCipherSpec), fed whole, in pieces, byte by byte, truncated and mutated.
 */
class HandshakeTapTest {
    private static final byte[] FLIGHT = Vectors.load("realstack/openssl-tls12-ticket.server.hex");
    private static final long HINT = 7200;
    private static final int TICKET_LENGTH = 176;

    private static HandshakeTap.Seen feed(byte[] bytes, int piece) {
        HandshakeTap tap = new HandshakeTap(64 * 1024);
        for (int at = 0; at < bytes.length; at += piece) {
            tap.received(bytes, at, Math.min(piece, bytes.length - at));
        }
        return tap.seen();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 50, 1000, 100_000})
    void readsTheSessionIdAndTheTicketInAnyPieces(int piece) {
        HandshakeTap.Seen seen = feed(FLIGHT, piece);
        assertThat(seen.sessionId()).as("OpenSSL sends an empty session id with a ticket").hasValueSatisfying(
                id -> assertThat(id).isEmpty());
        assertThat(seen.ticket()).hasValueSatisfying(t -> {
            assertThat(t.lifetimeHintSeconds()).isEqualTo(HINT);
            assertThat(t.length()).isEqualTo(TICKET_LENGTH);
        });
        assertThat(seen.extendedMasterSecret()).as("s_client offered it, s_server agreed").isTrue();
    }

    @Test
    void aServerHelloWithoutTheExtendedMasterSecretSaysSo() {
        byte[] mutated = FLIGHT.clone();
        int type = 5 + 4 + 2 + 32 + 1 + 2 + 1 + 2 + 5 + 8 + 4; // the last extension's type, after ff01, 000b, 0023
        assertThat(mutated[type + 1]).isEqualTo((byte) 0x17);
        mutated[type + 1] = 0x16; // encrypt_then_mac instead
        assertThat(feed(mutated, 9).extendedMasterSecret()).isFalse();
        assertThat(feed(mutated, 9).ticket()).isPresent();
    }

    @Test
    void stopsAtTheChangeCipherSpec() {
        HandshakeTap tap = new HandshakeTap(64 * 1024);
        tap.received(FLIGHT, 0, FLIGHT.length);
        assertThat(tap.stopped()).isTrue();
        byte[] encryptedTicketLike = Arrays.copyOfRange(FLIGHT, ticketRecordStart(), FLIGHT.length - 6);
        encryptedTicketLike[9] = 0x7F; // another hint: read after the CCS it would change the facts
        tap.received(encryptedTicketLike, 0, encryptedTicketLike.length);
        assertThat(tap.seen().ticket().orElseThrow().lifetimeHintSeconds()).isEqualTo(HINT);
    }

    @Test
    void truncatedBeforeTheTicketHasOnlyTheSessionId() {
        for (int cut = ticketRecordStart(); cut < FLIGHT.length - 6; cut += 7) {
            HandshakeTap.Seen seen = feed(Arrays.copyOf(FLIGHT, cut), 13);
            assertThat(seen.sessionId()).as("cut at " + cut).isPresent();
            assertThat(seen.ticket()).as("cut at " + cut).isEmpty();
        }
    }

    @Test
    void truncatedInsideTheServerHelloHasNothing() {
        for (int cut = 0; cut < 5 + 0x41; cut++) { // the ServerHello record: 5 + 65 bytes
            HandshakeTap.Seen seen = feed(Arrays.copyOf(FLIGHT, cut), 3);
            assertThat(seen.sessionId()).as("cut at " + cut).isEmpty();
            assertThat(seen.ticket()).isEmpty();
        }
    }

    @Test
    void aSessionIdIsReadWhenThereIsOne() {
        byte[] withId = serverHelloWithSessionId(32);
        HandshakeTap.Seen seen = feed(withId, 7);
        assertThat(seen.sessionId()).hasValueSatisfying(id -> assertThat(id).hasSize(32).startsWith((byte) 0xA0));
        assertThat(seen.ticket()).isEmpty();
    }

    @Test
    void aTicketWhoseLengthOverrunsItsMessageIsNotATicket() {
        byte[] mutated = FLIGHT.clone();
        int ticketLength = ticketRecordStart() + 5 + 4 + 4;
        mutated[ticketLength] = (byte) 0xFF; // claims more bytes than the message holds
        assertThat(feed(mutated, 50).ticket()).isEmpty();
        assertThat(feed(mutated, 50).sessionId()).isPresent();
    }

    @Test
    void bytesThatAreNotRecordsStopTheTapWithoutAnError() {
        byte[] garbage = "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        HandshakeTap tap = new HandshakeTap(64 * 1024);
        tap.received(garbage, 0, garbage.length);
        assertThat(tap.stopped()).isTrue();
        assertThat(tap.seen().sessionId()).isEmpty();
    }

    @Test
    void everySingleByteMutationNeitherThrowsNorInventsAnotherHint() {
        for (int i = 0; i < FLIGHT.length; i++) {
            byte[] mutated = FLIGHT.clone();
            mutated[i] ^= 0x5A;
            HandshakeTap.Seen seen = feed(mutated, 64);
            int hintAt = ticketRecordStart() + 5 + 4;
            if (i < hintAt || i >= hintAt + 4) {
                seen.ticket().ifPresent(t -> assertThat(t.lifetimeHintSeconds()).isEqualTo(HINT));
            }
        }
    }

    @Test
    void stopsPastItsByteBound() {
        HandshakeTap tap = new HandshakeTap(100);
        tap.received(FLIGHT, 0, FLIGHT.length);
        assertThat(tap.stopped()).isTrue();
        assertThat(tap.seen().ticket()).isEmpty();
    }

    /** Where the NewSessionTicket's record starts: after the first flight's records. */
    private static int ticketRecordStart() {
        int at = 0;
        while (!(FLIGHT[at] == 0x16 && FLIGHT[at + 5] == NewSessionTicket.TYPE)) {
            at += 5 + ((FLIGHT[at + 3] & 0xFF) << 8 | (FLIGHT[at + 4] & 0xFF));
        }
        return at;
    }

    /** The vector's ServerHello record with a session id of {@code n} bytes 0xA0, 0xA1... in place of the empty one. */
    private static byte[] serverHelloWithSessionId(int n) {
        int bodyLength = (FLIGHT[6] & 0xFF) << 16 | (FLIGHT[7] & 0xFF) << 8 | (FLIGHT[8] & 0xFF);
        byte[] body = Arrays.copyOfRange(FLIGHT, 9, 9 + bodyLength);
        byte[] out = new byte[5 + 4 + bodyLength + n];
        int newBody = bodyLength + n;
        out[0] = 0x16;
        out[1] = 3;
        out[2] = 3;
        out[3] = (byte) ((newBody + 4) >> 8);
        out[4] = (byte) (newBody + 4);
        out[5] = 2;
        out[7] = (byte) (newBody >> 8);
        out[8] = (byte) newBody;
        System.arraycopy(body, 0, out, 9, 34);
        out[9 + 34] = (byte) n;
        for (int i = 0; i < n; i++) {
            out[9 + 35 + i] = (byte) (0xA0 + i);
        }
        System.arraycopy(body, 35, out, 9 + 35 + n, bodyLength - 35);
        return out;
    }
}
