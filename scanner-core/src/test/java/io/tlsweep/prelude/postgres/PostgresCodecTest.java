package io.tlsweep.prelude.postgres;

import static io.tlsweep.prelude.PreludeFeed.feed;
import static io.tlsweep.prelude.PreludeFeed.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.tlsweep.prelude.PreludeFeed.Fed;
import io.tlsweep.prelude.PreludeProtocols;
import io.tlsweep.result.FailureKind;
import io.tlsweep.wire.Vectors;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PostgreSQL's SSLRequest on answers captured from PostgreSQL 15 (vectors/prelude, see the README there), fed
 * whole, in pieces and byte by byte, and on truncated, injected, garbage and hostile answers: always a value.
 */
class PostgresCodecTest {
    private static final PostgresProtocol POSTGRES = new PostgresProtocol();

    @Test
    void sLetsTlsStart() {
        Fed e = feed(POSTGRES, vector("postgres-ssl.server"), 1);
        assertThat(e.tlsMayStart()).isTrue();
        assertThat(e.last().consumed()).isEqualTo(1);
        assertThat(e.sent()).isEqualTo(vector("postgres-ssl.client")).isEqualTo(PostgresCodec.SSL_REQUEST);
        assertThat(e.fields()).containsExactly(entry("answer", "S"), entry("starttls-offered", true));
    }

    @Test
    void nIsNoTls() {
        Fed e = feed(POSTGRES, vector("postgres-no-ssl.server"), 1);
        assertThat(e.failureKind()).isEqualTo(FailureKind.PRELUDE_TLS_NOT_OFFERED);
        assertThat(e.detail()).isEqualTo("the PostgreSQL server answered N to SSLRequest: it accepts no TLS");
        assertThat(e.fields()).containsExactly(entry("answer", "N"), entry("starttls-offered", false));
    }

    @ParameterizedTest(name = "pieces of {0}")
    @ValueSource(ints = {Integer.MAX_VALUE, 50, 7, 1})
    void anErrorIsWhatAServerWithoutTlsSupportSays(int piece) {
        Fed e = feed(POSTGRES, vector("postgres-error.server"), piece);
        assertThat(e.failureKind()).isEqualTo(FailureKind.PRELUDE_TLS_NOT_OFFERED);
        assertThat(e.last().consumed()).isEqualTo(138);
        assertThat(e.detail()).isEqualTo("the PostgreSQL server answered SSLRequest with an error, as servers without"
                + " TLS support do: FATAL 0A000 unsupported frontend protocol 1234.5679: server supports 3.0 to 3.0");
        assertThat(e.fields()).containsExactly(entry("answer", "E"), entry("starttls-offered", false),
                entry("error-severity", "FATAL"), entry("error-code", "0A000"),
                entry("error-message", "unsupported frontend protocol 1234.5679: server supports 3.0 to 3.0"));
    }

    @Test
    void theProtocolIsRegisteredByNameAndPort() {
        assertThat(PreludeProtocols.named("postgres")).contains(POSTGRES);
        assertThat(PreludeProtocols.forPort(5432)).contains(POSTGRES);
    }

    @Test
    void everyTruncatedErrorWaits() {
        byte[] error = vector("postgres-error.server");
        for (int n = 0; n < error.length; n++) {
            assertThat(feed(POSTGRES, Arrays.copyOf(error, n), 1).outcome()).as("cut to %d", n).isEqualTo("go-on");
        }
    }

    @Test
    void bytesAfterTheSAreAnInjection() {
        Fed e = feed(POSTGRES, new byte[] {'S', 0x16, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28}, Integer.MAX_VALUE);
        assertThat(e.failureKind()).isEqualTo(FailureKind.PRELUDE_UNEXPECTED);
        assertThat(e.detail()).isEqualTo("7 bytes came after the PostgreSQL server's S, before the client's first"
                + " TLS byte (an injection, CVE-2021-23222)");
    }

    @Test
    void anSshBannerIsNotAnS() {
        Fed e = feed(POSTGRES, Vectors.load("ssh-banner.server.hex"), Integer.MAX_VALUE);
        assertThat(e.failureKind()).isEqualTo(FailureKind.PRELUDE_OTHER_PROTOCOL);
        assertThat(e.detail()).isEqualTo("another protocol answered SSLRequest: 'SSH-2.0-OpenSSH_9.2p1"
                + " Debian-2+deb12u10'");
        assertThat(feed(POSTGRES, Vectors.load("smtp-banner.server.hex"), 1).detail())
                .isEqualTo("another protocol answered SSLRequest: '220 localhost Python SMTP proxy version 0.3'");
    }

    /** Found by PreludeCodecFuzzTest: "SS" in one read is not a TLS start but maybe an SSH banner's start. */
    @Test
    void anSWithTextAfterItWaitsForTheLine() {
        assertThat(feed(POSTGRES, new byte[] {'S', 'S'}, Integer.MAX_VALUE).outcome()).isEqualTo("go-on");
        assertThat(feed(POSTGRES, new byte[] {'S', 'S'}, 1).outcome()).isEqualTo("tls-may-start");
    }

    @Test
    void tooManyClientsTurnsTheClientAway() {
        Fed e = feed(POSTGRES, errorV3("SFATAL", "VFATAL", "C53300", "Msorry, too many clients already"), 1);
        assertThat(e.failureKind()).isEqualTo(FailureKind.PRELUDE_SERVICE_REFUSED);
        assertThat(e.detail()).isEqualTo("the PostgreSQL server turned the client away: FATAL 53300 sorry, too many"
                + " clients already");
        Fed starting = feed(POSTGRES, errorV3("SFATAL", "C57P03", "Mthe database system is starting up"), 50);
        assertThat(starting.failureKind()).isEqualTo(FailureKind.PRELUDE_SERVICE_REFUSED);
    }

    @Test
    void aProtocolTwoErrorIsReadToItsNul() {
        byte[] v2 = "EFATAL 1:  unsupported frontend protocol\n\0".getBytes(StandardCharsets.US_ASCII);
        Fed e = feed(POSTGRES, v2, 1);
        assertThat(e.failureKind()).isEqualTo(FailureKind.PRELUDE_TLS_NOT_OFFERED);
        assertThat(e.last().consumed()).isEqualTo(v2.length);
        assertThat(e.fields()).containsExactly(entry("answer", "E"), entry("starttls-offered", false),
                entry("error-message", "FATAL 1:  unsupported frontend protocol"));
    }

    @Test
    void hostileErrorsFailWithinTheirBound() {
        assertThat(feed(POSTGRES, new byte[] {'E', 0, 0x7F, (byte) 0xFF, (byte) 0xFF}, 1).detail())
                .isEqualTo("the PostgreSQL server answered SSLRequest with an error message of 8388607 bytes, not 5"
                        + " to 8192");
        byte[] endless = new byte[10 * 1024 * 1024];
        Arrays.fill(endless, (byte) 'x');
        endless[0] = 'E';
        Fed e = feed(POSTGRES, endless, 65536);
        assertThat(e.detail()).isEqualTo("the PostgreSQL server's E answer has no end within 8192 bytes");
        byte[] unended = {'E', 0, 0, 0, 9, 'M', 'a', 'b', 'c', 'd'};
        assertThat(feed(POSTGRES, unended, 1).detail()).isEqualTo("the PostgreSQL server's error message has a field"
                + " without its end");
        byte[] noTerminator = {'E', 0, 0, 0, 8, 'M', 'a', 0, 'b'};
        assertThat(feed(POSTGRES, noTerminator, 1).failureKind()).isEqualTo(FailureKind.PRELUDE_UNEXPECTED);
        assertThat(feed(POSTGRES, new byte[] {0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46}, 1).detail())
                .isEqualTo("the PostgreSQL server answered SSLRequest with 0x15, not S, N or E");
    }

    /** A protocol-3 ErrorResponse with these fields (type letter and value each). */
    private static byte[] errorV3(String... fields) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String f : fields) {
            body.writeBytes(f.getBytes(StandardCharsets.UTF_8));
            body.write(0);
        }
        body.write(0);
        int length = body.size() + 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('E');
        out.writeBytes(new byte[] {(byte) (length >> 24), (byte) (length >> 16), (byte) (length >> 8), (byte) length});
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }
}
