package io.tlsweep.prelude.imap;

import static io.tlsweep.prelude.PreludeFeed.ascii;
import static io.tlsweep.prelude.PreludeFeed.feed;
import static io.tlsweep.prelude.PreludeFeed.vector;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.prelude.PreludeFeed.Fed;
import io.tlsweep.prelude.PreludeFeed.Split;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.result.FailureKind;
import io.tlsweep.wire.Vectors;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The IMAP prelude on dovecot's captured bytes (vectors/prelude), fed whole, in pieces and byte by byte. */
class ImapCodecTest {
    private static final ImapPrelude IMAP = new ImapPrelude();

    @ParameterizedTest
    @EnumSource(Split.class)
    void startsTlsOnDovecotWithPlainTextLoginsKeptForTls(Split split) {
        Fed fed = feed(IMAP, vector("imap-dovecot-starttls.server"), split);

        assertThat(fed.last()).isInstanceOf(PreludeStep.TlsMayStart.class);
        assertThat(fed.written()).isEqualTo("b STARTTLS\r\n");
        assertThat(fed.run().leftover()).isEmpty();
        ImapFacts facts = (ImapFacts) ((PreludeStep.TlsMayStart) fed.last()).facts();
        assertThat(facts).isEqualTo(new ImapFacts("Dovecot (Debian) ready.", Optional.of(true), List.of(),
                Optional.of(true)));
        assertThat(facts.fields()).containsExactly(Map.entry("banner", "Dovecot (Debian) ready."),
                Map.entry("starttls-offered", true), Map.entry("auth-mechanisms", List.of()),
                Map.entry("plain-text-auth", List.of()), Map.entry("login-disabled", true));
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void recordsThePlainTextLoginsOfferedBeforeTls(Split split) {
        Fed fed = feed(IMAP, vector("imap-dovecot-plaintext.server"), split);

        ImapFacts facts = (ImapFacts) ((PreludeStep.TlsMayStart) fed.last()).facts();
        assertThat(facts.authMechanisms()).containsExactly("PLAIN", "LOGIN");
        assertThat(facts.loginDisabled()).contains(false);
        assertThat(facts.plainTextAuthBeforeTls()).containsExactly("AUTH=PLAIN", "AUTH=LOGIN", "LOGIN");
        assertThat(fed.written()).isEqualTo("b STARTTLS\r\n");
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void withoutStartTlsAmongTheCapabilitiesTlsIsNotOffered(Split split) {
        Fed fed = feed(IMAP, vector("imap-dovecot-no-tls.server"), split);

        PreludeStep.Failed failed = (PreludeStep.Failed) fed.last();
        assertThat(failed.failure().kind()).isEqualTo(FailureKind.PRELUDE_TLS_NOT_OFFERED);
        assertThat(fed.written()).isEmpty();
        assertThat(failed.facts()).contains(new ImapFacts("Dovecot (Debian) ready.", Optional.of(false), List.of(),
                Optional.of(true)));
    }

    @Test
    void theServersFirstTlsBytesAreLeftForTls() {
        byte[] prelude = vector("imap-dovecot-starttls.server");
        byte[] tls = Vectors.load("tls12-ecdhe-rsa.server.hex");
        byte[] both = new byte[prelude.length + tls.length];
        System.arraycopy(prelude, 0, both, 0, prelude.length);
        System.arraycopy(tls, 0, both, prelude.length, tls.length);

        Fed fed = feed(IMAP, both, Split.WHOLE);

        assertThat(fed.last()).isInstanceOf(PreludeStep.TlsMayStart.class);
        assertThat(fed.run().leftover()).isEqualTo(tls);
    }

    /** Shaped like RFC 3501 section 6.2.1's example (our tags): a greeting without capabilities. */
    @ParameterizedTest
    @EnumSource(Split.class)
    void asksForTheCapabilitiesWhenTheGreetingHasNone(Split split) {
        Fed fed = feed(IMAP, ascii("* OK IMAP4rev1 Service Ready\r\n* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\n"
                + "* OK [ALERT] an untagged line between\r\na OK CAPABILITY completed\r\n"
                + "b OK Begin TLS negotiation now\r\n"), split);

        assertThat(fed.written()).isEqualTo("a CAPABILITY\r\nb STARTTLS\r\n");
        assertThat(((PreludeStep.TlsMayStart) fed.last()).facts()).isEqualTo(new ImapFacts("IMAP4rev1 Service Ready",
                Optional.of(true), List.of(), Optional.of(true)));
    }

    @Test
    void lineFeedsAloneAndLowerCaseAreAccepted() {
        Fed fed = feed(IMAP, ascii("* ok [capability imap4rev1 starttls auth=plain] hi\n* capability x\n"
                + "b ok go\n"), Split.WHOLE);

        assertThat(fed.last()).isInstanceOf(PreludeStep.TlsMayStart.class);
        assertThat(((ImapFacts) ((PreludeStep.TlsMayStart) fed.last()).facts()).plainTextAuthBeforeTls())
                .containsExactly("AUTH=PLAIN", "LOGIN");
    }

    @Test
    void byeInTheGreetingIsTheServiceRefusing() {
        assertFails("* BYE Too many connections from your IP\r\n", FailureKind.PRELUDE_SERVICE_REFUSED, "BYE");
    }

    @Test
    void preauthLeavesNoRoomForStartTls() {
        assertFails("* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] welcome\r\n", FailureKind.PRELUDE_TLS_NOT_OFFERED,
                "PREAUTH");
    }

    @Test
    void aTaggedNoOrBadToStartTlsIsARefusal() {
        assertFails("* OK [CAPABILITY IMAP4rev1 STARTTLS] hi\r\nb NO TLS is not available now\r\n",
                FailureKind.PRELUDE_TLS_REFUSED, "b NO TLS is not available now");
        assertFails("* OK [CAPABILITY IMAP4rev1 STARTTLS] hi\r\nb BAD unknown command\r\n",
                FailureKind.PRELUDE_TLS_REFUSED, "b BAD");
        assertFails("* OK [CAPABILITY IMAP4rev1 STARTTLS] hi\r\n* BYE going away\r\n",
                FailureKind.PRELUDE_TLS_REFUSED, "BYE");
    }

    @Test
    void withoutCapabilitiesARefusedStartTlsIsNotOffered() {
        assertFails("* OK hi\r\na BAD unknown command\r\nb BAD unknown command\r\n",
                FailureKind.PRELUDE_TLS_NOT_OFFERED, "lists no capabilities");
    }

    @Test
    void anUnexpectedAnswerIsUnexpected() {
        assertFails("* OK hi\r\nsomething else\r\n", FailureKind.PRELUDE_UNEXPECTED, "CAPABILITY");
        assertFails("* OK [CAPABILITY STARTTLS] hi\r\na OK wrong tag\r\n", FailureKind.PRELUDE_UNEXPECTED,
                "STARTTLS");
        assertFails("hello there\r\n", FailureKind.PRELUDE_UNEXPECTED, "'* OK'");
    }

    @Test
    void anotherProtocolsGreetingIsNamed() {
        assertFails("+OK POP3 ready\r\n", FailureKind.PRELUDE_OTHER_PROTOCOL, "POP3");
        assertFails("220 mail.example ESMTP Postfix\r\n", FailureKind.PRELUDE_OTHER_PROTOCOL, "SMTP");
    }

    @Test
    void aTruncatedExchangeWaitsAndKeepsWhatItLearned() {
        byte[] whole = vector("imap-dovecot-plaintext.server");
        byte[] greetingOnly = Arrays.copyOf(whole, indexOf(whole, (byte) '\n') + 1);

        Fed fed = feed(IMAP, greetingOnly, Split.BYTE_BY_BYTE);

        assertThat(fed.last()).isInstanceOf(PreludeStep.GoOn.class);
        assertThat(fed.written()).isEqualTo("b STARTTLS\r\n");
        assertThat(fed.run().factsSoFar()).contains(new ImapFacts("Dovecot (Debian) ready.", Optional.of(true),
                List.of("PLAIN", "LOGIN"), Optional.of(false)));
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static void assertFails(String server, FailureKind kind, String inDetail) {
        for (Split split : Split.values()) {
            PreludeStep last = feed(IMAP, ascii(server), split).last();
            assertThat(last).as(split + ": " + server).isInstanceOf(PreludeStep.Failed.class);
            assertThat(((PreludeStep.Failed) last).failure().kind()).as(server).isEqualTo(kind);
            assertThat(((PreludeStep.Failed) last).failure().detail()).as(server).contains(inDetail);
        }
    }
}
