package io.tlsweep.prelude.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsweep.prelude.PreludeCodec;
import io.tlsweep.prelude.PreludeContext;
import io.tlsweep.prelude.PreludeFeed;
import io.tlsweep.prelude.PreludeProtocols;
import io.tlsweep.prelude.PreludeRun;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreludeFacts;
import io.tlsweep.wire.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SMTP and LMTP prelude on what a real Postfix sent (vectors/prelude, captured by capture_smtp.py) and on
 * hostile replies, fed whole, in 7-byte pieces and byte by byte, as the engine feeds it (through
 * {@link PreludeRun}).
 */
class SmtpCodecTest {
    private static final String EHLO = "EHLO tlsweep.invalid\r\n";
    private static final List<String> POSTFIX_AUTH = List.of("PLAIN", "LOGIN"); // its smtpd.conf's mech_list

    enum Split { WHOLE, PIECES_OF_7, BYTE_BY_BYTE }

    /**
     * What feeding the server's bytes came to: the last step, everything written, the bytes left over. A failure
     * writes nothing, so what a read wanted written before its failure (a whole transcript in one read) is not.
     */
    record Fed(PreludeStep step, String written, byte[] leftover, Optional<PreludeFacts> soFar, int reads) {
        PreludeStep.Failed failed() {
            assertThat(step).isInstanceOf(PreludeStep.Failed.class);
            return (PreludeStep.Failed) step;
        }

        SmtpFacts facts() {
            PreludeFacts f = step instanceof PreludeStep.TlsMayStart s ? s.facts()
                    : ((PreludeStep.Failed) step).facts().orElseThrow();
            return (SmtpFacts) f;
        }
    }

    static Fed feed(SmtpProtocol protocol, byte[] server, Split split) {
        return feed(protocol, server, split, 64 * 1024);
    }

    /** Feeds {@code server} split as told, as the engine does, until the prelude decides or the bytes run out. */
    private static Fed feed(SmtpProtocol protocol, byte[] server, Split split, int maxBytes) {
        int size = switch (split) {
            case WHOLE -> Math.max(1, server.length);
            case PIECES_OF_7 -> 7;
            case BYTE_BY_BYTE -> 1;
        };
        PreludeFeed.Fed fed = PreludeFeed.feed(protocol.prelude(new PreludeContext(Optional.empty(),
                "tlsweep.invalid")), server, size, maxBytes);
        return new Fed(fed.last(), fed.written(), fed.run().leftover(), fed.run().factsSoFar(),
                (fed.handedOver() + size - 1) / size);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void postfixOffersStarttlsAndAuthBeforeTlsAndLetsTlsStart(Split split) {
        byte[] alert = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28}; // bytes after the 220 are the server's TLS bytes
        Fed fed = feed(SmtpProtocol.SMTP, concat(Vectors.load("prelude/postfix-starttls.server.hex"), alert), split);

        assertThat(fed.step()).isInstanceOf(PreludeStep.TlsMayStart.class);
        assertThat(fed.written()).isEqualTo(EHLO + "STARTTLS\r\n");
        assertThat(fed.facts()).isEqualTo(new SmtpFacts("smtp", "220 mail.test.example ESMTP Postfix",
                Optional.of(true), POSTFIX_AUTH));
        assertThat(fed.facts().fields()).containsExactly(Map.entry("banner", "220 mail.test.example ESMTP Postfix"),
                Map.entry("starttls-offered", true), Map.entry("auth-before-tls", POSTFIX_AUTH));
        if (split == Split.WHOLE) {
            assertThat(fed.leftover()).isEqualTo(alert);
        }
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void postscreensMultiLineGreetingIsOneGreeting(Split split) {
        Fed fed = feed(SmtpProtocol.SMTP, Vectors.load("prelude/postfix-postscreen.server.hex"), split);

        assertThat(fed.step()).isInstanceOf(PreludeStep.TlsMayStart.class);
        assertThat(fed.written()).isEqualTo(EHLO + "STARTTLS\r\n");
        assertThat(fed.facts().banner()).isEqualTo("220-mail.test.example ESMTP Postfix");
        assertThat(fed.facts().starttlsOffered()).contains(true);
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void anEhloReplyWithoutStarttlsIsTlsNotOffered(Split split) {
        Fed fed = feed(SmtpProtocol.SMTP, Vectors.load("prelude/postfix-no-tls.server.hex"), split);

        assertThat(fed.failed().failure().kind()).isEqualTo(FailureKind.PRELUDE_TLS_NOT_OFFERED);
        assertThat(fed.failed().failure().detail()).isEqualTo("STARTTLS is not among the extensions the EHLO reply"
                + " lists (PIPELINING, SIZE, VRFY, ETRN, ENHANCEDSTATUSCODES, 8BITMIME, DSN, SMTPUTF8, CHUNKING)");
        assertThat(EHLO).startsWith(fed.written());
        assertThat(fed.facts()).isEqualTo(new SmtpFacts("smtp", "220 mail.test.example ESMTP Postfix",
                Optional.of(false), List.of()));
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void starttlsAnswered454IsRefusedInTheServersWords(Split split) {
        Fed fed = feed(SmtpProtocol.SMTP, Vectors.load("prelude/postfix-tls-broken.server.hex"), split);

        assertThat(fed.failed().failure().kind()).isEqualTo(FailureKind.PRELUDE_TLS_REFUSED);
        assertThat(fed.failed().failure().detail())
                .isEqualTo("STARTTLS answered '454 4.7.0 TLS not available due to local problem'");
        assertThat(EHLO + "STARTTLS\r\n").startsWith(fed.written());
        if (split == Split.BYTE_BY_BYTE) {
            assertThat(fed.written()).isEqualTo(EHLO + "STARTTLS\r\n");
        }
        assertThat(fed.facts().starttlsOffered()).contains(true);
        assertThat(fed.facts().authBeforeTls()).contains("PLAIN", "LOGIN");
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void aGreetingThatTurnsTheClientAwayIsServiceRefused(Split split) {
        Fed tooMany = feed(SmtpProtocol.SMTP, Vectors.load("prelude/postfix-too-many.server.hex"), split);
        Fed denied = feed(SmtpProtocol.SMTP, Vectors.load("prelude/postfix-denied.server.hex"), split);

        assertThat(tooMany.failed().failure().kind()).isEqualTo(FailureKind.PRELUDE_SERVICE_REFUSED);
        assertThat(tooMany.failed().failure().detail()).isEqualTo("the smtp greeting turns the client away: '421"
                + " 4.7.0 mail.test.example Error: too many connections from 127.0.0.1'");
        assertThat(denied.failed().failure().kind()).isEqualTo(FailureKind.PRELUDE_SERVICE_REFUSED);
        assertThat(denied.failed().failure().detail()).endsWith("'521 5.3.2 Service currently unavailable'");
        assertThat(tooMany.written()).isEmpty();
        assertThat(denied.facts().banner()).isEqualTo("521 5.3.2 Service currently unavailable");
        assertThat(denied.facts().starttlsOffered()).isEmpty();
        assertThat(denied.facts().fields()).containsOnlyKeys("banner");
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void anotherProtocolsGreetingIsNamed(Split split) {
        Fed ssh = feed(SmtpProtocol.SMTP, Vectors.load("ssh-banner.server.hex"), split);
        Fed imap = feed(SmtpProtocol.SMTP, ascii("* OK [CAPABILITY IMAP4rev1 STARTTLS] Dovecot ready.\r\n"), split);
        Fed http = feed(SmtpProtocol.LMTP, Vectors.load("http-400.server.hex"), split);

        assertThat(ssh.failed().failure().kind()).isEqualTo(FailureKind.PRELUDE_OTHER_PROTOCOL);
        assertThat(ssh.failed().failure().detail()).isEqualTo("an SSH banner where an SMTP greeting was expected:"
                + " 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10'");
        assertThat(ssh.facts().banner()).isEqualTo("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10");
        assertThat(imap.failed().failure().detail()).startsWith("an IMAP greeting where an SMTP greeting");
        assertThat(http.failed().failure().kind()).isEqualTo(FailureKind.PRELUDE_OTHER_PROTOCOL);
        assertThat(http.failed().failure().detail()).startsWith("an HTTP answer where an LMTP greeting");
        assertThat(ssh.written()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void lmtpSaysLhlo(Split split) {
        // RFC 2033's example greeting and LHLO reply, with STARTTLS among the extensions
        byte[] server = ascii("220 foo.edu LMTP server ready\r\n250-foo.edu\r\n250-PIPELINING\r\n250-STARTTLS\r\n"
                + "250-AUTH=LOGIN\r\n250 SIZE\r\n220 Go ahead\r\n");
        Fed fed = feed(SmtpProtocol.LMTP, server, split);

        assertThat(fed.step()).isInstanceOf(PreludeStep.TlsMayStart.class);
        assertThat(fed.written()).isEqualTo("LHLO tlsweep.invalid\r\nSTARTTLS\r\n");
        assertThat(fed.facts()).isEqualTo(new SmtpFacts("lmtp", "220 foo.edu LMTP server ready", Optional.of(true),
                List.of("LOGIN")));
    }

    @Test
    void theOldAuthFormAndTheNewOneMakeOneListOfMechanisms() {
        Fed fed = feed(SmtpProtocol.SMTP, ascii("220 mx ESMTP\r\n250-mx\r\n250-AUTH=LOGIN PLAIN\r\n"
                + "250-auth cram-md5 login\r\n250 STARTTLS\r\n220 go\r\n"), Split.WHOLE);

        assertThat(fed.facts().authBeforeTls()).containsExactly("LOGIN", "PLAIN", "CRAM-MD5");
    }

    @Test
    void lineEndsMayBeBareLineFeeds() {
        Fed fed = feed(SmtpProtocol.SMTP, ascii("220 mx\n250-mx\n250 STARTTLS\n220 go\n"), Split.BYTE_BY_BYTE);

        assertThat(fed.step()).isInstanceOf(PreludeStep.TlsMayStart.class);
        assertThat(fed.facts().banner()).isEqualTo("220 mx");
    }

    @Test
    void ehloAnsweredWithoutExtensionsOrWithARefusal() {
        Fed noEsmtp = feed(SmtpProtocol.SMTP, ascii("220 old\r\n502 5.5.2 Error: command not recognized\r\n"),
                Split.WHOLE);
        Fed refused = feed(SmtpProtocol.SMTP, ascii("220 mx\r\n554 5.7.1 go away\r\n"), Split.WHOLE);
        Fed odd = feed(SmtpProtocol.SMTP, ascii("220 mx\r\n354 start mail input\r\n"), Split.WHOLE);

        assertThat(noEsmtp.failed().failure().kind()).isEqualTo(FailureKind.PRELUDE_TLS_NOT_OFFERED);
        assertThat(noEsmtp.failed().failure().detail()).isEqualTo("EHLO answered '502 5.5.2 Error: command not"
                + " recognized': no extensions, so no STARTTLS");
        assertThat(refused.failed().failure().kind()).isEqualTo(FailureKind.PRELUDE_SERVICE_REFUSED);
        assertThat(odd.failed().failure().kind()).isEqualTo(FailureKind.PRELUDE_UNEXPECTED);
    }

    @Test
    void aGreetingOtherThan220OrAReplyMixingCodesIsUnexpected() {
        Fed wrongCode = feed(SmtpProtocol.SMTP, ascii("250 hello\r\n"), Split.WHOLE);
        Fed mixed = feed(SmtpProtocol.SMTP, ascii("220-mx\r\n250 mx\r\n"), Split.WHOLE);
        Fed garbage = feed(SmtpProtocol.SMTP, new byte[] {(byte) 0xff, 0x00, 0x41, '\n'}, Split.WHOLE);
        Fed tlsAnswer = feed(SmtpProtocol.SMTP, new byte[] {0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x0a, '\n'},
                Split.WHOLE);

        assertThat(wrongCode.failed().failure().kind()).isEqualTo(FailureKind.PRELUDE_UNEXPECTED);
        assertThat(wrongCode.failed().failure().detail()).isEqualTo("a greeting other than 220: '250 hello'");
        assertThat(mixed.failed().failure().detail()).isEqualTo("a reply whose lines have different codes in the"
                + " greeting (220, then '250 mx')");
        assertThat(garbage.failed().failure().kind()).isEqualTo(FailureKind.PRELUDE_UNEXPECTED);
        assertThat(tlsAnswer.failed().failure().kind()).isEqualTo(FailureKind.PRELUDE_OTHER_PROTOCOL);
    }

    @Test
    void aTruncatedConversationWaitsAndTellsWhatItLearnedSoFar() {
        Fed cutGreeting = feed(SmtpProtocol.SMTP, ascii("220 mail.exa"), Split.WHOLE);
        Fed cutEhlo = feed(SmtpProtocol.SMTP, ascii("220 mx ESMTP\r\n250-mx\r\n250-STARTT"), Split.BYTE_BY_BYTE);

        assertThat(cutGreeting.step()).isInstanceOf(PreludeStep.GoOn.class);
        assertThat(cutGreeting.soFar()).isEmpty();
        assertThat(cutEhlo.step()).isInstanceOf(PreludeStep.GoOn.class);
        assertThat(cutEhlo.written()).isEqualTo(EHLO);
        assertThat(cutEhlo.soFar()).contains(SmtpFacts.greeted("smtp", "220 mx ESMTP"));
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void anEndlessReplyEndsAfterItsLineBound(Split split) {
        StringBuilder s = new StringBuilder("220 mx\r\n");
        for (int i = 0; i < 5_000; i++) {
            s.append("250-EXTENSION").append(i).append("\r\n");
        }
        byte[] server = ascii(s.toString());
        Fed fed = feed(SmtpProtocol.SMTP, server, split, 16 << 20);

        assertThat(fed.failed().failure().kind()).isEqualTo(FailureKind.PRELUDE_UNEXPECTED);
        assertThat(fed.failed().failure().detail()).isEqualTo("a reply of more than 64 lines in the EHLO reply");
        assertThat(fed.facts().banner()).isEqualTo("220 mx");
        // it decided at its 65th line, not at the end of the bytes
        int decidedWithin = "220 mx\r\n".length() + 65 * "250-EXTENSION00\r\n".length();
        if (split == Split.BYTE_BY_BYTE) {
            assertThat(fed.reads()).isLessThanOrEqualTo(decidedWithin);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Split.class, names = {"WHOLE", "PIECES_OF_7"})
    void aTenMegabyteBannerEndsAtTheLineBound(Split split) {
        byte[] banner = new byte[10 << 20];
        Arrays.fill(banner, (byte) 'A');
        banner[0] = '2';
        banner[1] = '2';
        banner[2] = '0';
        banner[3] = ' ';
        Fed fed = feed(SmtpProtocol.SMTP, banner, split, 16 << 20);

        assertThat(fed.failed().failure().kind()).isEqualTo(FailureKind.PRELUDE_UNEXPECTED);
        assertThat(fed.failed().failure().detail()).isEqualTo("no line end within 1024 bytes in the greeting");
        if (split == Split.PIECES_OF_7) {
            assertThat(fed.reads()).isEqualTo(1024 / 7 + 1); // decided at the first read reaching 1,024 bytes
        }
    }

    @Test
    void aLongLineWithItsEndIsStillTooLong() {
        Fed fed = feed(SmtpProtocol.SMTP, ascii("220 " + "x".repeat(2000) + "\r\n"), Split.WHOLE);

        assertThat(fed.failed().failure().detail()).isEqualTo("no line end within 1024 bytes in the greeting");
    }

    @Test
    void aLongBannerIsCutInTheFacts() {
        Fed fed = feed(SmtpProtocol.SMTP, ascii("220 " + "y".repeat(500) + "\r\n"), Split.WHOLE);

        assertThat(fed.soFar().map(f -> ((SmtpFacts) f).banner()).orElseThrow())
                .hasSize(SmtpFacts.MAX_BANNER).endsWith("y…");
    }

    @Test
    void preludeRunsByteBoundEndsAProtocolOfManyShortReplies() {
        Fed fed = feed(SmtpProtocol.SMTP, ascii("220-a\r\n".repeat(60) + "220 b\r\n"), Split.WHOLE, 100);

        assertThat(fed.failed().failure().kind()).isEqualTo(FailureKind.PRELUDE_UNEXPECTED);
        assertThat(fed.failed().failure().detail()).contains("more than 100 bytes");
    }

    /**
     * Seeded mutations of the captured conversation (bytes changed, cut, duplicated): never an exception, and the
     * same decision and facts (and, unless it failed, the same bytes written) however the server's bytes are split.
     */
    @Test
    void mutatedConversationsDecideTheSameWhateverTheSplit() {
        byte[] original = Vectors.load("prelude/postfix-postscreen.server.hex");
        Random random = new Random(0x5eed_5317L);
        for (int i = 0; i < 3_000; i++) {
            byte[] mutated = mutate(original, random);
            Fed whole = feed(SmtpProtocol.SMTP, mutated, Split.WHOLE);
            Fed pieces = feed(SmtpProtocol.SMTP, mutated, Split.PIECES_OF_7);
            Fed bytes = feed(SmtpProtocol.SMTP, mutated, Split.BYTE_BY_BYTE);
            assertThat(List.of(describe(pieces), describe(bytes))).as("mutation %d", i)
                    .containsOnly(describe(whole));
        }
    }

    static String describe(Fed fed) {
        if (fed.step() instanceof PreludeStep.Failed f) {
            return f.failure() + " " + f.facts(); // what it wrote before depends on the reads: see Fed
        }
        String decision = fed.step() instanceof PreludeStep.TlsMayStart s ? "tls " + s.facts() : "more " + fed.soFar();
        return decision + " wrote " + fed.written();
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] b = original.clone();
        switch (random.nextInt(4)) {
            case 0 -> b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            case 1 -> b = Arrays.copyOf(b, random.nextInt(b.length));
            case 2 -> {
                int at = random.nextInt(b.length);
                b[at] = "\r\n- 0123456789".getBytes(StandardCharsets.US_ASCII)[random.nextInt(14)];
            }
            default -> {
                int from = random.nextInt(b.length);
                int to = Math.min(b.length, from + random.nextInt(80));
                b = concat(concat(Arrays.copyOf(b, to), Arrays.copyOfRange(b, from, to)),
                        Arrays.copyOfRange(b, to, b.length));
            }
        }
        return b;
    }

    @Test
    void aCodecCalledAfterItDecidedFailsWithoutThrowing() {
        PreludeCodec codec = SmtpProtocol.SMTP.prelude(new PreludeContext(Optional.empty(), "c.invalid")).open();
        byte[] refused = ascii("421 busy\r\n");
        assertThat(codec.read(refused, 0, refused.length)).isInstanceOf(PreludeStep.Failed.class);

        assertThat(codec.read(refused, 0, refused.length)).isInstanceOf(PreludeStep.Failed.class);
    }

    @Test
    void theClientNameIsOneWordOfPrintableAscii() {
        for (String bad : List.of("two words", "x\r\nMAIL FROM:<a@b>", "é.example", "a".repeat(256))) {
            assertThatThrownBy(() -> SmtpProtocol.SMTP.prelude(new PreludeContext(Optional.empty(), bad)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("printable ASCII");
        }
        assertThat(SmtpProtocol.LMTP.prelude(new PreludeContext(Optional.of("mx.example"), "[192.0.2.1]"))
                .protocol()).isEqualTo("lmtp");
    }

    @Test
    void theRegistryPicksSmtpAndLmtpByNameAndPort() {
        assertThat(PreludeProtocols.forPort(25)).contains(SmtpProtocol.SMTP);
        assertThat(PreludeProtocols.forPort(587)).contains(SmtpProtocol.SMTP);
        assertThat(PreludeProtocols.forPort(24)).contains(SmtpProtocol.LMTP);
        assertThat(PreludeProtocols.forPort(465)).isEmpty(); // SMTP with TLS from the first byte stays direct
        assertThat(PreludeProtocols.forPort(443)).isEmpty();
        assertThat(PreludeProtocols.named("smtp")).contains(SmtpProtocol.SMTP);
        assertThat(PreludeProtocols.named("lmtp")).contains(SmtpProtocol.LMTP);
    }
}
