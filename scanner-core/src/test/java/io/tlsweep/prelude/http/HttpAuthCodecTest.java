package io.tlsweep.prelude.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.prelude.AfterTlsRun;
import io.tlsweep.prelude.AfterTlsStep;
import io.tlsweep.prelude.PreludeFeed.Split;
import io.tlsweep.result.AuthAfterTls;
import io.tlsweep.text.VisibleText;
import io.tlsweep.wire.Vectors;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTTP answer's head read for its challenges, on what real servers sent ({@code vectors/http}, captured by
 * {@code capture_http.py} from nginx 1.22 and OpenSSL 3.0's {@code s_server -www}): whole, in pieces, byte by byte
 * as the engine feeds it ({@link AfterTlsRun}), cut at every byte, mutated; and answers that are no HTTP, endless
 * heads and lines, interim answers, folded fields.
 */
class HttpAuthCodecTest {
    private static final int RUN_BYTES = 64 * 1024;
    private static final String REQUEST = "GET /owa/ HTTP/1.1\r\nHost: mail.example.org\r\nUser-Agent: tlsweep\r\n"
            + "Accept: */*\r\nConnection: close\r\n\r\n";

    record Fed(AfterTlsStep last, String written, int handedOver) {
        Optional<AuthAfterTls> learned() {
            return last instanceof AfterTlsStep.Learned l ? Optional.of(l.facts()) : Optional.empty();
        }
    }

    static Fed feed(byte[] server, int piece) {
        AfterTlsRun run = new AfterTlsRun(HttpAuthCodec.PROTOCOL, new HttpAuthCodec("mail.example.org", "/owa/"),
                RUN_BYTES);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        AfterTlsStep step = run.start();
        written.writeBytes(((AfterTlsStep.GoOn) step).send());
        int at = 0;
        while (at < server.length && step instanceof AfterTlsStep.GoOn) {
            int to = Math.min(server.length, at + piece);
            step = run.received(Arrays.copyOfRange(server, at, to));
            at = to;
            if (step instanceof AfterTlsStep.GoOn go) {
                written.writeBytes(go.send());
            } else if (step instanceof AfterTlsStep.Learned l) {
                written.writeBytes(l.goodbye());
            }
        }
        return new Fed(step, written.toString(StandardCharsets.US_ASCII), at);
    }

    private static int piece(Split split, byte[] server) {
        return switch (split) {
            case WHOLE -> Math.max(1, server.length);
            case PIECES_OF_50 -> 50;
            case PIECES_OF_7 -> 7;
            case BYTE_BY_BYTE -> 1;
        };
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static AuthAfterTls http(int status, String... schemes) {
        return new AuthAfterTls("http", List.of(schemes), Optional.empty(), Optional.of(status));
    }

    private static AuthAfterTls nginx(int status, String... schemes) {
        return new AuthAfterTls("http", List.of(schemes), Optional.empty(), Optional.of(status),
                Optional.of("nginx/1.22.1"));
    }

    private static Optional<String> server(String answer) {
        return feed(ascii(answer), 1).learned().orElseThrow().server();
    }

    private static int headLength(byte[] answer) {
        String s = new String(answer, StandardCharsets.ISO_8859_1);
        return s.indexOf("\r\n\r\n") + 4;
    }

    static Stream<Arguments> captured() {
        return Stream.of(
                Arguments.of("nginx-auth-basic", nginx(401, "Basic")),
                Arguments.of("nginx-open", nginx(200)),
                Arguments.of("nginx-negotiate-ntlm", nginx(401, "Negotiate", "NTLM")),
                Arguments.of("nginx-bearer", nginx(401, "Bearer")),
                Arguments.of("nginx-several-challenges", nginx(401, "Newauth", "Basic")),
                Arguments.of("openssl-www", http(200)));
    }

    private static byte[] vector(String name) {
        return Vectors.load("http/" + name + ".server.hex");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captured")
    void theSchemesAndStatusOfRealServersHoweverTheBytesComeAndTheBodyIsNeverRead(String name, AuthAfterTls facts) {
        byte[] answer = vector(name);
        int head = headLength(answer);
        assertThat(head).as("a head and a body").isGreaterThan(3).isLessThan(answer.length);
        for (Split split : Split.values()) {
            Fed fed = feed(answer, piece(split, answer));
            assertThat(fed.learned()).as(name + " " + split).contains(facts);
            assertThat(fed.written()).as(name + " " + split).isEqualTo(REQUEST);
            assertThat(fed.handedOver()).as("the bytes fed until it learned, " + split)
                    .isLessThanOrEqualTo(head + piece(split, answer) - 1);
        }
        assertThat(feed(Arrays.copyOf(answer, head), 1).learned()).as("the head alone").contains(facts);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captured")
    void everyCutBeforeTheHeadsEndWaitsForMoreAndHasLearnedNothing(String name) {
        byte[] answer = vector(name);
        for (int cut = 0; cut < headLength(answer); cut++) {
            AfterTlsRun run = new AfterTlsRun("http", new HttpAuthCodec("h", "/"), RUN_BYTES);
            run.start();
            AfterTlsStep step = run.received(Arrays.copyOf(answer, cut));
            assertThat(step).as(name + " cut at " + cut).isInstanceOf(AfterTlsStep.GoOn.class);
            assertThat(((AfterTlsStep.GoOn) step).send()).isEmpty();
            assertThat(run.factsSoFar()).as(name + " cut at " + cut).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captured")
    void mutatedAnswersEndAsValues(String name) {
        byte[] answer = vector(name);
        Random random = new Random(name.hashCode());
        for (int i = 0; i < 400; i++) {
            byte[] m = answer.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                m[random.nextInt(m.length)] = (byte) random.nextInt(256);
            }
            Fed fed = feed(m, 1 + random.nextInt(60));
            assertThat(fed.last()).isNotNull();
            fed.learned().ifPresent(f -> assertThat(f.mechanisms()).hasSizeLessThanOrEqualTo(
                    HttpAuthCodec.MAX_SCHEMES));
            fed.learned().flatMap(AuthAfterTls::server).ifPresent(v -> assertThat(v).hasSizeLessThanOrEqualTo(
                    HttpAuthCodec.MAX_SERVER).isNotBlank().matches(t -> t.chars().noneMatch(c -> isUnsafe(c))));
        }
    }

    @Test
    void anAnswerThatIsNoHttpIsLearnedAsSuchWithoutAStatus() {
        AuthAfterTls notHttp = new AuthAfterTls("http", List.of(), Optional.empty(), Optional.empty());
        for (String answer : List.of("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n", "<html><body>hello</body></html>",
                "* OK IMAP4rev1 ready\r\n", "HTTP/1.1 abc Weird\r\n\r\n", "HTTP/1.1\r\n\r\n", "H\u0000")) {
            for (Split split : Split.values()) {
                byte[] bytes = ascii(answer);
                assertThat(feed(bytes, piece(split, bytes)).learned()).as(answer + " " + split).contains(notHttp);
            }
        }
        assertThat(feed(ascii("HTT"), 1).last()).as("still HTTP so far").isInstanceOf(AfterTlsStep.GoOn.class);
    }

    @Test
    void interimAnswersAreSkippedToTheFinalOne() {
        String answer = "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\nWWW-Authenticate: Basic\r\n\r\n"
                + "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Negotiate\r\n\r\n";
        assertThat(feed(ascii(answer), 1).learned()).contains(http(401, "Negotiate"));
    }

    @Test
    void severalFieldsFoldedFieldsAnyCaseAndBareLineFeeds() {
        String answer = "HTTP/1.1 401 Unauthorized\nwww-authenticate: negotiate,\n\t ntlm\nServer: x\n"
                + "WWW-Authenticate :Basic realm=\"Exchange, mail\"\nWWW-Authenticate: NTLM\r\n"
                + "Proxy-Authenticate: Digest realm=x\r\n\n";
        assertThat(feed(ascii(answer), 3).learned()).contains(new AuthAfterTls("http", List.of("Negotiate", "NTLM",
                "Basic"), Optional.empty(), Optional.of(401), Optional.of("x")));
        assertThat(feed(ascii("HTTP/1.0 404\r\n\r\n"), 1).learned()).contains(http(404));
        assertThat(feed(ascii("HTTP/2 302 Found\r\nLocation: /login\r\n\r\n"), 1).learned()).contains(http(302));
    }

    @Test
    void aHeadLongerThanTheBoundOrALineThatNeverEndsIsAFailure() {
        StringBuilder head = new StringBuilder("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic\r\n");
        while (head.length() <= HttpAuthCodec.MAX_HEAD) {
            head.append("X-Filler: ").append("f".repeat(100)).append("\r\n");
        }
        head.append("\r\n");
        for (int piece : new int[] {head.length(), 1000, 1}) {
            Fed fed = feed(ascii(head.toString()), piece);
            assertThat(fed.last()).as("piece " + piece).isInstanceOf(AfterTlsStep.Failed.class);
            assertThat(((AfterTlsStep.Failed) fed.last()).reason()).contains("longer than 16384 bytes");
            assertThat(fed.handedOver()).isLessThanOrEqualTo(HttpAuthCodec.MAX_HEAD + piece);
        }
        byte[] endless = ascii("HTTP/1.1 200 OK\r\nX-Endless: " + "e".repeat(10 * 1024 * 1024));
        Fed fed = feed(endless, 4096);
        assertThat(fed.last()).isInstanceOf(AfterTlsStep.Failed.class);
        assertThat(fed.handedOver()).isLessThanOrEqualTo(HttpAuthCodec.MAX_HEAD + 4096);
    }

    @Test
    void atMostSoManySchemesAreKeptEachOnce() {
        StringBuilder answer = new StringBuilder("HTTP/1.1 401 Unauthorized\r\n");
        for (int i = 0; i < 40; i++) {
            answer.append("WWW-Authenticate: Basic, Scheme").append(i).append("\r\n");
        }
        AuthAfterTls facts = feed(ascii(answer + "\r\n"), 50).learned().orElseThrow();
        assertThat(facts.mechanisms()).hasSize(HttpAuthCodec.MAX_SCHEMES).startsWith("Basic", "Scheme0")
                .doesNotHaveDuplicates();
    }

    private static boolean isUnsafe(int c) {
        return VisibleText.isUnsafe((char) c);
    }

    @Test
    void theServerFieldIsTheFirstOneTrimmedAndNoneWhenMissingOrBlank() {
        assertThat(server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")).isEmpty();
        assertThat(server("HTTP/1.1 200 OK\r\nServer:   Microsoft-IIS/10.0  \r\n\r\n")).hasValue("Microsoft-IIS/10.0");
        assertThat(server("HTTP/1.1 200 OK\r\nserver: Apache/2.4.62 (Debian)\r\nSERVER: nginx\r\n\r\n"))
                .as("two Server fields: the first").hasValue("Apache/2.4.62 (Debian)");
        assertThat(server("HTTP/1.1 200 OK\r\nServer: \r\nServer: nginx\r\n\r\n")).as("a blank one is none")
                .hasValue("nginx");
        assertThat(server("HTTP/1.1 200 OK\r\nServer: Apache\r\n (Unix)\r\n\r\n")).as("folded")
                .hasValue("Apache (Unix)");
        assertThat(server("HTTP/1.1 200 OK\r\nX-Server: nginx\r\nServer-Timing: db;dur=1\r\n\r\n"))
                .as("other fields whose names hold Server").isEmpty();
        assertThat(server("HTTP/1.1 103 Early Hints\r\nServer: hint\r\n\r\nHTTP/1.1 200 OK\r\nServer: final\r\n\r\n"))
                .as("the final answer's").hasValue("final");
        assertThat(server("HTTP/1.1 103 Early Hints\r\nServer: hint\r\n\r\nHTTP/1.1 200 OK\r\n\r\n"))
                .as("not an interim answer's").isEmpty();
    }

    @Test
    void hostileBytesInTheServerFieldAreMadeVisibleAndAHugeOneIsCut() {
        byte[] hostile = {'H', 'T', 'T', 'P', '/', '1', '.', '1', ' ', '2', '0', '0', ' ', 'O', 'K', '\r', '\n',
            'S', 'e', 'r', 'v', 'e', 'r', ':', ' ', 'n', 'g', 'i', 'n', 'x', 0x1b, '[', '2', 'J', 0x00, (byte) 0x9b,
            0x07, 0x7f, ' ', (byte) 0xe9, '\r', '\n', '\r', '\n'};
        assertThat(feed(hostile, 1).learned().orElseThrow().server())
                .hasValue("nginx\\x1b[2J\\x00\\x9b\\x07\\x7f \u00e9");
        String huge = "HTTP/1.1 200 OK\r\nServer: " + "A".repeat(10_000) + "\r\nWWW-Authenticate: Basic\r\n\r\n";
        AuthAfterTls facts = feed(ascii(huge), 500).learned().orElseThrow();
        assertThat(facts.server()).hasValue("A".repeat(HttpAuthCodec.MAX_SERVER - 3) + "...");
        assertThat(facts.mechanisms()).containsExactly("Basic");
        String escapes = "HTTP/1.1 200 OK\r\nServer: " + "\u001b".repeat(1000) + "\r\n\r\n";
        assertThat(feed(ascii(escapes), 100).learned().orElseThrow().server().orElseThrow())
                .hasSize(HttpAuthCodec.MAX_SERVER).startsWith("\\x1b\\x1b").endsWith("...");
    }
}
