package io.tlsweep.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.wire.ProtocolVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Postfix reader on single lines: the forms of Postfix 3.7's tls_misc.c and smtp/smtpd logging (the real
 * server's lines are in {@link PostfixLogRealTest}), their service names, time stamps and damaged copies.
 */
class PostfixLogTest {
    private static final PostfixLog UTC_2026 = new PostfixLog(2026, ZoneOffset.UTC);
    private static final String INBOUND = "Dec 03 15:42:15 mail postfix/smtpd[21497]: Anonymous TLS connection"
            + " established from unknown[192.0.2.7]: TLSv1 with cipher ECDHE-RSA-AES256-SHA (256/256 bits)";


    private static Collected read(PostfixLog reader, String text) throws IOException {
        Collected c = new Collected();
        try (EvidenceInput in = EvidenceInput.of("mail.log", new ByteArrayInputStream(
                text.getBytes(StandardCharsets.UTF_8)))) {
            reader.read(in, c);
        }
        return c;
    }

    private static Observation one(String line) throws IOException {
        Collected c = read(UTC_2026, line + "\n");
        assertThat(c.problems).isEmpty();
        assertThat(c.seen).hasSize(1);
        return c.seen.get(0);
    }

    @Test
    void anInboundLineGivesClientVersionCipherAndTime() throws IOException {
        Observation o = one(INBOUND);
        assertThat(o.clientAddress()).contains("192.0.2.7");
        assertThat(o.version()).contains(ProtocolVersion.TLSv1_0);
        assertThat(o.cipher()).contains("ECDHE-RSA-AES256-SHA");
        assertThat(o.time()).contains(Instant.parse("2026-12-03T15:42:15Z"));
        assertThat(o.serverAddress()).isEmpty();
        assertThat(o.serverPort()).isEmpty();
        assertThat(o.serverName()).isEmpty();
        assertThat(o.established()).isTrue();
        assertThat(o.format()).isEqualTo("postfix");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Anonymous", "Trusted", "Untrusted", "Verified"})
    void everyTrustLevelIsAHandshake(String trust) throws IOException {
        assertThat(one(INBOUND.replace("Anonymous", trust)).version()).contains(ProtocolVersion.TLSv1_0);
    }

    @Test
    void theTailOfPostfix34IsRead() throws IOException {
        Observation o = one("Dec 03 15:42:16 mail postfix/smtpd[21497]: Anonymous TLS connection established from"
                + " localhost[127.0.0.1]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519"
                + " server-signature RSA-PSS (2048 bits) server-digest SHA256");
        assertThat(o.version()).contains(ProtocolVersion.TLSv1_3);
        assertThat(o.cipher()).contains("TLS_AES_256_GCM_SHA384");
        assertThat(o.clientAddress()).contains("127.0.0.1");
    }

    @Test
    void anOutboundLineNamesTheServerItWentTo() throws IOException {
        Observation o = one("Mar  1 08:00:01 mx1 postfix/smtp[4242]: Verified TLS connection established to"
                + " mx.example.net[198.51.100.2]:25: TLSv1.1 with cipher DHE-RSA-AES128-SHA (128/128 bits)");
        assertThat(o.serverAddress()).contains("198.51.100.2");
        assertThat(o.serverPort()).isEqualTo(OptionalInt.of(25));
        assertThat(o.serverName()).contains("mx.example.net");
        assertThat(o.clientAddress()).isEmpty();
        assertThat(o.version()).contains(ProtocolVersion.TLSv1_1);
        assertThat(o.time()).contains(Instant.parse("2026-03-01T08:00:01Z"));
    }

    @Test
    void ipv6ClientsLoseTheirPrefix() throws IOException {
        assertThat(one(INBOUND.replace("unknown[192.0.2.7]", "mail.example[IPv6:2001:db8::7]")).clientAddress())
                .contains("2001:db8::7");
        assertThat(one(INBOUND.replace("unknown[192.0.2.7]", "unknown[2001:db8::8]")).clientAddress())
                .contains("2001:db8::8");
    }

    @ParameterizedTest
    @CsvSource({"postfix/submission/smtpd, 587", "postfix/smtps/smtpd, 465", "postfix/smtp/smtpd, 25",
        "postfix-out/submission/smtpd, 587", "postfix/smtpd, -1", "postfix/custom/smtpd, -1",
        "postfix/submission/tlsproxy, 587"})
    void theServiceNameGivesTheStandardPort(String tag, int port) throws IOException {
        Observation o = one(INBOUND.replace("postfix/smtpd", tag));
        assertThat(o.serverPort()).isEqualTo(port < 0 ? OptionalInt.empty() : OptionalInt.of(port));
    }

    @ParameterizedTest
    @CsvSource({"2026-12-03T15:42:15.123456+00:00, 2026-12-03T15:42:15.123456Z",
        "2026-12-03T16:42:15+01:00, 2026-12-03T15:42:15Z", "2026-12-03T16:42:15+0100, 2026-12-03T15:42:15Z",
        "2026-12-03T15:42:15Z, 2026-12-03T15:42:15Z"})
    void rfc3339TimeStampsCarryTheirOwnYearAndZone(String stamp, String utc) throws IOException {
        Observation o = one(INBOUND.replace("Dec 03 15:42:15", stamp));
        assertThat(o.time()).contains(Instant.parse(utc));
    }

    @Test
    void syslogTimeIsInTheGivenYearAndZoneWithItsFraction() throws IOException {
        Collected c = read(new PostfixLog(2025, ZoneId.of("Europe/Berlin")),
                INBOUND.replace("Dec 03 15:42:15", "Jul  4 12:00:00.250") + "\n");
        assertThat(c.seen).singleElement().satisfies(o -> assertThat(o.time())
                .contains(Instant.parse("2025-07-04T10:00:00.250Z")));
        Collected leap = read(new PostfixLog(2024, ZoneOffset.UTC), INBOUND.replace("Dec 03", "Feb 29") + "\n");
        assertThat(leap.seen).singleElement().satisfies(o -> assertThat(o.time())
                .contains(Instant.parse("2024-02-29T15:42:15Z")));
    }

    @Test
    void aMonthThatGoesBackStartsTheNextYear() throws IOException {
        Collected c = read(UTC_2026, INBOUND.replace("Dec 03", "Dec 31") + "\n"
                + INBOUND.replace("Dec 03", "Jan  1") + "\n" + INBOUND.replace("Dec 03", "Jan  2") + "\n");
        assertThat(c.seen).extracting(o -> o.time().orElseThrow()).containsExactly(
                Instant.parse("2026-12-31T15:42:15Z"), Instant.parse("2027-01-01T15:42:15Z"),
                Instant.parse("2027-01-02T15:42:15Z"));
    }

    @Test
    void otherLinesAndFailedHandshakesWithoutAVersionAreSkipped() throws IOException {
        Collected c = read(UTC_2026, String.join("\n",
                "Dec 03 15:42:15 mail postfix/master[21492]: daemon started -- version 3.7.11",
                "Dec 03 15:42:15 mail postfix/smtpd[21497]: connect from localhost[127.0.0.1]",
                "Dec 03 15:42:19 mail postfix/smtpd[21706]: SSL_accept error from localhost[127.0.0.1]: -1",
                "Dec 03 15:42:19 mail postfix/smtpd[21706]: warning: TLS library problem: error:0A000102:SSL"
                        + " routines::unsupported protocol:../ssl/statem/statem_srvr.c:1664:",
                "Dec 03 15:42:19 mail dovecot: imap-login: Login: user=<a>, TLS", INBOUND, ""));
        assertThat(c.problems).isEmpty();
        assertThat(c.seen).hasSize(1);
    }

    @Test
    void damagedLinesAreProblemsAtTheirLineAndTheRestIsRead() throws IOException {
        Collected c = read(UTC_2026, String.join("\n",
                INBOUND,
                INBOUND.replace("TLSv1 with", "TLSv9 with"),
                INBOUND.substring(INBOUND.indexOf("Anonymous")),
                INBOUND.substring(0, INBOUND.indexOf(" with cipher")),
                INBOUND.replace("Dec 03", "Feb 30"),
                INBOUND.replace("Dec 03", "Foo 03"),
                "Mar  1 08:00:01 mx1 postfix/smtp[4242]: Verified TLS connection established to"
                        + " mx.example.net[198.51.100.2]: TLSv1.1 with cipher DHE-RSA-AES128-SHA (128/128 bits)",
                INBOUND.replace("192.0.2.7", "192.0.2.8"), ""));
        assertThat(c.seen).extracting(o -> o.clientAddress().orElseThrow()).containsExactly("192.0.2.7", "192.0.2.8");
        assertThat(c.problems).extracting(p -> p.where().toString()).containsExactly("mail.log:2", "mail.log:3",
                "mail.log:4", "mail.log:5", "mail.log:6", "mail.log:7");
        assertThat(c.problems.get(0).message()).contains("TLSv9");
        assertThat(c.problems.get(1).message()).contains("syslog header");
        assertThat(c.problems.get(2).message()).contains("not in Postfix's words");
        assertThat(c.problems.get(3).message()).contains("time stamp");
        assertThat(c.problems.get(5).message()).contains("port");
    }

    @Test
    void everyCutOfALineIsSeenSkippedOrAProblemNeverAnException() throws IOException {
        for (int cut = 0; cut <= INBOUND.length(); cut++) {
            Collected c = read(UTC_2026, INBOUND.substring(0, cut) + "\n");
            assertThat(c.seen.size() + c.problems.size()).as("cut at " + cut).isLessThanOrEqualTo(1);
            if (cut < INBOUND.length()) {
                assertThat(c.seen).as("cut at " + cut).isEmpty();
            }
        }
    }

    @Test
    void itRecognisesAMailLogAndNotAnAccessLog() {
        String mail = "Dec 03 15:42:15 mail postfix/master[21492]: daemon started\n" + INBOUND + "\n";
        String rfc = "2026-12-03T15:42:15.1+00:00 mail postfix/smtpd[1]: connect from x[192.0.2.1]\n";
        assertThat(UTC_2026.recognises(mail.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(UTC_2026.recognises(rfc.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(UTC_2026.recognises(("192.0.2.1 - - [03/Dec/2026:15:42:15 +0000] \"GET / HTTP/1.1\" 200 1 TLSv1\n")
                .getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(UTC_2026.recognises("Dec 03 15:42:15 web haproxy[12]: 192.0.2.1:5 TLSv1\n"
                .getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(EvidenceReaders.named("postfix")).containsInstanceOf(PostfixLog.class);
    }
}
