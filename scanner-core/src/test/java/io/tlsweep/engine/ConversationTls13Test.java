package io.tlsweep.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.probe.FollowUp;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Timings;
import io.tlsweep.wire.EncryptedFlight;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.SignatureScheme;
import io.tlsweep.wire.TlsRecord;
import io.tlsweep.wire.tls13.Rfc8448;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A TLS 1.3 reply is read past the ServerHello to the end of the server's first flight, with the hello's own key
 * share: RFC 8448's Simple 1-RTT trace (its ClientHello sent, its private key given), fed in pieces, cut short by
 * a close, the deadline and the byte cap. A flight cut short is the reply as far as it goes, never a failure.
 */
class ConversationTls13Test {
    private static final byte[] SERVER = Rfc8448.SERVER;

    private static Conversation conversation(ProbeStep step, int maxBytes) {
        return new Conversation(step, Rfc8448.CLIENT_HELLO, maxBytes, 5000, 5000, () -> "127.0.0.1:443",
                Rfc8448.keys());
    }

    private static ProbeStep step() {
        return new ProbeStep(1, "tls13", ScriptedPlan.tls12Hello());
    }

    private static ServerHello reply(Conversation c) {
        ConnectionOutcome.Replied r = (ConnectionOutcome.Replied) c.outcome(Timings.NONE);
        assertThat(r.response()).isInstanceOf(ServerHello.class);
        return (ServerHello) r.response();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 50, 95, 96, 774})
    void theWholeFlightIsReadBeforeTheReplyIsDecided(int piece) {
        Conversation c = conversation(step(), 64 * 1024);
        c.connected();
        Conversation.Next next = Conversation.Next.READ_ON;
        int at = 0;
        for (; at < SERVER.length && !next.over(); at += piece) {
            next = c.received(Arrays.copyOfRange(SERVER, at, Math.min(SERVER.length, at + piece)));
        }
        assertThat(next.over()).isTrue();
        assertThat(at).isGreaterThanOrEqualTo(SERVER.length); // not decided at the ServerHello any more

        ServerHello sh = reply(c);
        EncryptedFlight f = sh.flight().encrypted().orElseThrow();
        assertThat(f.whole()).isTrue();
        assertThat(f.signatureScheme()).contains(SignatureScheme.RSA_PSS_RSAE_SHA256);
        assertThat(f.signature()).isEqualTo(EncryptedFlight.SignatureCheck.VERIFIED);
        assertThat(sh.flight().certificates()).hasSize(1);
    }

    @Test
    void aServerClosingAfterTheServerHelloGivesTheServerHelloWithATruncatedFlight() {
        Conversation c = conversation(step(), 64 * 1024);
        c.connected();
        assertThat(c.received(Arrays.copyOf(SERVER, Rfc8448.SERVER_HELLO_RECORD + 100)).over()).isFalse();
        c.closed();

        ServerHello sh = reply(c);
        EncryptedFlight f = sh.flight().encrypted().orElseThrow();
        assertThat(f.problem()).map(EncryptedFlight.Problem::kind).contains(EncryptedFlight.Kind.TRUNCATED);
        assertThat(sh.flight().certificates()).isEmpty();
    }

    @Test
    void theDeadlineInTheFlightIsNoReadTimeout() {
        Conversation c = conversation(step(), 64 * 1024);
        c.connected();
        c.received(Arrays.copyOf(SERVER, Rfc8448.SERVER_HELLO_RECORD));
        c.deadline();

        assertThat(reply(c).flight().encrypted().orElseThrow().problem()).map(EncryptedFlight.Problem::kind)
                .contains(EncryptedFlight.Kind.TRUNCATED);
    }

    @Test
    void theByteCapEndsTheFlightWhereItIs() {
        Conversation c = conversation(step(), Rfc8448.SERVER_HELLO_RECORD + 200);
        c.connected();
        assertThat(c.received(SERVER).over()).isTrue();

        assertThat(reply(c).flight().encrypted().orElseThrow().problem()).map(EncryptedFlight.Problem::kind)
                .contains(EncryptedFlight.Kind.TRUNCATED);
    }

    @Test
    void followUpsStartAfterTheFlight() {
        byte[] heartbeat = {24, 3, 3, 0, 3, 1, 0, 0};
        Conversation c = conversation(step().withFollowUps(FollowUp.afterServerHello(heartbeat)), 64 * 1024);
        c.connected();
        byte[] alert = {21, 3, 3, 0, 2, 2, 10};
        byte[] both = Arrays.copyOf(SERVER, SERVER.length + alert.length);
        System.arraycopy(alert, 0, both, SERVER.length, alert.length);

        Conversation.Next next = c.received(both);

        assertThat(next.write()).isEqualTo(heartbeat);
        ConnectionOutcome.Replied r = (ConnectionOutcome.Replied) c.outcome(Timings.NONE);
        assertThat(r.followUps()).hasSize(1);
        assertThat(r.followUps().get(0).records()).extracting(TlsRecord::contentType)
                .containsExactly(TlsRecord.ALERT);
    }

    @Test
    void aShareWithoutItsPrivateKeyRepliesAtTheServerHello() {
        Conversation c = new Conversation(step(), Rfc8448.CLIENT_HELLO, 64 * 1024, 5000, 5000, () -> "x",
                (group, value) -> Optional.empty());
        c.connected();
        assertThat(c.received(Arrays.copyOf(SERVER, Rfc8448.SERVER_HELLO_RECORD)).over()).isTrue();

        EncryptedFlight f = reply(c).flight().encrypted().orElseThrow();
        assertThat(f.reached()).isEqualTo(EncryptedFlight.Reached.NOTHING);
        assertThat(f.problem()).map(EncryptedFlight.Problem::kind).contains(EncryptedFlight.Kind.UNREADABLE);
    }
}
