package io.tlsweep.prelude.mysql;

import static io.tlsweep.prelude.PreludeFeed.feed;
import static io.tlsweep.prelude.PreludeFeed.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.tlsweep.prelude.PreludeFeed.Fed;
import io.tlsweep.prelude.PreludeProtocols;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.result.FailureKind;
import io.tlsweep.wire.Hex;
import io.tlsweep.wire.Vectors;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MySQL/MariaDB's TLS upgrade on greetings captured from MariaDB 10.11 (vectors/prelude, see the README there),
 * fed whole, in pieces and byte by byte, and on truncated, garbage and hostile packets: always a value.
 */
class MysqlCodecTest {
    private static final MysqlProtocol MYSQL = new MysqlProtocol();
    private static final String VERSION = "5.5.5-10.11.19-MariaDB-0+deb12u1";

    @ParameterizedTest(name = "pieces of {0}")
    @ValueSource(ints = {Integer.MAX_VALUE, 50, 4, 1})
    void aGreetingWithClientSslStartsTlsAfterTheSslRequest(int piece) {
        Fed e = feed(MYSQL, vector("mysql-ssl.server"), piece);
        assertThat(e.tlsMayStart()).isTrue();
        assertThat(e.last().consumed()).isEqualTo(104);
        assertThat(e.sent()).isEqualTo(vector("mysql-ssl.client"));
        assertThat(((PreludeStep.TlsMayStart) e.last()).send()).isEqualTo(vector("mysql-ssl.client"));
        assertThat(e.fields()).containsExactly(entry("protocol-version", 10), entry("server-version", VERSION),
                entry("starttls-offered", true), entry("capabilities", "0x81fffffe"),
                entry("auth-plugin", "mysql_native_password"));
    }

    @Test
    void theSslRequestEchoesTheServersCharsetAndTheFlagsItHas() {
        byte[] request = vector("mysql-ssl.client");
        assertThat(Arrays.copyOf(request, 4)).isEqualTo(new byte[] {32, 0, 0, 1});
        // CLIENT_SSL | PROTOCOL_41 | SECURE_CONNECTION | PLUGIN_AUTH; MariaDB has no CLIENT_LONG_PASSWORD (bit 0)
        assertThat(Hex.of(Arrays.copyOfRange(request, 4, 13))).isEqualTo("008a0800" + "00000001" + "08");
        assertThat(Arrays.copyOfRange(request, 13, 36)).containsOnly(0);
    }

    @ParameterizedTest(name = "pieces of {0}")
    @ValueSource(ints = {Integer.MAX_VALUE, 1})
    void aGreetingWithoutClientSslIsNoTls(int piece) {
        Fed e = feed(MYSQL, vector("mysql-no-ssl.server"), piece);
        assertThat(e.failureKind()).isEqualTo(FailureKind.PRELUDE_TLS_NOT_OFFERED);
        assertThat(e.detail()).isEqualTo("the MySQL server " + VERSION + " does not offer TLS (no CLIENT_SSL in its"
                + " greeting)");
        assertThat(e.sent()).isEmpty();
        assertThat(e.fields()).containsEntry("starttls-offered", false).containsEntry("capabilities", "0x81fff7fe");
    }

    @ParameterizedTest(name = "pieces of {0}")
    @ValueSource(ints = {Integer.MAX_VALUE, 1})
    void anErrorGreetingTurnsTheClientAway(int piece) {
        Fed e = feed(MYSQL, vector("mysql-host-not-allowed.server"), piece);
        assertThat(e.failureKind()).isEqualTo(FailureKind.PRELUDE_SERVICE_REFUSED);
        assertThat(e.detail()).isEqualTo("the MySQL server turned the client away: 1130 Host '127.0.0.2' is not"
                + " allowed to connect to this MariaDB server");
        assertThat(e.fields()).containsExactly(entry("error-code", 1130),
                entry("error-message", "Host '127.0.0.2' is not allowed to connect to this MariaDB server"));
    }

    @Test
    void tooManyConnectionsWithItsSqlState() {
        Fed e = feed(MYSQL, packet(0, bytes(0xFF, 0x10, 0x04), ascii("#08004Too many connections")), 1);
        assertThat(e.detail()).isEqualTo("the MySQL server turned the client away: 1040 (08004) Too many connections");
        assertThat(e.fields()).containsExactly(entry("error-code", 1040), entry("error-state", "08004"),
                entry("error-message", "Too many connections"));
        assertThat(feed(MYSQL, packet(0, bytes(0xFF, 0x10)), 1).detail())
                .isEqualTo("the MySQL server's error packet ends before its error number");
    }

    @Test
    void theProtocolIsRegisteredByNameAndPort() {
        assertThat(PreludeProtocols.named("mysql")).contains(MYSQL);
        assertThat(PreludeProtocols.forPort(3306)).contains(MYSQL);
    }

    @Test
    void everyTruncationWaits() {
        byte[] greeting = vector("mysql-ssl.server");
        for (int n = 0; n < greeting.length; n++) {
            Fed e = feed(MYSQL, Arrays.copyOf(greeting, n), 1);
            assertThat(e.outcome()).as("cut to %d", n).isEqualTo("go-on");
            assertThat(e.sent()).isEmpty();
        }
    }

    @Test
    void everyShortenedPayloadIsAValue() {
        byte[] greeting = vector("mysql-ssl.server");
        for (int n = 1; n < greeting.length - 4; n++) {
            byte[] payload = Arrays.copyOfRange(greeting, 4, 4 + n);
            Fed e = feed(MYSQL, packet(0, payload), Integer.MAX_VALUE);
            assertThat(e.outcome()).as("payload of %d bytes", n).isNotEqualTo("go-on");
        }
        assertThat(feed(MYSQL, packet(0, Arrays.copyOfRange(greeting, 4, 40)), 1).detail())
                .isEqualTo("the MySQL greeting is malformed: the greeting ends before its capability flags");
    }

    @Test
    void bytesAfterTheGreetingAreRefused() {
        byte[] greeting = vector("mysql-ssl.server");
        Fed e = feed(MYSQL, Arrays.copyOf(greeting, greeting.length + 3), Integer.MAX_VALUE);
        assertThat(e.detail()).isEqualTo("3 bytes came after the MySQL greeting, before the client's SSL request");
        assertThat(e.sent()).isEmpty();
    }

    @Test
    void oldProtocolsAndPre41Servers() {
        Fed nine = feed(MYSQL, packet(0, bytes(9), ascii("3.21.33\0"), bytes(1, 0, 0, 0), ascii("abcdefgh\0")), 1);
        assertThat(nine.failureKind()).isEqualTo(FailureKind.PRELUDE_TLS_NOT_OFFERED);
        assertThat(nine.fields()).containsEntry("protocol-version", 9).containsEntry("server-version", "3.21.33");
        // MySQL 4.0: no CLIENT_PROTOCOL_41, CLIENT_SSL, and the greeting ends after charset/status/filler
        byte[] v40 = packet(0, bytes(10), ascii("4.0.27\0"), bytes(1, 0, 0, 0), ascii("abcdefgh"), bytes(0),
                bytes(0x2C, 0x08), bytes(8, 2, 0), new byte[13]);
        Fed e = feed(MYSQL, v40, 1);
        assertThat(e.tlsMayStart()).isTrue();
        assertThat(Hex.of(e.sent())).isEqualTo("050000" + "01" + "0008" + "ffffff");
        assertThat(e.fields()).containsEntry("capabilities", "0x0000082c").doesNotContainKey("auth-plugin");
    }

    @Test
    void hostileAndForeignFirstPacketsFailAtTheirHeader() {
        assertThat(feed(MYSQL, bytes(0xFF, 0xFF, 0xFF, 0x00), 1).detail()).isEqualTo("the first packet is not a MySQL"
                + " greeting: sequence id 0, 16777215 bytes (a greeting has sequence id 0 and 1 to 4096)");
        assertThat(feed(MYSQL, packet(3, bytes(10)), 1).failureKind()).isEqualTo(FailureKind.PRELUDE_UNEXPECTED);
        assertThat(feed(MYSQL, packet(0, bytes(11, 0)), 1).detail())
                .isEqualTo("the MySQL greeting has protocol version 11, not 10");
        assertThat(feed(MYSQL, packet(0, ascii("\n5.7.0")), 1).detail())
                .isEqualTo("the MySQL greeting is malformed: the server version has no end");
        Fed ssh = feed(MYSQL, Vectors.load("ssh-banner.server.hex"), 1);
        assertThat(ssh.failureKind()).isEqualTo(FailureKind.PRELUDE_OTHER_PROTOCOL);
        assertThat(ssh.detail()).isEqualTo("another protocol greeted: 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10'");
        byte[] endless = "+OK".repeat(3_500_000).getBytes(StandardCharsets.US_ASCII);
        assertThat(feed(MYSQL, endless, 8192).failureKind()).isEqualTo(FailureKind.PRELUDE_OTHER_PROTOCOL);
    }

    @Test
    void randomGarbageIsAValueHoweverItIsSplit() {
        Random random = new Random(20261202);
        for (int i = 0; i < 3000; i++) {
            byte[] garbage = new byte[random.nextInt(300)];
            random.nextBytes(garbage);
            if (i % 3 == 0 && garbage.length > 4) {
                garbage[3] = 0;
                garbage[2] = 0;
                garbage[1] = 0;
            }
            Fed whole = feed(MYSQL, garbage, Integer.MAX_VALUE);
            Fed bytewise = feed(MYSQL, garbage, 1);
            if (!bytewise.tlsMayStart()) {
                assertThat(whole.outcome()).as(Hex.of(garbage)).isEqualTo(bytewise.outcome());
            }
        }
    }

    private static byte[] packet(int sequence, byte[]... parts) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            payload.writeBytes(p);
        }
        int n = payload.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) n, (byte) (n >> 8), (byte) (n >> 16), (byte) sequence});
        out.writeBytes(payload.toByteArray());
        return out.toByteArray();
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
