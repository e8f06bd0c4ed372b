package io.tlsweep.prelude;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.result.AuthAfterTls;
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
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each STARTTLS protocol asks once TLS is up, on the decrypted bytes: the question, the mechanisms read from the
 * answer, the goodbye; fed whole, in pieces and byte by byte through {@link AfterTlsRun} as the engine does; and
 * garbage, every truncation, endless lines, endless lists and 10 MB answers end as values within the bounds. The
 * answers are shaped after what Postfix 3.7, Dovecot 2.3 (IMAP, POP3, ManageSieve), INN 2.7 and Prosody 0.12 say
 * over TLS.
 */
class AfterTlsCodecTest {
    private static final int MAX_BYTES = 64 * 1024;

    enum Split { WHOLE, PIECES_OF_7, BYTE_BY_BYTE }

    /** How a feed ended: the last step, and everything the codec wanted written. */
    record Fed(AfterTlsStep last, String written) {
        Optional<AuthAfterTls> learned() {
            return last instanceof AfterTlsStep.Learned l ? Optional.of(l.facts()) : Optional.empty();
        }
    }

    static AfterTlsCodec asking(String protocol) {
        PreludeContext context = new PreludeContext(Optional.of("example.org"), "scanner.test.example").askingAuth();
        return PreludeProtocols.named(protocol).orElseThrow().prelude(context).afterTls().orElseThrow();
    }

    static Fed feed(String protocol, byte[] server, Split split) {
        AfterTlsRun run = new AfterTlsRun(protocol, asking(protocol), MAX_BYTES);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        AfterTlsStep step = run.start();
        written.writeBytes(((AfterTlsStep.GoOn) step).send());
        int piece = switch (split) {
            case WHOLE -> Math.max(1, server.length);
            case PIECES_OF_7 -> 7;
            case BYTE_BY_BYTE -> 1;
        };
        for (int at = 0; at < server.length && step instanceof AfterTlsStep.GoOn; at += piece) {
            step = run.received(Arrays.copyOfRange(server, at, Math.min(server.length, at + piece)));
            if (step instanceof AfterTlsStep.GoOn go) {
                written.writeBytes(go.send());
            } else if (step instanceof AfterTlsStep.Learned learned) {
                written.writeBytes(learned.goodbye());
            }
        }
        return new Fed(step, written.toString(StandardCharsets.UTF_8));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static final String POSTFIX_EHLO = "250-mx.example.org\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n"
            + "250-ETRN\r\n250-AUTH PLAIN LOGIN\r\n250-AUTH=PLAIN LOGIN\r\n250-ENHANCEDSTATUSCODES\r\n"
            + "250-8BITMIME\r\n250-DSN\r\n250-SMTPUTF8\r\n250 CHUNKING\r\n";
    static final String DOVECOT_CAPABILITY = "* CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE"
            + " LITERAL+ AUTH=PLAIN AUTH=LOGIN\r\nc OK Pre-login capabilities listed, post-login capabilities have"
            + " more.\r\n";
    static final String DOVECOT_CAPA = "+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nPIPELINING\r\nAUTH-RESP-CODE"
            + "\r\nUSER\r\nSASL PLAIN LOGIN\r\n.\r\n";
    static final String INN_CAPABILITIES = "101 Capability list:\r\nVERSION 2\r\nIMPLEMENTATION INN 2.7.1\r\n"
            + "AUTHINFO USER\r\nSASL PLAIN\r\nLIST ACTIVE HEADERS NEWSGROUPS OVERVIEW.FMT\r\nREADER\r\n.\r\n";
    static final String DOVECOT_SIEVE = "\"IMPLEMENTATION\" \"Dovecot Pigeonhole\"\r\n\"SIEVE\" \"fileinto reject"
            + " envelope\"\r\n\"NOTIFY\" \"mailto\"\r\n\"SASL\" \"PLAIN LOGIN\"\r\n\"VERSION\" \"1.0\"\r\n"
            + "OK \"TLS negotiation successful.\"\r\n";
    static final String PROSODY_FEATURES = "<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
            + " xmlns:stream='http://etherx.jabber.org/streams' id='b2c1' from='example.org' version='1.0'"
            + " xml:lang='en'><stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
            + "<mechanism>SCRAM-SHA-1</mechanism><mechanism>PLAIN</mechanism></mechanisms></stream:features>";

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("smtp", POSTFIX_EHLO, "EHLO scanner.test.example\r\nQUIT\r\n", List.of("PLAIN", "LOGIN"),
                        Optional.empty()),
                Arguments.of("lmtp", POSTFIX_EHLO, "LHLO scanner.test.example\r\nQUIT\r\n",
                        List.of("PLAIN", "LOGIN"), Optional.empty()),
                Arguments.of("imap", DOVECOT_CAPABILITY, "c CAPABILITY\r\nd LOGOUT\r\n", List.of("PLAIN", "LOGIN"),
                        Optional.of(true)),
                Arguments.of("pop3", DOVECOT_CAPA, "CAPA\r\nQUIT\r\n", List.of("PLAIN", "LOGIN"), Optional.of(true)),
                Arguments.of("nntp", INN_CAPABILITIES, "CAPABILITIES\r\nQUIT\r\n", List.of("PLAIN"),
                        Optional.of(true)),
                Arguments.of("sieve", DOVECOT_SIEVE, "LOGOUT\r\n", List.of("PLAIN", "LOGIN"), Optional.empty()),
                Arguments.of("xmpp", PROSODY_FEATURES, "<?xml version='1.0'?><stream:stream to='example.org'"
                        + " version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>"
                        + "</stream:stream>", List.of("SCRAM-SHA-1", "PLAIN"), Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void eachProtocolAsksReadsTheMechanismsAndSaysGoodbyeHoweverTheBytesCome(String protocol, String answer,
            String written, List<String> mechanisms, Optional<Boolean> login) {
        for (Split split : Split.values()) {
            Fed fed = feed(protocol, ascii(answer), split);
            assertThat(fed.learned()).as(protocol + " " + split)
                    .contains(new AuthAfterTls(protocol, mechanisms, login));
            assertThat(fed.written()).as(protocol + " " + split).isEqualTo(written);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void everyTruncationWaitsForMoreAndHasLearnedNothingYet(String protocol, String answer) {
        byte[] whole = ascii(answer);
        for (int cut = 0; cut < whole.length; cut++) {
            AfterTlsRun run = new AfterTlsRun(protocol, asking(protocol), MAX_BYTES);
            run.start();
            AfterTlsStep step = run.received(Arrays.copyOf(whole, cut));
            assertThat(step).as(protocol + " cut at " + cut).isInstanceOf(AfterTlsStep.GoOn.class);
            assertThat(run.factsSoFar()).as(protocol + " cut at " + cut).isEmpty();
        }
    }

    @Test
    void withoutTheContextAskingNoPreludeAsksAnythingAfterTls() {
        PreludeContext plain = new PreludeContext(Optional.of("example.org"), "scanner.test.example");
        for (PreludeProtocol p : PreludeProtocols.ALL) {
            assertThat(p.prelude(plain).afterTls()).as(p.name()).isEmpty();
        }
        List<String> asking = PreludeProtocols.ALL.stream()
                .filter(p -> p.prelude(plain.askingAuth()).afterTls().isPresent()).map(PreludeProtocol::name).toList();
        assertThat(asking).containsExactlyInAnyOrder("smtp", "lmtp", "imap", "pop3", "nntp", "sieve", "xmpp",
                "xmpp-server");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("smtp", "421 4.3.2 Service shutting down\r\n", "'421 4.3.2 Service shutting down'"),
                Arguments.of("smtp", "250-mx.example.org\r\n250+oops\r\n", "'250+oops'"),
                Arguments.of("imap", "* BYE Server shutting down.\r\n", "'* BYE Server shutting down.'"),
                Arguments.of("imap", "c BAD Error in IMAP command\r\n", "'c BAD Error in IMAP command'"),
                Arguments.of("pop3", "-ERR Unknown command\r\n", "'-ERR Unknown command'"),
                Arguments.of("nntp", "500 What?\r\n", "'500 What?'"),
                Arguments.of("sieve", "NO \"Server is busy\"\r\n", "'NO \"Server is busy\"'"),
                Arguments.of("sieve", "SSH-2.0-OpenSSH_9.2\r\n", "'SSH-2.0-OpenSSH_9.2'"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("refusals")
    void anAnswerThatIsNoCapabilityListFailsAsAValueWithTheServersWords(String protocol, String answer,
            String quoted) {
        Fed fed = feed(protocol, ascii(answer), Split.WHOLE);
        assertThat(fed.last()).isInstanceOf(AfterTlsStep.Failed.class);
        AfterTlsStep.Failed failed = (AfterTlsStep.Failed) fed.last();
        assertThat(failed.reason()).endsWith(quoted);
        assertThat(failed.facts()).isEmpty();
    }

    @Test
    void xmppThatEndsTheStreamOrIsNotXmlFails() {
        Fed error = feed("xmpp", ascii("<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
                + " xmlns:stream='http://etherx.jabber.org/streams' version='1.0'><stream:error>"
                + "<host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>"),
                Split.WHOLE);
        Fed http = feed("xmpp", ascii("HTTP/1.1 400 Bad Request\r\n\r\n"), Split.WHOLE);

        assertThat(((AfterTlsStep.Failed) error.last()).reason()).contains("host-unknown");
        assertThat(((AfterTlsStep.Failed) http.last()).reason()).contains("HTTP/1.1 400 Bad Request");
    }

    @ParameterizedTest
    @EnumSource(names = {"WHOLE", "PIECES_OF_7"})
    void anEndlessLineAListWithoutEndAndTenMegabytesEndWithinTheBounds(Split split) {
        byte[] endless = new byte[10 * 1024 * 1024];
        Arrays.fill(endless, (byte) 'A');
        byte[] tooManyLines = ascii("250-PIPELINING\r\n".repeat(500));
        byte[] tenMegabytesOfLines = ascii("* OK still listing\r\n".repeat(10 * 1024 * 1024 / 20));

        for (String protocol : List.of("smtp", "imap", "pop3", "nntp", "sieve", "xmpp")) {
            Fed fed = feed(protocol, endless, split == Split.WHOLE ? Split.WHOLE : Split.PIECES_OF_7);
            assertThat(fed.last()).as(protocol).isInstanceOf(AfterTlsStep.Failed.class);
        }
        assertThat(((AfterTlsStep.Failed) feed("smtp", tooManyLines, split).last()).reason())
                .isEqualTo("the SMTP server sent more than 200 lines over TLS without ending its capabilities");
        assertThat(((AfterTlsStep.Failed) feed("imap", tenMegabytesOfLines, split).last()).reason())
                .as("10 MB at once passes the run's bound on bytes; in pieces the codec's bound on lines comes first")
                .isEqualTo(split == Split.WHOLE
                        ? "the imap server said more than 65536 bytes over TLS without answering"
                        : "the IMAP server sent more than 200 lines over TLS without ending its capabilities");
    }

    @Test
    void theRunEndsAServerThatSaysMoreThanItsBoundAsAFailure() {
        AfterTlsRun run = new AfterTlsRun("imap", asking("imap"), 1000);
        run.start();
        AfterTlsStep step = AfterTlsStep.GoOn.needMore();
        for (int i = 0; i < 100 && step instanceof AfterTlsStep.GoOn; i++) {
            step = run.received(ascii("* OK 0123456789\r\n"));
        }
        assertThat(step).isEqualTo(new AfterTlsStep.Failed(0, "the imap server said more than 1000 bytes over TLS"
                + " without answering", Optional.empty()));
    }

    @Test
    void seededGarbageNeverThrowsAndEndsAsAValue() {
        Random random = new Random(14);
        for (int i = 0; i < 2000; i++) {
            byte[] garbage = new byte[random.nextInt(300)];
            random.nextBytes(garbage);
            for (String protocol : List.of("smtp", "imap", "pop3", "nntp", "sieve", "xmpp")) {
                Fed fed = feed(protocol, garbage, Split.values()[i % Split.values().length]);
                assertThat(fed.last()).isNotNull();
            }
        }
    }
}
