package io.tlsweep.prelude.nntp;

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

/** The NNTP prelude on INN's captured bytes (vectors/prelude), fed whole, in pieces and byte by byte. */
class NntpCodecTest {
    private static final NntpPrelude NNTP = new NntpPrelude();
    private static final String BANNER = "server.example.net InterNetNews NNRP server INN 2.7.1 ready (posting ok)";
    private static final List<String> INN_SASL = List.of("SCRAM-SHA-512", "SCRAM-SHA-384", "SCRAM-SHA-256",
            "SCRAM-SHA-224", "SCRAM-SHA-1", "DIGEST-MD5", "CRAM-MD5", "NTLM");

    @ParameterizedTest
    @EnumSource(Split.class)
    void startsTlsOnInn(Split split) {
        Fed fed = feed(NNTP, vector("nntp-inn-starttls.server"), split);

        assertThat(fed.last()).isInstanceOf(PreludeStep.TlsMayStart.class);
        assertThat(fed.written()).isEqualTo("CAPABILITIES\r\nSTARTTLS\r\n");
        assertThat(fed.run().leftover()).isEmpty();
        NntpFacts facts = (NntpFacts) ((PreludeStep.TlsMayStart) fed.last()).facts();
        assertThat(facts).isEqualTo(new NntpFacts(BANNER, Optional.of(true), INN_SASL, false,
                Optional.of("INN 2.7.1")));
        assertThat(facts.fields()).containsExactly(Map.entry("banner", BANNER), Map.entry("starttls-offered", true),
                Map.entry("auth-mechanisms", INN_SASL), Map.entry("plain-text-auth", List.of()),
                Map.entry("implementation", "INN 2.7.1"));
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void fiveEightyToAnAdvertisedStartTlsIsARefusal(Split split) {
        Fed fed = feed(NNTP, vector("nntp-inn-no-certificate.server"), split);

        PreludeStep.Failed failed = (PreludeStep.Failed) fed.last();
        assertThat(failed.failure().kind()).isEqualTo(FailureKind.PRELUDE_TLS_REFUSED);
        assertThat(failed.failure().detail()).contains("580 Error initializing TLS");
        // a failure ends the connection: commands wanted before it in the same read are not written (PreludeRun)
        assertThat("CAPABILITIES\r\nSTARTTLS\r\n").startsWith(fed.written());
        if (split == Split.BYTE_BY_BYTE) {
            assertThat(fed.written()).isEqualTo("CAPABILITIES\r\nSTARTTLS\r\n");
        }
        assertThat(failed.facts()).contains(new NntpFacts(BANNER, Optional.of(true), INN_SASL, false,
                Optional.of("INN 2.7.1")));
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void fourHundredInTheGreetingIsTheServiceRefusing(Split split) {
        Fed fed = feed(NNTP, vector("nntp-inn-refused.server"), split);

        PreludeStep.Failed failed = (PreludeStep.Failed) fed.last();
        assertThat(failed.failure().kind()).isEqualTo(FailureKind.PRELUDE_SERVICE_REFUSED);
        assertThat(failed.failure().detail()).contains("400 Too many connections, try later");
        assertThat(fed.written()).isEmpty();
    }

    /** RFC 4642 section 5's example, and RFC 4643's AUTHINFO USER with SASL PLAIN before TLS. */
    @ParameterizedTest
    @EnumSource(Split.class)
    void readsAuthinfoUserAndPlainMechanisms(Split split) {
        Fed fed = feed(NNTP, ascii("201 NNTP Service Ready, posting prohibited\r\n101 Capability list:\r\n"
                + "VERSION 2\r\nREADER\r\nIHAVE\r\nSTARTTLS\r\nAUTHINFO SASL USER\r\nSASL CRAM-MD5 DIGEST-MD5 PLAIN\r\n"
                + "LIST ACTIVE NEWSGROUPS\r\n.\r\n382 Continue with TLS negotiation\r\n"), split);

        NntpFacts facts = (NntpFacts) ((PreludeStep.TlsMayStart) fed.last()).facts();
        assertThat(facts.banner()).isEqualTo("NNTP Service Ready, posting prohibited");
        assertThat(facts.plainTextAuthBeforeTls()).containsExactly("SASL PLAIN", "AUTHINFO USER");
    }

    @Test
    void withoutStartTlsAmongTheCapabilitiesTlsIsNotOffered() {
        assertFails("200 ready\r\n101 list\r\nVERSION 2\r\nREADER\r\n.\r\n", FailureKind.PRELUDE_TLS_NOT_OFFERED,
                "STARTTLS");
    }

    @Test
    void withoutCapabilitiesStartTlsIsTriedAndNotImplementedMeansNotOffered() {
        Fed fed = feed(NNTP, ascii("200 ready\r\n500 What?\r\n382 go\r\n"), Split.WHOLE);
        assertThat(fed.written()).isEqualTo("CAPABILITIES\r\nSTARTTLS\r\n");
        assertThat(fed.last()).isInstanceOf(PreludeStep.TlsMayStart.class);

        assertFails("200 ready\r\n500 What?\r\n500 What?\r\n", FailureKind.PRELUDE_TLS_NOT_OFFERED, "500 What?");
        assertFails("200 ready\r\n500 What?\r\n580 cannot\r\n", FailureKind.PRELUDE_TLS_REFUSED, "580");
    }

    @Test
    void anythingElseIsUnexpectedOrAnotherProtocol() {
        assertFails("+OK hi\r\n", FailureKind.PRELUDE_OTHER_PROTOCOL, "POP3");
        assertFails("220 ftp ready\r\n", FailureKind.PRELUDE_OTHER_PROTOCOL, "FTP");
        assertFails("2000 ready\r\n", FailureKind.PRELUDE_UNEXPECTED, "200 or 201");
        assertFails("200 ready\r\n111 hm\r\n", FailureKind.PRELUDE_UNEXPECTED, "CAPABILITIES");
        assertFails("200 ready\r\n500 no\r\n211 odd\r\n", FailureKind.PRELUDE_UNEXPECTED, "STARTTLS");
    }

    private static void assertFails(String server, FailureKind kind, String inDetail) {
        for (Split split : Split.values()) {
            PreludeStep last = feed(NNTP, ascii(server), split).last();
            assertThat(last).as(split + ": " + server).isInstanceOf(PreludeStep.Failed.class);
            assertThat(((PreludeStep.Failed) last).failure().kind()).as(server).isEqualTo(kind);
            assertThat(((PreludeStep.Failed) last).failure().detail()).as(server).contains(inDetail);
        }
    }
}
