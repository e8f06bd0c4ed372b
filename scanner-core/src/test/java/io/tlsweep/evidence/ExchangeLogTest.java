package io.tlsweep.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.wire.ProtocolVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The Exchange protocol log reader on samples built from Microsoft's documented fields (no Exchange runs here; the
 * sources are in the samples' headers): a Receive log and a Send log, then damaged copies of their lines.
 */
class ExchangeLogTest {
    private static final ExchangeLog EXCHANGE = new ExchangeLog();
    private static final String HEADER = "#Software: Microsoft Exchange Server\n#Version: 15.0.0.0\n"
            + "#Log-type: SMTP Receive Protocol Log\n"
            + "#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,"
            + "context\n";
    private static final String TLS10 = "2026-11-30T08:00:01.230Z,EX01\\Default Frontend EX01,08DE1A2B3C4D0001,8,"
            + "10.0.0.5:25,203.0.113.10:50123,*,,TLS protocol SP_PROT_TLS1_0_SERVER negotiated with cipher suite"
            + " TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA";


    private static Collected read(String name, InputStream stream) throws IOException {
        Collected c = new Collected();
        try (EvidenceInput in = EvidenceInput.of(name, stream)) {
            assertThat(EvidenceReaders.detect(in.head())).containsInstanceOf(ExchangeLog.class);
            EXCHANGE.read(in, c);
        }
        return c;
    }

    private static Collected read(String text) throws IOException {
        return read("RECV2026113008-1.LOG", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Collected sample(String name) throws IOException {
        return read(name, ExchangeLogTest.class.getResourceAsStream("/evidence/" + name));
    }

    @Test
    void theReceiveSampleGivesEachSessionsVersionClientAndConnectorEndpoint() throws IOException {
        Collected c = sample("exchange-smtp-receive.log");
        assertThat(c.problems).isEmpty();
        assertThat(c.seen).hasSize(3);
        Observation legacy = c.seen.get(0);
        assertThat(legacy.version()).contains(ProtocolVersion.TLSv1_0);
        assertThat(legacy.clientAddress()).contains("203.0.113.10");
        assertThat(legacy.serverAddress()).contains("10.0.0.5");
        assertThat(legacy.serverPort()).isEqualTo(OptionalInt.of(25));
        assertThat(legacy.cipher()).contains("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA");
        assertThat(legacy.time()).contains(Instant.parse("2026-11-30T08:00:01.230Z"));
        assertThat(legacy.established()).isTrue();
        assertThat(legacy.format()).isEqualTo("exchange");
        Observation v6 = c.seen.get(1);
        assertThat(v6.version()).contains(ProtocolVersion.TLSv1_2);
        assertThat(v6.clientAddress()).contains("2001:db8::25");
        assertThat(v6.serverPort()).isEqualTo(OptionalInt.of(587));
        assertThat(v6.cipher()).contains("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, with \"quotes\" kept");
        Observation bare = c.seen.get(2);
        assertThat(bare.version()).contains(ProtocolVersion.TLSv1_1);
        assertThat(bare.cipher()).isEmpty();
        assertThat(bare.clientAddress()).contains("198.51.100.77");
    }

    @Test
    void inASendLogTheRemoteEndpointIsTheServer() throws IOException {
        Collected c = sample("exchange-smtp-send.log");
        assertThat(c.problems).isEmpty();
        assertThat(c.seen).singleElement().satisfies(o -> {
            assertThat(o.version()).contains(ProtocolVersion.TLSv1_1);
            assertThat(o.serverAddress()).contains("198.51.100.2");
            assertThat(o.serverPort()).isEqualTo(OptionalInt.of(25));
            assertThat(o.clientAddress()).contains("10.0.0.5");
        });
    }

    @Test
    void theColumnsAreTakenFromTheFieldsHeaderInAnyOrder() throws IOException {
        Collected c = read("#Software: Microsoft Exchange Server\n#Fields: event,date-time,remote-endpoint,"
                + "local-endpoint,data\n*,2026-01-02T03:04:05.000Z,192.0.2.1:4000,192.0.2.2:465,TLS protocol"
                + " SP_PROT_TLS1_SERVER negotiated\n");
        assertThat(c.problems).isEmpty();
        assertThat(c.seen).singleElement().satisfies(o -> {
            assertThat(o.version()).contains(ProtocolVersion.TLSv1_0);
            assertThat(o.clientAddress()).contains("192.0.2.1");
            assertThat(o.serverPort()).isEqualTo(OptionalInt.of(465));
        });
    }

    @Test
    void damagedLinesAreProblemsAtTheirLineAndTheRestIsRead() throws IOException {
        Collected c = read(HEADER + String.join("\n",
                TLS10,
                TLS10.replace("2026-11-30T08:00:01.230Z", "30/11/2026 08:00"),
                TLS10.replace("10.0.0.5:25", "10.0.0.5"),
                TLS10.replace("203.0.113.10:50123", "203.0.113.10:99999"),
                TLS10.replace(",*,,", ",*,\"unclosed,"),
                TLS10.substring(0, TLS10.indexOf("SERVER")),
                TLS10.replace(",*,,", ",*,,,"),
                TLS10.replace(",*,", ",<,"),
                TLS10.replace("SP_PROT_TLS1_0_SERVER", "SP_PROT_TLS9_SERVER"),
                TLS10.replace("203.0.113.10", "203.0.113.11"), ""));
        assertThat(c.seen).extracting(o -> o.clientAddress().orElseThrow()).containsExactly("203.0.113.10",
                "203.0.113.11");
        assertThat(c.problems).extracting(p -> p.where().toString()).containsExactly("RECV2026113008-1.LOG:6",
                "RECV2026113008-1.LOG:7", "RECV2026113008-1.LOG:8", "RECV2026113008-1.LOG:9", "RECV2026113008-1.LOG:10",
                "RECV2026113008-1.LOG:11", "RECV2026113008-1.LOG:13");
        assertThat(c.problems.get(0).message()).contains("date-time");
        assertThat(c.problems.get(1).message()).contains("endpoint");
        assertThat(c.problems.get(3).message()).contains("unclosed quote");
        assertThat(c.problems.get(4).message()).contains("Schannel protocol constant");
        assertThat(c.problems.get(5).message()).contains("10 fields");
        assertThat(c.problems.get(6).message()).contains("SP_PROT_TLS9_SERVER");
    }

    @Test
    void aLineBeforeAnyFieldsHeaderOrUnderABadOneIsAProblem() throws IOException {
        Collected c = read("#Software: Microsoft Exchange Server\n" + TLS10 + "\n#Fields: date-time,event\n" + TLS10
                + "\n");
        assertThat(c.seen).isEmpty();
        assertThat(c.problems).extracting(p -> p.where().at()).containsExactly(2L, 3L, 4L);
        assertThat(c.problems.get(0).message()).contains("before any #Fields");
        assertThat(c.problems.get(1).message()).contains("local-endpoint");
    }

    @Test
    void everyCutOfTheLineIsAProblemOrSkippedNeverAnException() throws IOException {
        for (int cut = 0; cut < TLS10.length(); cut++) {
            Collected c = read(HEADER + TLS10.substring(0, cut) + "\n");
            assertThat(c.seen.size() + c.problems.size()).as("cut at " + cut).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void itDoesNotTakeAnIisLogForItsOwn() {
        String iis = "#Software: Microsoft Internet Information Services 10.0\n#Fields: date time s-ip cs-method\n";
        assertThat(EXCHANGE.recognises(iis.getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(EXCHANGE.recognises(HEADER.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(EvidenceReaders.named("exchange")).containsInstanceOf(ExchangeLog.class);
    }
}
