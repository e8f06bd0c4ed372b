package io.tlsweep.prelude.ldap;

import static io.tlsweep.prelude.PreludeFeed.feed;
import static io.tlsweep.prelude.PreludeFeed.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.tlsweep.prelude.PreludeContext;
import io.tlsweep.prelude.PreludeFeed.Fed;
import io.tlsweep.prelude.PreludeProtocols;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.result.FailureKind;
import io.tlsweep.wire.Hex;
import io.tlsweep.wire.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LDAP StartTLS on answers captured from slapd (vectors/prelude, see the README there), fed whole, in pieces
 * and byte by byte, and on truncated, garbage and hostile answers: always a value.
 */
class LdapCodecTest {
    private static final LdapProtocol LDAP = new LdapProtocol();

    @ParameterizedTest(name = "pieces of {0}")
    @ValueSource(ints = {Integer.MAX_VALUE, 50, 3, 1})
    void slapdWithTlsLetsTlsStart(int piece) {
        Fed e = feed(LDAP, vector("ldap-starttls.server"), piece);
        assertThat(e.tlsMayStart()).isTrue();
        assertThat(e.last().consumed()).isEqualTo(14);
        assertThat(e.leftover()).isEmpty();
        assertThat(e.sent()).isEqualTo(vector("ldap-starttls.client")).isEqualTo(LdapCodec.START_TLS);
        assertThat(e.fields()).containsExactly(entry("result-code", 0), entry("result", "success"),
                entry("starttls-offered", true));
    }

    @ParameterizedTest(name = "pieces of {0}")
    @ValueSource(ints = {Integer.MAX_VALUE, 50, 1})
    void slapdWithoutTlsDoesNotOfferIt(int piece) {
        Fed e = feed(LDAP, vector("ldap-not-supported.server"), piece);
        assertThat(e.failureKind()).isEqualTo(FailureKind.PRELUDE_TLS_NOT_OFFERED);
        assertThat(e.detail()).isEqualTo("the LDAP server does not support StartTLS: protocolError (2)"
                + " 'unsupported extended operation'");
        assertThat(e.fields()).containsExactly(entry("result-code", 2), entry("result", "protocolError"),
                entry("diagnostic-message", "unsupported extended operation"), entry("starttls-offered", false));
    }

    @ParameterizedTest(name = "pieces of {0}")
    @ValueSource(ints = {Integer.MAX_VALUE, 50, 1})
    void aSecondStartTlsIsRefused(int piece) {
        Fed e = feed(LDAP, vector("ldap-already-started.server"), piece);
        assertThat(e.failureKind()).isEqualTo(FailureKind.PRELUDE_TLS_REFUSED);
        assertThat(e.detail()).isEqualTo("the LDAP server refused StartTLS: operationsError (1) 'TLS already started'");
        assertThat(e.fields()).containsExactly(entry("result-code", 1), entry("result", "operationsError"),
                entry("diagnostic-message", "TLS already started"));
    }

    @Test
    void theProtocolIsRegisteredByNameAndPort() {
        assertThat(PreludeProtocols.named("ldap")).contains(LDAP);
        assertThat(PreludeProtocols.forPort(389)).contains(LDAP);
        assertThat(PreludeProtocols.forPort(636)).isEmpty();
        assertThat(LDAP.prelude(new PreludeContext(Optional.empty(), "client.invalid")).protocol()).isEqualTo("ldap");
    }

    @Test
    void everyTruncationWaitsAndLearnsNothing() {
        for (String name : new String[] {"ldap-starttls.server", "ldap-not-supported.server"}) {
            byte[] bytes = vector(name);
            for (int n = 0; n < bytes.length; n++) {
                Fed e = feed(LDAP, Arrays.copyOf(bytes, n), 1);
                assertThat(e.outcome()).as("%s cut to %d bytes", name, n).isEqualTo("go-on");
            }
        }
    }

    @Test
    void bytesAfterSuccessAreRefusedNotReadAsTls() {
        byte[] success = vector("ldap-starttls.server");
        byte[] withRecord = Arrays.copyOf(success, success.length + 5);
        System.arraycopy(new byte[] {0x16, 0x03, 0x03, 0x00, 0x01}, 0, withRecord, success.length, 5);
        Fed e = feed(LDAP, withRecord, Integer.MAX_VALUE);
        assertThat(e.failureKind()).isEqualTo(FailureKind.PRELUDE_UNEXPECTED);
        assertThat(e.detail()).isEqualTo("5 bytes came after the LDAP server's StartTLS success, before the client's"
                + " first TLS byte");
        assertThat(e.fields()).containsEntry("result-code", 0);
    }

    @Test
    void aNoticeOfDisconnectionTurnsTheClientAway() {
        // RFC 4511 4.4.1: messageID 0, ExtendedResponse unavailable (52), responseName 1.3.6.1.4.1.1466.20036
        byte[] notice = Hex.parse("303402010078" + "2f" + "0a0134" + "0400" + "0410" + hex("server is busy..")
                + "8a16" + hex("1.3.6.1.4.1.1466.20036"));
        Fed e = feed(LDAP, notice, 1);
        assertThat(e.failureKind()).isEqualTo(FailureKind.PRELUDE_SERVICE_REFUSED);
        assertThat(e.detail()).isEqualTo("the LDAP server sent an unsolicited notification 1.3.6.1.4.1.1466.20036"
                + " instead of answering StartTLS: unavailable (52) 'server is busy..'");
    }

    @Test
    void answersToAnotherMessageOrAnotherOperationAreUnexpected() {
        Fed otherId = feed(LDAP, Hex.parse("300c02010778070a010004000400"), Integer.MAX_VALUE);
        assertThat(otherId.detail()).isEqualTo("the LDAP server answered message 7, not the StartTLS request"
                + " (message 1)");
        Fed searchDone = feed(LDAP, Hex.parse("300c02010165070a010004000400"), Integer.MAX_VALUE);
        assertThat(searchDone.failureKind()).isEqualTo(FailureKind.PRELUDE_UNEXPECTED);
        assertThat(searchDone.detail()).endsWith("a protocolOp with tag 0x65, not an ExtendedResponse"
                + " ([APPLICATION 24], 0x78)");
    }

    @Test
    void hostileLengthsFailAtTheHeaderWithoutWaitingOrAllocating() {
        assertThat(feed(LDAP, Hex.parse("308400010000"), 1).detail())
                .isEqualTo("the LDAP server's answer to StartTLS is 65542 bytes long, more than the 16384 it may"
                        + " take");
        assertThat(feed(LDAP, Hex.parse("30847fffffff"), 1).detail()).isEqualTo("the LDAP server's answer to StartTLS"
                + " has a length of 2147483647 bytes");
        assertThat(feed(LDAP, Hex.parse("3084ffffffff"), 1).detail()).isEqualTo("the LDAP server's answer to StartTLS"
                + " has a length of 4294967295 bytes");
        assertThat(feed(LDAP, Hex.parse("30850100000000"), 1).detail()).endsWith("has a length of 5 bytes");
        assertThat(feed(LDAP, Hex.parse("3080020101"), 1).detail()).endsWith("an indefinite length, which LDAP does"
                + " not allow");
        assertThat(feed(LDAP, Hex.parse("3f01"), 1).failureKind()).isEqualTo(FailureKind.PRELUDE_UNEXPECTED);
        // a message that fits, holding an element that claims more than the message
        Fed overrun = feed(LDAP, Hex.parse("300c020101780784ffffff0004000400"), Integer.MAX_VALUE);
        assertThat(overrun.failureKind()).isEqualTo(FailureKind.PRELUDE_UNEXPECTED);
        Fed inner = feed(LDAP, Hex.parse("300c02010178070a7f0004000400"), Integer.MAX_VALUE);
        assertThat(inner.detail()).endsWith("the resultCode runs past the end of its message");
        Fed negative = feed(LDAP, Hex.parse("300c020101780a0a01ff04000400"), Integer.MAX_VALUE);
        assertThat(negative.failureKind()).isEqualTo(FailureKind.PRELUDE_UNEXPECTED);
    }

    @Test
    void anotherProtocolsBannerIsNamedAndBinaryGarbageIsUnexpected() {
        Fed ssh = feed(LDAP, Vectors.load("ssh-banner.server.hex"), 1);
        assertThat(ssh.failureKind()).isEqualTo(FailureKind.PRELUDE_OTHER_PROTOCOL);
        assertThat(ssh.detail()).isEqualTo("another protocol answered StartTLS: 'SSH-2.0-OpenSSH_9.2p1"
                + " Debian-2+deb12u10'");
        assertThat(feed(LDAP, Vectors.load("http-400.server.hex"), 50).detail())
                .isEqualTo("another protocol answered StartTLS: 'HTTP/1.1 400 Bad Request'");
        assertThat(feed(LDAP, Vectors.load("alert-handshake-failure.server.hex"), 1).detail())
                .isEqualTo("the answer to StartTLS is not an LDAP message: its first byte is 0x15, not a SEQUENCE"
                        + " (0x30)");
    }

    @Test
    void anEndlessBannerIsCutShort() {
        byte[] endless = "+OK ".repeat(2_500_000).getBytes(StandardCharsets.US_ASCII);
        Fed e = feed(LDAP, endless, 4096);
        assertThat(e.failureKind()).isEqualTo(FailureKind.PRELUDE_OTHER_PROTOCOL);
        assertThat(e.detail()).hasSizeLessThan(300).endsWith("...'");
    }

    @Test
    void aCodecReadingNothingDecidesNothing() {
        PreludeStep nothing = LDAP.open().read(new byte[0], 0, 0);
        assertThat(nothing).isInstanceOf(PreludeStep.GoOn.class);
        assertThat(nothing.consumed()).isZero();
        assertThat(LDAP.open().factsSoFar()).isEmpty();
    }

    private static String hex(String ascii) {
        return Hex.of(ascii.getBytes(StandardCharsets.US_ASCII));
    }
}
