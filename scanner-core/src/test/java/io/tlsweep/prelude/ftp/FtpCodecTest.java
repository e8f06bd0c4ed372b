package io.tlsweep.prelude.ftp;

import static io.tlsweep.prelude.PreludeFeed.ascii;
import static io.tlsweep.prelude.PreludeFeed.feed;
import static io.tlsweep.prelude.PreludeFeed.vector;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.prelude.PreludeFeed.Fed;
import io.tlsweep.prelude.PreludeFeed.Split;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.result.FailureKind;
import io.tlsweep.wire.Vectors;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The FTP prelude on vsftpd's captured bytes (vectors/prelude), fed whole, in pieces and byte by byte. */
class FtpCodecTest {
    private static final FtpPrelude FTP = new FtpPrelude();

    @ParameterizedTest
    @EnumSource(Split.class)
    void startsTlsAfterAMultiLineGreetingAndFeat(Split split) {
        Fed fed = feed(FTP, vector("ftp-vsftpd-auth-tls.server"), split);

        assertThat(fed.last()).isInstanceOf(PreludeStep.TlsMayStart.class);
        assertThat(fed.written()).isEqualTo("FEAT\r\nAUTH TLS\r\n");
        assertThat(fed.run().leftover()).isEmpty();
        FtpFacts facts = (FtpFacts) ((PreludeStep.TlsMayStart) fed.last()).facts();
        assertThat(facts).isEqualTo(new FtpFacts("Welcome to the tlsweep test FTP service.\nAuthorised use only.",
                Optional.of(true)));
        assertThat(facts.fields()).containsExactly(Map.entry("banner", facts.banner()),
                Map.entry("starttls-offered", true));
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void withoutAuthTlsAmongTheFeaturesTlsIsNotOffered(Split split) {
        Fed fed = feed(FTP, vector("ftp-vsftpd-no-tls.server"), split);

        PreludeStep.Failed failed = (PreludeStep.Failed) fed.last();
        assertThat(failed.failure().kind()).isEqualTo(FailureKind.PRELUDE_TLS_NOT_OFFERED);
        // a failure ends the connection: commands wanted before it in the same read are not written (PreludeRun)
        assertThat("FEAT\r\n").startsWith(fed.written());
        if (split == Split.BYTE_BY_BYTE) {
            assertThat(fed.written()).isEqualTo("FEAT\r\n");
        }
        assertThat(failed.facts()).contains(new FtpFacts("(vsFTPd 3.0.3)", Optional.of(false)));
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void fourTwentyOneInTheGreetingIsTheServiceRefusing(Split split) {
        Fed fed = feed(FTP, vector("ftp-vsftpd-too-many.server"), split);

        PreludeStep.Failed failed = (PreludeStep.Failed) fed.last();
        assertThat(failed.failure().kind()).isEqualTo(FailureKind.PRELUDE_SERVICE_REFUSED);
        assertThat(failed.failure().detail()).contains("421 There are too many connected users");
        assertThat(fed.written()).isEmpty();
        assertThat(failed.facts()).contains(new FtpFacts("There are too many connected users, please try later.",
                Optional.empty()));
    }

    /** RFC 959's multi-line form with lines in between that do not repeat the code, after a 120. */
    @ParameterizedTest
    @EnumSource(Split.class)
    void readsMultiLineRepliesAndWaitsPastA120(Split split) {
        Fed fed = feed(FTP, ascii("120 ready in 1 minute\r\n220-First line\r\nSecond line\r\n  234 A line that looks"
                + " like a code\r\n220 End\r\n211-Extensions supported:\n MDTM\n AUTH TLS;TLS-C;SSL\n PBSZ\n211 END\n"
                + "234 AUTH TLS successful\r\n"), split);

        assertThat(fed.written()).isEqualTo("FEAT\r\nAUTH TLS\r\n");
        assertThat(((PreludeStep.TlsMayStart) fed.last()).facts()).isEqualTo(new FtpFacts("ready in 1 minute\nFirst"
                + " line\nSecond line\n234 A line that looks like a code\nEnd", Optional.of(true)));
    }

    @Test
    void withoutFeatAuthTlsIsTriedAndNotImplementedMeansNotOffered() {
        Fed fed = feed(FTP, ascii("220 FTP server ready\r\n500 FEAT not understood\r\n234 go\r\n"), Split.WHOLE);
        assertThat(fed.written()).isEqualTo("FEAT\r\nAUTH TLS\r\n");
        assertThat(((PreludeStep.TlsMayStart) fed.last()).facts()).isEqualTo(new FtpFacts("FTP server ready",
                Optional.empty()));

        assertFails("220 hi\r\n500 no\r\n502 Command not implemented\r\n", FailureKind.PRELUDE_TLS_NOT_OFFERED,
                "502 Command not implemented");
        assertFails("220 hi\r\n500 no\r\n534 Request denied for policy reasons\r\n",
                FailureKind.PRELUDE_TLS_REFUSED, "534");
    }

    @Test
    void anErrorToAnAdvertisedAuthTlsIsARefusal() {
        assertFails("220 hi\r\n211-Features:\r\n AUTH TLS\r\n211 End\r\n431 Unable to accept security mechanism\r\n",
                FailureKind.PRELUDE_TLS_REFUSED, "431");
    }

    /** Found by LinePreludeFuzzTest: a feature line of separators only split into no word at all. */
    @Test
    void aFeatureLineOfSeparatorsOnlyIsNoFeature() {
        assertFails("220 hi\r\n211-Features:\r\n,\r\n ;; \r\n211 End\r\n", FailureKind.PRELUDE_TLS_NOT_OFFERED,
                "AUTH TLS");
    }

    @Test
    void anSmtpGreetingIsNotTakenForFtp() {
        for (Split split : Split.values()) {
            PreludeStep last = feed(FTP, Vectors.load("smtp-banner.server.hex"), split).last();
            assertThat(((PreludeStep.Failed) last).failure().kind()).isEqualTo(FailureKind.PRELUDE_OTHER_PROTOCOL);
        }
        assertFails("220 mail.example ESMTP Postfix\r\n", FailureKind.PRELUDE_OTHER_PROTOCOL, "SMTP");
    }

    @Test
    void anythingElseIsUnexpectedOrAnotherProtocol() {
        assertFails("200 news.example ready\r\n", FailureKind.PRELUDE_OTHER_PROTOCOL, "NNTP");
        assertFails("hello\r\n", FailureKind.PRELUDE_UNEXPECTED, "220");
        assertFails("220 hi\r\nno code\r\n", FailureKind.PRELUDE_UNEXPECTED, "FEAT");
        assertFails("220 hi\r\n200 odd\r\n", FailureKind.PRELUDE_UNEXPECTED, "FEAT");
        assertFails("220 hi\r\n211 End\r\n", FailureKind.PRELUDE_TLS_NOT_OFFERED, "AUTH TLS");
        assertFails("220 hi\r\n502 no\r\n334 ADAT=x\r\n", FailureKind.PRELUDE_UNEXPECTED, "AUTH TLS");
    }

    private static void assertFails(String server, FailureKind kind, String inDetail) {
        for (Split split : Split.values()) {
            PreludeStep last = feed(FTP, ascii(server), split).last();
            assertThat(last).as(split + ": " + server).isInstanceOf(PreludeStep.Failed.class);
            assertThat(((PreludeStep.Failed) last).failure().kind()).as(server).isEqualTo(kind);
            assertThat(((PreludeStep.Failed) last).failure().detail()).as(server).contains(inDetail);
        }
    }
}
