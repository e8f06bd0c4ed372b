package io.tlsweep.prelude.pop3;

import static io.tlsweep.prelude.PreludeFeed.ascii;
import static io.tlsweep.prelude.PreludeFeed.feed;
import static io.tlsweep.prelude.PreludeFeed.vector;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.prelude.PreludeFeed.Fed;
import io.tlsweep.prelude.PreludeFeed.Split;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.result.FailureKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The POP3 prelude on dovecot's captured bytes (vectors/prelude), fed whole, in pieces and byte by byte. */
class Pop3CodecTest {
    private static final Pop3Prelude POP3 = new Pop3Prelude();

    @ParameterizedTest
    @EnumSource(Split.class)
    void startsTlsOnDovecotWithPlainTextLoginsKeptForTls(Split split) {
        Fed fed = feed(POP3, vector("pop3-dovecot-starttls.server"), split);

        assertThat(fed.last()).isInstanceOf(PreludeStep.TlsMayStart.class);
        assertThat(fed.written()).isEqualTo("CAPA\r\nSTLS\r\n");
        assertThat(fed.run().leftover()).isEmpty();
        Pop3Facts facts = (Pop3Facts) ((PreludeStep.TlsMayStart) fed.last()).facts();
        assertThat(facts).isEqualTo(new Pop3Facts("Dovecot (Debian) ready.", Optional.of(true), List.of(), false,
                Optional.empty()));
        assertThat(facts.fields()).containsExactly(Map.entry("banner", "Dovecot (Debian) ready."),
                Map.entry("starttls-offered", true), Map.entry("auth-mechanisms", List.of()),
                Map.entry("plain-text-auth", List.of()));
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void recordsUserAndThePlainTextMechanismsOfferedBeforeTls(Split split) {
        Fed fed = feed(POP3, vector("pop3-dovecot-plaintext.server"), split);

        Pop3Facts facts = (Pop3Facts) ((PreludeStep.TlsMayStart) fed.last()).facts();
        assertThat(facts.authMechanisms()).containsExactly("PLAIN", "LOGIN");
        assertThat(facts.userOffered()).isTrue();
        assertThat(facts.plainTextAuthBeforeTls()).containsExactly("SASL PLAIN", "SASL LOGIN", "USER");
        assertThat(fed.written()).isEqualTo("CAPA\r\nSTLS\r\n");
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void withoutStlsInCapaTlsIsNotOffered(Split split) {
        Fed fed = feed(POP3, vector("pop3-dovecot-no-tls.server"), split);

        PreludeStep.Failed failed = (PreludeStep.Failed) fed.last();
        assertThat(failed.failure().kind()).isEqualTo(FailureKind.PRELUDE_TLS_NOT_OFFERED);
        // a failure ends the connection: commands wanted before it in the same read are not written (PreludeRun)
        assertThat("CAPA\r\n").startsWith(fed.written());
        if (split == Split.BYTE_BY_BYTE) {
            assertThat(fed.written()).isEqualTo("CAPA\r\n");
        }
        assertThat(failed.facts()).contains(new Pop3Facts("Dovecot (Debian) ready.", Optional.of(false), List.of(),
                false, Optional.empty()));
    }

    /** RFC 2449's CAPA example list, dot-stuffed line and IMPLEMENTATION included. */
    @ParameterizedTest
    @EnumSource(Split.class)
    void readsTheWholeCapaList(Split split) {
        Fed fed = feed(POP3, ascii("+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n+OK Capability list"
                + " follows\r\nTOP\r\nUSER\r\nSASL CRAM-MD5 KERBEROS_V4\r\nRESP-CODES\r\nLOGIN-DELAY 900\r\n"
                + "PIPELINING\r\nEXPIRE 60\r\nUIDL\r\nIMPLEMENTATION Shlemazle-Plotz-v302\r\n..STLS is not this\r\n"
                + "STLS\r\n.\r\n+OK Begin TLS negotiation\r\n"), split);

        Pop3Facts facts = (Pop3Facts) ((PreludeStep.TlsMayStart) fed.last()).facts();
        assertThat(facts).isEqualTo(new Pop3Facts("POP3 server ready <1896.697170952@dbc.mtview.ca.us>",
                Optional.of(true), List.of("CRAM-MD5", "KERBEROS_V4"), true, Optional.of("Shlemazle-Plotz-v302")));
        assertThat(facts.plainTextAuthBeforeTls()).containsExactly("USER");
    }

    @Test
    void withoutCapaStlsIsTriedAndItsErrorMeansNotOffered() {
        Fed fed = feed(POP3, ascii("+OK ready\r\n-ERR unknown command\r\n+OK go ahead\r\n"), Split.WHOLE);
        assertThat(fed.written()).isEqualTo("CAPA\r\nSTLS\r\n");
        assertThat(((PreludeStep.TlsMayStart) fed.last()).facts()).isEqualTo(new Pop3Facts("ready", Optional.empty(),
                List.of(), false, Optional.empty()));

        assertFails("+OK ready\r\n-ERR unknown command\r\n-ERR unknown command\r\n",
                FailureKind.PRELUDE_TLS_NOT_OFFERED, "lists no capabilities");
    }

    @Test
    void anErrorToAnAdvertisedStlsIsARefusal() {
        assertFails("+OK ready\r\n+OK\r\nSTLS\r\n.\r\n-ERR TLS is not available\r\n", FailureKind.PRELUDE_TLS_REFUSED,
                "-ERR TLS is not available");
    }

    @Test
    void anErrInTheGreetingIsTheServiceRefusing() {
        assertFails("-ERR [SYS/TEMP] too many connections\r\n", FailureKind.PRELUDE_SERVICE_REFUSED, "too many");
    }

    @Test
    void anythingElseIsUnexpectedOrAnotherProtocol() {
        assertFails("+OK ready\r\nwhat\r\n", FailureKind.PRELUDE_UNEXPECTED, "CAPA");
        assertFails("+OK ready\r\n+OK\r\nSTLS\r\n.\r\n* OK\r\n", FailureKind.PRELUDE_UNEXPECTED, "STLS");
        assertFails("+OKAY\r\n", FailureKind.PRELUDE_UNEXPECTED, "'+OK'");
        assertFails("* OK [CAPABILITY IMAP4rev1] hi\r\n", FailureKind.PRELUDE_OTHER_PROTOCOL, "IMAP");
    }

    private static void assertFails(String server, FailureKind kind, String inDetail) {
        for (Split split : Split.values()) {
            PreludeStep last = feed(POP3, ascii(server), split).last();
            assertThat(last).as(split + ": " + server).isInstanceOf(PreludeStep.Failed.class);
            assertThat(((PreludeStep.Failed) last).failure().kind()).as(server).isEqualTo(kind);
            assertThat(((PreludeStep.Failed) last).failure().detail()).as(server).contains(inDetail);
        }
    }
}
