package io.tlsweep.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.prelude.AskedPrelude;
import io.tlsweep.prelude.LinePrelude;
import io.tlsweep.prelude.tds.TdsFraming;
import io.tlsweep.probe.FollowUp;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.FollowUpAnswer;
import io.tlsweep.result.Timings;
import io.tlsweep.wire.ClientHelloEncoder;
import io.tlsweep.wire.HelloRetryRequest;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.ServerResponse;
import io.tlsweep.wire.TlsRecord;
import io.tlsweep.wire.Vectors;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The conversation of one step without a connection: byte vectors in (a toy line prelude, captured server
 * flights), bytes to write and the outcome out, fed whole, in 50-byte pieces and byte by byte.
 */
class ConversationTest {
    private static final byte[] HELLO = ClientHelloEncoder.encode(ScriptedPlan.tls12Hello());
    private static final byte[] TLS12_FLIGHT = Vectors.load("tls12-ecdhe-rsa.server.hex");
    private static final byte[] TLS13_FLIGHT = Vectors.load("tls13-aes128.server.hex");
    private static final byte[] BANNER = ascii("220 mail.example ESMTP\r\n");
    private static final byte[] READY = ascii("220 2.0.0 ready\r\n");
    /** A heartbeat request record (payload "hi", 16 bytes of padding) and a response to it. */
    private static final byte[] HEARTBEAT = record(24, bytes(1, 0, 2, 'h', 'i', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0));
    private static final byte[] HEARTBEAT_RESPONSE = record(24, bytes(2, 0, 2, 'h', 'i', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0));
    private static final byte[] FATAL_UNEXPECTED = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x0a};

    /** How the server's bytes are cut into reads. */
    enum Split { WHOLE, PIECES_OF_50, BYTE_BY_BYTE }

    private static Conversation conversation(ProbeStep step) {
        return new Conversation(step, HELLO, 64 * 1024, 5000, 5000, () -> "127.0.0.1:443");
    }

    private static ProbeStep direct() {
        return new ProbeStep(1, "test", ScriptedPlan.tls12Hello());
    }

    private static ProbeStep line(boolean framed) {
        return direct().withPrelude(new LinePrelude(framed));
    }

    /** Feeds {@code bytes} split as told; collects what is written; stops when over. */
    private static Conversation.Next feed(Conversation c, byte[] bytes, Split split, ByteArrayOutputStream written) {
        int size = switch (split) {
            case WHOLE -> Math.max(1, bytes.length);
            case PIECES_OF_50 -> 50;
            case BYTE_BY_BYTE -> 1;
        };
        Conversation.Next next = Conversation.Next.READ_ON;
        for (int at = 0; at < bytes.length && !next.over(); at += size) {
            next = c.received(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + size)));
            written.writeBytes(next.write());
        }
        return next;
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void aDirectStepWritesTheHelloAtOnceAndEndsOnTheDecodedReply(Split split) {
        Conversation c = conversation(direct());
        Conversation.Next first = c.connected();
        assertThat(first.write()).isEqualTo(HELLO);
        assertThat(first.freshDeadline()).isTrue();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        assertThat(feed(c, TLS12_FLIGHT, split, written).over()).isTrue();
        assertThat(written.size()).isZero();
        ConnectionOutcome.Replied r = (ConnectionOutcome.Replied) c.outcome(Timings.NONE);
        assertThat(r.response()).isInstanceOf(ServerHello.class);
        assertThat(r.prelude()).isEmpty();
        assertThat(r.followUps()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void theLinePreludeRunsBeforeTheHelloAndItsFactsComeWithTheReply(Split split) {
        Conversation c = conversation(line(false));
        Conversation.Next first = c.connected();
        assertThat(first.write()).isEmpty();
        assertThat(first.freshDeadline()).as("the banner is awaited from the connect on").isTrue();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        feed(c, BANNER, split, written);
        assertThat(written.toByteArray()).isEqualTo(LinePrelude.STARTTLS);
        written.reset();
        feed(c, READY, split, written);
        assertThat(written.toByteArray()).isEqualTo(HELLO);
        assertThat(c.tlsBytesReceived()).isFalse();
        assertThat(feed(c, TLS12_FLIGHT, split, new ByteArrayOutputStream()).over()).isTrue();
        ConnectionOutcome.Replied r = (ConnectionOutcome.Replied) c.outcome(Timings.NONE);
        assertThat(r.response()).isInstanceOf(ServerHello.class);
        assertThat(r.prelude()).contains(new LinePrelude.LineFacts("mail.example ESMTP",
                Optional.of("220 2.0.0 ready")));
    }

    @Test
    void bannerAndAnswerInOneReadAreBothHandled() {
        Conversation c = conversation(line(false));
        c.connected();
        Conversation.Next next = c.received(concat(BANNER, READY));
        assertThat(next.write()).isEqualTo(concat(LinePrelude.STARTTLS, HELLO));
        assertThat(next.freshDeadline()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void aFramedPreludeWrapsTheHelloAndUnwrapsTheReply(Split split) {
        Conversation c = conversation(line(true));
        c.connected();
        c.received(BANNER);
        byte[] hello = c.received(READY).write();
        assertThat(hello).isEqualTo(new TdsFraming().wrap(HELLO));
        assertThat(hello[0]).isEqualTo((byte) 0x12);
        TdsFraming server = new TdsFraming();
        ByteArrayOutputStream packets = new ByteArrayOutputStream();
        for (int at = 0; at < TLS12_FLIGHT.length; at += 700) { // packets that cut records anywhere
            packets.writeBytes(server.wrap(Arrays.copyOfRange(TLS12_FLIGHT, at, Math.min(TLS12_FLIGHT.length,
                    at + 700))));
        }
        byte[] framed = packets.toByteArray();
        assertThat(feed(c, framed, split, new ByteArrayOutputStream()).over()).isTrue();
        ConnectionOutcome.Replied r = (ConnectionOutcome.Replied) c.outcome(Timings.NONE);
        assertThat(r.response()).isInstanceOf(ServerHello.class);
        assertThat(((ServerHello) r.response()).flight().certificates()).isNotEmpty();
    }

    @Test
    void bytesThatBreakTheFramingAreAMalformedReply() {
        Conversation c = conversation(line(true));
        c.connected();
        c.received(BANNER);
        c.received(READY);
        assertThat(c.received(TLS12_FLIGHT).over()).isTrue();
        ServerResponse r = ((ConnectionOutcome.Replied) c.outcome(Timings.NONE)).response();
        assertThat(r).isInstanceOf(ServerResponse.Malformed.class);
        assertThat(r.toString()).contains("TDS framing broke: a TDS packet of type 0x16");
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void aQuestionEndsWhereTlsMayStartWithoutTheHelloAndARefusalIsItsAnswer(Split split) {
        Conversation c = conversation(direct().withPrelude(new AskedPrelude(new LinePrelude(false))));
        c.connected();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        feed(c, BANNER, split, written);
        assertThat(written.toByteArray()).isEqualTo(LinePrelude.STARTTLS);
        written.reset();
        Conversation.Next last = feed(c, READY, split, written);
        assertThat(last.over()).isTrue();
        assertThat(written.toByteArray()).as("no hello after a question").isEmpty();
        ConnectionOutcome.PreludeAnswered a = (ConnectionOutcome.PreludeAnswered) c.outcome(Timings.NONE);
        assertThat(a.prelude()).contains(new LinePrelude.LineFacts("mail.example ESMTP",
                Optional.of("220 2.0.0 ready")));
        c.closed();
        assertThat(c.outcome(Timings.NONE)).as("the close that follows changes nothing").isEqualTo(a);

        Conversation refused = conversation(direct().withPrelude(new AskedPrelude(new LinePrelude(false))));
        refused.connected();
        refused.received(BANNER);
        assertThat(refused.received(ascii("454 4.7.0 TLS not available\r\n")).over()).isTrue();
        assertThat(((ConnectionOutcome.NoReply) refused.outcome(Timings.NONE)).failure().kind())
                .isEqualTo(FailureKind.PRELUDE_TLS_REFUSED);
    }

    @Test
    void aRefusalIsAPreludeFailureWithTheBanner() {
        Conversation c = conversation(line(false));
        c.connected();
        c.received(BANNER);
        Conversation.Next next = c.received(ascii("454 4.7.0 TLS not available\r\n"));
        assertThat(next.over()).isTrue();
        assertThat(next.write()).isEmpty();
        ConnectionOutcome.NoReply n = (ConnectionOutcome.NoReply) c.outcome(Timings.NONE);
        assertThat(n.failure().kind()).isEqualTo(FailureKind.PRELUDE_TLS_REFUSED);
        assertThat(n.failure().detail()).isEqualTo("STARTTLS answered '454 4.7.0 TLS not available'");
        assertThat(n.prelude()).contains(new LinePrelude.LineFacts("mail.example ESMTP",
                Optional.of("454 4.7.0 TLS not available")));
    }

    @Test
    void anotherProtocolsBannerIsUnexpected() {
        Conversation c = conversation(line(false));
        c.connected();
        assertThat(c.received(ascii("SSH-2.0-OpenSSH_9.2\r\n")).over()).isTrue();
        ConnectionOutcome.NoReply n = (ConnectionOutcome.NoReply) c.outcome(Timings.NONE);
        assertThat(n.failure().kind()).isEqualTo(FailureKind.PRELUDE_UNEXPECTED);
        assertThat(n.prelude()).isEmpty();
    }

    @Test
    void anEndlessBannerEndsAtTheCodecsLimitAndAnEndlessPreludeAtTheEnginesLimit() {
        Conversation c = conversation(line(false));
        c.connected();
        byte[] noNewline = new byte[1000];
        Arrays.fill(noNewline, (byte) 'x');
        assertThat(feed(c, noNewline, Split.PIECES_OF_50, new ByteArrayOutputStream()).over()).isTrue();
        assertThat(((ConnectionOutcome.NoReply) c.outcome(Timings.NONE)).failure().detail())
                .isEqualTo("a line of more than 512 bytes");

        Conversation chatty = new Conversation(line(false), HELLO, 4096, 5000, 5000, () -> "127.0.0.1:25");
        chatty.connected();
        chatty.received(BANNER);
        byte[] lines = ascii("250-more\r\n".repeat(500));
        Conversation.Next next = feed(chatty, lines, Split.PIECES_OF_50, new ByteArrayOutputStream());
        assertThat(next.over()).isTrue();
        ConnectionOutcome.NoReply n = (ConnectionOutcome.NoReply) chatty.outcome(Timings.NONE);
        assertThat(n.failure().kind()).isEqualTo(FailureKind.PRELUDE_UNEXPECTED);
    }

    @Test
    void aConnectionEndingInThePreludeNamesItAndKeepsWhatWasLearned() {
        Conversation closed = conversation(line(false));
        closed.connected();
        closed.received(BANNER);
        closed.closed();
        ConnectionOutcome.NoReply n = (ConnectionOutcome.NoReply) closed.outcome(Timings.NONE);
        assertThat(n.failure().kind()).isEqualTo(FailureKind.CLOSED_BEFORE_REPLY);
        assertThat(n.failure().detail()).isEqualTo("connection closed by 127.0.0.1:443 during the line prelude");
        assertThat(n.prelude()).contains(new LinePrelude.LineFacts("mail.example ESMTP", Optional.empty()));

        Conversation silent = conversation(line(false));
        silent.connected();
        silent.deadline();
        ConnectionOutcome.NoReply s = (ConnectionOutcome.NoReply) silent.outcome(Timings.NONE);
        assertThat(s.failure().kind()).isEqualTo(FailureKind.PRELUDE_TIMEOUT);
        assertThat(s.failure().detail()).isEqualTo("no answer in the line prelude within 5000 ms");
        assertThat(s.prelude()).isEmpty();

        Conversation greetedThenSilent = conversation(line(false));
        greetedThenSilent.connected();
        greetedThenSilent.received(BANNER);
        greetedThenSilent.deadline();
        ConnectionOutcome.NoReply g = (ConnectionOutcome.NoReply) greetedThenSilent.outcome(Timings.NONE);
        assertThat(g.failure().kind()).isEqualTo(FailureKind.PRELUDE_TIMEOUT);
        assertThat(g.prelude()).contains(new LinePrelude.LineFacts("mail.example ESMTP", Optional.empty()));
        assertThat(g.failure().kind().endsTarget()).isTrue();
    }

    @Test
    void aDirectStepEndsAsBeforeOnCloseResetAndDeadline() {
        Conversation closed = conversation(direct());
        closed.connected();
        closed.closed();
        assertThat(((ConnectionOutcome.NoReply) closed.outcome(Timings.NONE)).failure().detail())
                .isEqualTo("connection closed by 127.0.0.1:443 before any reply");
        Conversation reset = conversation(direct());
        reset.connected();
        reset.reset("Connection reset by peer");
        assertThat(((ConnectionOutcome.NoReply) reset.outcome(Timings.NONE)).failure().detail())
                .isEqualTo("connection reset by 127.0.0.1:443 before any reply (Connection reset by peer)");
        Conversation partial = conversation(direct());
        partial.connected();
        partial.received(Arrays.copyOf(TLS12_FLIGHT, 30));
        partial.deadline();
        assertThat(((ConnectionOutcome.NoReply) partial.outcome(Timings.NONE)).failure().detail())
                .startsWith("answer incomplete after 5000 ms: 30 byte(s) received");
        Conversation cut = conversation(direct());
        cut.connected();
        cut.received(Arrays.copyOf(TLS12_FLIGHT, 200));
        cut.closed();
        assertThat(((ConnectionOutcome.Replied) cut.outcome(Timings.NONE)).response()).isInstanceOf(ServerHello.class);
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void aFollowUpGoesOutAfterTheReplyAndItsAnswerComesBack(Split split) {
        Conversation c = conversation(line(false).withFollowUps(FollowUp.afterServerHello(HEARTBEAT)));
        c.connected();
        c.received(BANNER);
        c.received(READY);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        Conversation.Next next = feed(c, TLS12_FLIGHT, split, written);
        assertThat(next.over()).isFalse();
        assertThat(written.toByteArray()).isEqualTo(HEARTBEAT);
        assertThat(feed(c, HEARTBEAT_RESPONSE, split, new ByteArrayOutputStream()).over()).isTrue();
        ConnectionOutcome.Replied r = (ConnectionOutcome.Replied) c.outcome(Timings.NONE);
        assertThat(r.response()).isInstanceOf(ServerHello.class);
        assertThat(r.followUps()).hasSize(1);
        FollowUpAnswer a = r.followUps().get(0);
        assertThat(a.whole()).isTrue();
        assertThat(a.records()).singleElement().satisfies(rec -> {
            assertThat(rec.contentType()).isEqualTo(TlsRecord.HEARTBEAT);
            assertThat(rec.fragment()[0]).isEqualTo((byte) 2);
        });
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void aFollowUpKeepsOnlyWhatItDecidesOnOfEachRecord(Split split) {
        List<List<TlsRecord>> before = new ArrayList<>();
        FollowUp headerOnly = new FollowUp() {
            @Override
            public Optional<byte[]> records(ServerResponse reply, List<FollowUpAnswer> earlier) {
                return Optional.of(HEARTBEAT);
            }

            @Override
            public TlsRecord kept(TlsRecord record, List<TlsRecord> earlier) {
                before.add(earlier);
                return new TlsRecord(record.contentType(), record.version(), new byte[] {record.fragment()[0]});
            }
        };
        Conversation c = conversation(direct().withFollowUps(headerOnly));
        c.connected();
        feed(c, TLS12_FLIGHT, split, new ByteArrayOutputStream());
        assertThat(feed(c, HEARTBEAT_RESPONSE, split, new ByteArrayOutputStream()).over()).isTrue();
        FollowUpAnswer a = ((ConnectionOutcome.Replied) c.outcome(Timings.NONE)).followUps().get(0);
        assertThat(a.records()).singleElement().satisfies(rec -> {
            assertThat(rec.contentType()).isEqualTo(TlsRecord.HEARTBEAT);
            assertThat(rec.fragment()).containsExactly(2);
        });
        assertThat(before).containsExactly(List.of());
    }

    @Test
    void recordsThatCameWithTheReplyBelongToTheAnswer() {
        // a TLS 1.3 flight: the reply is decided at the ServerHello; the ChangeCipherSpec and encrypted records
        // after it arrive before the follow-up is even written, and are what it finds first
        List<List<TlsRecord>> seen = new ArrayList<>();
        FollowUp countTwo = new FollowUp() {
            @Override
            public Optional<byte[]> records(ServerResponse reply, List<FollowUpAnswer> earlier) {
                return Optional.of(HEARTBEAT);
            }

            @Override
            public boolean answered(List<TlsRecord> received) {
                seen.add(received);
                return received.size() == 2;
            }
        };
        Conversation c = conversation(direct().withFollowUps(countTwo));
        c.connected();
        Conversation.Next next = c.received(TLS13_FLIGHT);
        assertThat(next.over()).isTrue();
        assertThat(next.write()).isEqualTo(HEARTBEAT);
        ConnectionOutcome.Replied r = (ConnectionOutcome.Replied) c.outcome(Timings.NONE);
        assertThat(r.response()).isInstanceOf(ServerHello.class);
        assertThat(r.followUps().get(0).records()).extracting(TlsRecord::contentType)
                .containsExactly(TlsRecord.CHANGE_CIPHER_SPEC, TlsRecord.APPLICATION_DATA);
        assertThat(seen).extracting(List::size).containsExactly(1, 2);
    }

    @Test
    void theSecondFollowUpIsDecidedFromTheFirstsAnswer() {
        FollowUp onlyIfRefused = (reply, earlier) -> earlier.get(0).records().get(0).contentType() == TlsRecord.ALERT
                ? Optional.of(HEARTBEAT) : Optional.empty();
        Conversation c = conversation(direct().withFollowUps(FollowUp.afterServerHello(HEARTBEAT), onlyIfRefused));
        c.connected();
        c.received(TLS12_FLIGHT);
        Conversation.Next second = c.received(FATAL_UNEXPECTED);
        assertThat(second.write()).isEqualTo(HEARTBEAT);
        assertThat(second.freshDeadline()).isTrue();
        assertThat(second.over()).isFalse();
        c.closed();
        ConnectionOutcome.Replied r = (ConnectionOutcome.Replied) c.outcome(Timings.NONE);
        assertThat(r.followUps()).hasSize(2);
        assertThat(r.followUps().get(1).whole()).isFalse();
        assertThat(r.followUps().get(1).ended().orElseThrow().kind()).isEqualTo(FailureKind.CLOSED_BEFORE_REPLY);
        assertThat(r.followUps().get(1).ended().orElseThrow().detail())
                .isEqualTo("connection closed by 127.0.0.1:443 (follow-up #2 of 2)");
    }

    @Test
    void noFollowUpAfterAnAlertAndAnAnswerCutShortKeepsTheReply() {
        Conversation refused = conversation(direct().withFollowUps(FollowUp.afterServerHello(HEARTBEAT)));
        refused.connected();
        Conversation.Next next = refused.received(FATAL_UNEXPECTED);
        assertThat(next.over()).isTrue();
        assertThat(next.write()).isEmpty();
        assertThat(((ConnectionOutcome.Replied) refused.outcome(Timings.NONE)).followUps()).isEmpty();

        Conversation silent = conversation(direct().withFollowUps(FollowUp.afterServerHello(HEARTBEAT)));
        silent.connected();
        silent.received(TLS12_FLIGHT);
        silent.received(Arrays.copyOf(HEARTBEAT_RESPONSE, 4));
        silent.deadline();
        ConnectionOutcome.Replied r = (ConnectionOutcome.Replied) silent.outcome(Timings.NONE);
        assertThat(r.response()).isInstanceOf(ServerHello.class);
        assertThat(r.followUps().get(0).ended().orElseThrow().detail())
                .isEqualTo("no whole answer within 5000 ms (follow-up #1 of 1)");
    }

    @Test
    void bytesThatAreNotRecordsEndTheAnswerAndAFollowUpThatThrowsIsAnInternalError() {
        Conversation garbage = conversation(direct().withFollowUps(FollowUp.afterServerHello(HEARTBEAT)));
        garbage.connected();
        garbage.received(TLS12_FLIGHT);
        assertThat(garbage.received(ascii("HTTP/1.1 400 Bad Request\r\n")).over()).isTrue();
        assertThat(((ConnectionOutcome.Replied) garbage.outcome(Timings.NONE)).followUps().get(0).ended()
                .orElseThrow().kind()).isEqualTo(FailureKind.MALFORMED_REPLY);

        Function<String, FollowUp> throwing = m -> (reply, earlier) -> {
            throw new IllegalStateException(m);
        };
        Conversation buggy = conversation(direct().withFollowUps(throwing.apply("a bug")));
        buggy.connected();
        assertThat(buggy.received(TLS12_FLIGHT).over()).isTrue();
        FollowUpAnswer a = ((ConnectionOutcome.Replied) buggy.outcome(Timings.NONE)).followUps().get(0);
        assertThat(a.ended().orElseThrow().kind()).isEqualTo(FailureKind.INTERNAL_ERROR);
        assertThat(a.ended().orElseThrow().detail()).contains("a bug");
    }

    @Test
    void aHelloRetryRequestIsAReplyLikeAnyOther() {
        Conversation c = conversation(direct());
        c.connected();
        assertThat(c.received(Vectors.load("tls13-hrr.server.hex")).over()).isTrue();
        assertThat(((ConnectionOutcome.Replied) c.outcome(Timings.NONE)).response())
                .isInstanceOf(HelloRetryRequest.class);
    }

    @Test
    void abortEndsAnyPhaseAsUnanswered() {
        Conversation c = conversation(line(false));
        c.connected();
        c.received(BANNER);
        c.abort("target ended: BUDGET_EXCEEDED");
        ConnectionOutcome.NoReply n = (ConnectionOutcome.NoReply) c.outcome(Timings.NONE);
        assertThat(n.failure().detail()).isEqualTo("closed unanswered: target ended: BUDGET_EXCEEDED");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    private static byte[] record(int type, byte[] fragment) {
        return concat(bytes(type, 3, 3, fragment.length >> 8, fragment.length & 0xFF), fragment);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
