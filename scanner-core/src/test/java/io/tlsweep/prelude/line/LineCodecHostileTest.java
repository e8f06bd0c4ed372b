package io.tlsweep.prelude.line;

import static io.tlsweep.prelude.PreludeFeed.ascii;
import static io.tlsweep.prelude.PreludeFeed.feed;
import static io.tlsweep.prelude.PreludeFeed.vector;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeContext;
import io.tlsweep.prelude.PreludeFeed.Fed;
import io.tlsweep.prelude.PreludeFeed.Split;
import io.tlsweep.prelude.PreludeProtocol;
import io.tlsweep.prelude.PreludeProtocols;
import io.tlsweep.prelude.PreludeRun;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.result.FailureKind;
import io.tlsweep.wire.Vectors;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The five line-based preludes (imap, pop3, ftp, nntp, sieve) against hostile, garbage and truncated servers: every
 * answer is a value (go on, TLS may start, failed), never an exception, and memory stays bounded by the line limit
 * and PreludeRun's byte bound. Taken from the registry, so it also proves they are registered by name and port.
 */
class LineCodecHostileTest {
    private static final PreludeContext CONTEXT = new PreludeContext(Optional.empty(), "tlsweep.invalid");
    /**
     * Each protocol: its port, a greeting that opens it, a line (LINE its content) it reads on after the greeting,
     * a captured exchange of it.
     */
    private static final Map<String, Case> CASES = Map.of(
            "imap", new Case(143, "* OK hi\r\n", "* LINE\r\n", "imap-dovecot-starttls"),
            "pop3", new Case(110, "+OK hi\r\n+OK\r\n", "LINE\r\n", "pop3-dovecot-starttls"),
            "ftp", new Case(21, "220-hi\r\n", "220-LINE\r\n", "ftp-vsftpd-auth-tls"),
            "nntp", new Case(119, "200 hi\r\n101 list\r\n", "LINE\r\n", "nntp-inn-starttls"),
            "sieve", new Case(4190, "", "\"LINE\" \"x\"\r\n", "sieve-dovecot-starttls"));
    private static final List<String> VECTORS = List.of("imap-dovecot-starttls", "imap-dovecot-plaintext",
            "imap-dovecot-no-tls", "pop3-dovecot-starttls", "pop3-dovecot-plaintext", "pop3-dovecot-no-tls",
            "sieve-dovecot-starttls", "sieve-dovecot-plaintext", "sieve-dovecot-no-tls", "ftp-vsftpd-auth-tls",
            "ftp-vsftpd-no-tls", "ftp-vsftpd-too-many", "nntp-inn-starttls", "nntp-inn-no-certificate",
            "nntp-inn-refused");

    /** The bound on a prelude's bytes in these tests, small enough for an endless server to meet it. */
    private static final int RUN_BOUND = 64 * 1024;

    private record Case(int port, String opening, String endlessLine, String goodVector) {
    }

    static Stream<String> protocols() {
        return CASES.keySet().stream().sorted();
    }

    static Stream<Arguments> protocolsAndSplits() {
        return protocols().flatMap(p -> Stream.of(Split.values()).map(s -> Arguments.of(p, s)));
    }

    private static Prelude prelude(String name) {
        return PreludeProtocols.named(name).orElseThrow().prelude(CONTEXT);
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void isRegisteredByNameAndDefaultPort(String name) {
        PreludeProtocol protocol = PreludeProtocols.named(name).orElseThrow();
        assertThat(protocol.defaultPorts()).containsExactly(CASES.get(name).port());
        assertThat(PreludeProtocols.forPort(CASES.get(name).port())).contains(protocol);
        assertThat(protocol.prelude(CONTEXT).protocol()).isEqualTo(name);
        assertThat(protocol.prelude(CONTEXT)).isEqualTo(prelude(name));
    }

    /** A 10 MB banner without a line end: failed by the line limit, after at most that many bytes. */
    @ParameterizedTest
    @MethodSource("protocolsAndSplits")
    void aTenMegabyteBannerIsALineTooLong(String name, Split split) {
        byte[] banner = new byte[10 * 1024 * 1024];
        Arrays.fill(banner, (byte) 'A');
        byte[] prefix = ascii(name.equals("pop3") ? "+OK " : name.equals("imap") ? "* OK " : "");
        System.arraycopy(prefix, 0, banner, 0, prefix.length);

        Fed fed = feed(prelude(name), banner, split);

        assertFailed(fed.last(), FailureKind.PRELUDE_UNEXPECTED, "more than " + LineCodec.MAX_LINE + " bytes");
        if (split == Split.BYTE_BY_BYTE) {
            assertThat(fed.handedOver()).isEqualTo(LineCodec.MAX_LINE);
        }
    }

    /** A greeting, then the line that keeps its answer open, forever (an endless multi-line greeting or list). */
    @ParameterizedTest
    @MethodSource("protocolsAndSplits")
    void endlessLinesStopAtTheLineCount(String name, Split split) {
        Case c = CASES.get(name);
        Fed fed = feed(prelude(name), ascii(c.opening() + c.endlessLine().replace("LINE", "A-CAPABILITY")
                .repeat(10_000)), split);

        assertFailed(fed.last(), FailureKind.PRELUDE_UNEXPECTED, "more than " + LineCodec.MAX_LINES + " lines");
    }

    /** Long lines forever: PreludeRun's byte bound ends them before the line count does. */
    @ParameterizedTest
    @MethodSource("protocols")
    void endlessLongLinesStopAtTheByteBound(String name) {
        Case c = CASES.get(name);
        String line = c.endlessLine().replace("LINE", "A".repeat(4000));
        Fed fed = feed(prelude(name), ascii(c.opening() + line.repeat(100)), 50, RUN_BOUND);

        assertFailed(fed.last(), FailureKind.PRELUDE_UNEXPECTED, "more than " + RUN_BOUND + " bytes");
    }

    /** "+OK" (or the protocol's opening) and then bytes that never end a line. */
    @ParameterizedTest
    @MethodSource("protocols")
    void anOpeningThatNeverEndsIsALineTooLong(String name) {
        String opening = name.equals("pop3") ? "+OK" : name.equals("imap") ? "* OK" : name.equals("sieve")
                ? "\"STARTTLS\"" : "220";
        Fed fed = feed(prelude(name), ascii(opening + " and so on".repeat(1000)), Split.PIECES_OF_50);

        assertFailed(fed.last(), FailureKind.PRELUDE_UNEXPECTED, "more than " + LineCodec.MAX_LINE + " bytes");
    }

    /** Every prefix of every captured exchange: the codec waits for more (or has decided), never throws. */
    @ParameterizedTest
    @MethodSource("protocols")
    void everyTruncationIsAValue(String name) {
        for (String vector : VECTORS) {
            byte[] whole = captured(vector);
            for (int length = 0; length < whole.length; length++) {
                Fed fed = feed(prelude(name), Arrays.copyOf(whole, length), Split.WHOLE);
                assertThat(fed.last()).as(vector + " cut at " + length).isNotNull();
                assertThat(fed.run().factsSoFar()).isNotNull();
            }
        }
    }

    /** Seeded garbage and seeded mutations of the captured exchanges, in random pieces: only values come out. */
    @ParameterizedTest
    @MethodSource("protocols")
    void garbageAndMutationsGiveValues(String name) {
        Random random = new Random(14_0000L + name.hashCode());
        int[] outcomes = new int[3];
        for (int i = 0; i < 2_000; i++) {
            byte[] server = i % 2 == 0 ? garbage(random) : mutated(captured(VECTORS.get(random.nextInt(VECTORS.size()))),
                    random);
            PreludeStep last = feedRandomly(prelude(name), server, random);
            outcomes[last instanceof PreludeStep.GoOn ? 0 : last instanceof PreludeStep.TlsMayStart ? 1 : 2]++;
            if (last instanceof PreludeStep.TlsMayStart tls) {
                assertThat(tls.facts().protocol()).isEqualTo(name);
                assertThat(tls.facts().fields()).containsKey("banner");
            }
        }
        assertThat(outcomes[2]).as("failed").isPositive();
        assertThat(outcomes[0] + outcomes[1] + outcomes[2]).isEqualTo(2_000);
    }

    /** Each protocol's captured greeting fed to every other protocol's codec, and an SSH and an HTTP server's. */
    @ParameterizedTest
    @MethodSource("protocols")
    void anotherProtocolsGreetingIsNamedAsSuch(String name) {
        for (String other : CASES.keySet()) {
            if (!other.equals(name)) {
                PreludeStep last = feed(prelude(name), captured(CASES.get(other).goodVector()), Split.BYTE_BY_BYTE)
                        .last();
                assertFailed(last, FailureKind.PRELUDE_OTHER_PROTOCOL, "not ");
            }
        }
        assertFailed(feed(prelude(name), Vectors.load("ssh-banner.server.hex"), Split.WHOLE).last(),
                FailureKind.PRELUDE_OTHER_PROTOCOL, "an SSH server");
        assertFailed(feed(prelude(name), Vectors.load("http-400.server.hex"), Split.WHOLE).last(),
                FailureKind.PRELUDE_OTHER_PROTOCOL, "an HTTP server");
    }

    @Test
    void aTlsServerOnTheStartTlsPortSendsNoLineAndIsWaitedFor() {
        for (String name : CASES.keySet()) {
            Fed fed = feed(prelude(name), Vectors.load("alert-handshake-failure.server.hex"), Split.WHOLE);
            assertThat(fed.last()).isInstanceOf(PreludeStep.GoOn.class);
            assertThat(fed.run().factsSoFar()).isEmpty();
        }
    }

    private static PreludeStep feedRandomly(Prelude prelude, byte[] server, Random random) {
        PreludeRun run = new PreludeRun(prelude, RUN_BOUND);
        PreludeStep step = run.start();
        int at = 0;
        while (at < server.length && step instanceof PreludeStep.GoOn) {
            int end = Math.min(server.length, at + 1 + random.nextInt(64));
            step = run.received(Arrays.copyOfRange(server, at, end));
            at = end;
        }
        return step;
    }

    private static byte[] garbage(Random random) {
        byte[] bytes = new byte[random.nextInt(600)];
        random.nextBytes(bytes);
        for (int i = 0; i < bytes.length; i++) {
            if (random.nextInt(12) == 0) {
                bytes[i] = (byte) (random.nextBoolean() ? '\n' : '\r');
            }
        }
        return bytes;
    }

    private static byte[] mutated(byte[] vector, Random random) {
        byte[] bytes = random.nextInt(4) == 0 ? Arrays.copyOf(vector, random.nextInt(vector.length + 1)) : vector.clone();
        for (int flips = random.nextInt(4); flips >= 0 && bytes.length > 0; flips--) {
            int at = random.nextInt(bytes.length);
            bytes[at] = switch (random.nextInt(4)) {
                case 0 -> (byte) random.nextInt(256);
                case 1 -> '\n';
                case 2 -> 0;
                default -> (byte) (bytes[at] ^ 0x20);
            };
        }
        return bytes;
    }

    private static void assertFailed(PreludeStep step, FailureKind kind, String inDetail) {
        assertThat(step).isInstanceOf(PreludeStep.Failed.class);
        assertThat(((PreludeStep.Failed) step).failure().kind()).isEqualTo(kind);
        assertThat(((PreludeStep.Failed) step).failure().detail()).contains(inDetail);
    }

    /** The server's side of a captured exchange ("imap-dovecot-starttls"). */
    private static byte[] captured(String name) {
        return vector(name + ".server");
    }
}
