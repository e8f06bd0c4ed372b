package io.tlsweep.prelude.sieve;

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

/** The ManageSieve prelude on dovecot's captured bytes (vectors/prelude), fed whole, in pieces and byte by byte. */
class SieveCodecTest {
    private static final SievePrelude SIEVE = new SievePrelude();
    private static final Optional<String> PIGEONHOLE = Optional.of("Dovecot (Debian) Pigeonhole");

    @ParameterizedTest
    @EnumSource(Split.class)
    void startsTlsOnDovecotWithPlainTextLoginsKeptForTls(Split split) {
        Fed fed = feed(SIEVE, vector("sieve-dovecot-starttls.server"), split);

        assertThat(fed.last()).isInstanceOf(PreludeStep.TlsMayStart.class);
        assertThat(fed.written()).isEqualTo("STARTTLS\r\n");
        assertThat(fed.run().leftover()).isEmpty();
        SieveFacts facts = (SieveFacts) ((PreludeStep.TlsMayStart) fed.last()).facts();
        assertThat(facts).isEqualTo(new SieveFacts("Dovecot (Debian) ready.", Optional.of(true), List.of(),
                PIGEONHOLE));
        assertThat(facts.fields()).containsExactly(Map.entry("banner", "Dovecot (Debian) ready."),
                Map.entry("starttls-offered", true), Map.entry("auth-mechanisms", List.of()),
                Map.entry("plain-text-auth", List.of()), Map.entry("implementation", PIGEONHOLE.get()));
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void recordsThePlainTextMechanismsOfferedBeforeTls(Split split) {
        Fed fed = feed(SIEVE, vector("sieve-dovecot-plaintext.server"), split);

        SieveFacts facts = (SieveFacts) ((PreludeStep.TlsMayStart) fed.last()).facts();
        assertThat(facts.authMechanisms()).containsExactly("PLAIN", "LOGIN");
        assertThat(facts.plainTextAuthBeforeTls()).containsExactly("SASL PLAIN", "SASL LOGIN");
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void withoutStartTlsAmongTheCapabilitiesTlsIsNotOffered(Split split) {
        Fed fed = feed(SIEVE, vector("sieve-dovecot-no-tls.server"), split);

        PreludeStep.Failed failed = (PreludeStep.Failed) fed.last();
        assertThat(failed.failure().kind()).isEqualTo(FailureKind.PRELUDE_TLS_NOT_OFFERED);
        assertThat(fed.written()).isEmpty();
        assertThat(failed.facts()).contains(new SieveFacts("Dovecot (Debian) ready.", Optional.of(false),
                List.of(), PIGEONHOLE));
    }

    /** RFC 5804 section 1.8's greeting, escapes and a response code in the OK included. */
    @Test
    void readsQuotedStringsAndResponseCodes() {
        Fed fed = feed(SIEVE, ascii("\"IMPLEMENTATION\" \"Example1 \\\"ManageSieve\\\" v001\"\r\n\"SASL\" \"DIGEST-MD5"
                + " GSSAPI\"\r\n\"SIEVE\" \"fileinto vacation\"\r\n\"STARTTLS\"\r\n\"VERSION\" \"1.0\"\r\n"
                + "OK (WARNINGS) \"ready\"\r\nOK\r\n"), Split.BYTE_BY_BYTE);

        assertThat(((PreludeStep.TlsMayStart) fed.last()).facts()).isEqualTo(new SieveFacts("ready",
                Optional.of(true), List.of("DIGEST-MD5", "GSSAPI"), Optional.of("Example1 \"ManageSieve\" v001")));
    }

    @Test
    void refusalsAndOddLines() {
        assertFails("\"STARTTLS\"\r\nOK\r\nNO \"not now\"\r\n", FailureKind.PRELUDE_TLS_REFUSED, "not now");
        assertFails("\"STARTTLS\"\r\nOK\r\nBYE\r\n", FailureKind.PRELUDE_TLS_REFUSED, "BYE");
        assertFails("BYE \"Too many connections\"\r\n", FailureKind.PRELUDE_SERVICE_REFUSED, "Too many");
        assertFails("\"SIEVE\" {12}\r\n", FailureKind.PRELUDE_UNEXPECTED, "quoted strings");
        assertFails("\"STARTTLS\r\n", FailureKind.PRELUDE_UNEXPECTED, "quoted strings");
        assertFails("\"STARTTLS\"\r\nnonsense\r\n", FailureKind.PRELUDE_UNEXPECTED, "capability or OK");
        assertFails("\"STARTTLS\"\r\nOK\r\n+OK\r\n", FailureKind.PRELUDE_UNEXPECTED, "STARTTLS");
        assertFails("* OK hi\r\n", FailureKind.PRELUDE_OTHER_PROTOCOL, "IMAP");
        assertFails("hi\r\n", FailureKind.PRELUDE_UNEXPECTED, "capability list");
    }

    private static void assertFails(String server, FailureKind kind, String inDetail) {
        for (Split split : Split.values()) {
            PreludeStep last = feed(SIEVE, ascii(server), split).last();
            assertThat(last).as(split + ": " + server).isInstanceOf(PreludeStep.Failed.class);
            assertThat(((PreludeStep.Failed) last).failure().kind()).as(server).isEqualTo(kind);
            assertThat(((PreludeStep.Failed) last).failure().detail()).as(server).contains(inDetail);
        }
    }
}
