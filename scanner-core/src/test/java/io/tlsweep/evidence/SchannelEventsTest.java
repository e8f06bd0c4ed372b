package io.tlsweep.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.wire.ProtocolVersion;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The Schannel event reader on a sample built from Microsoft's documentation (no Windows runs here; the sources
 * are in the sample's header and the README): as wevtutil writes it, wrapped in a root, in UTF-16, gzip-compressed,
 * and broken in the ways a copied or cut export is.
 */
class SchannelEventsTest {
    private static final SchannelEvents SCHANNEL = new SchannelEvents();
    private static final String SAMPLE = sample();
    private static final String TLS10 = SAMPLE.lines().filter(l -> l.contains(">36880<")).findFirst().orElseThrow();

    private static String sample() {
        try (var in = SchannelEventsTest.class.getResourceAsStream("/evidence/schannel-wevtutil.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }


    private static Collected read(byte[] bytes) throws IOException {
        Collected c = new Collected();
        try (EvidenceInput in = EvidenceInput.of("schannel.xml", new ByteArrayInputStream(bytes))) {
            assertThat(EvidenceReaders.detect(in.head())).containsInstanceOf(SchannelEvents.class);
            SCHANNEL.read(in, c);
        }
        return c;
    }

    private static Collected read(String text) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theSampleGivesTheHandshakesAndTheRefusedVersion() throws IOException {
        Collected c = read(SAMPLE);
        assertThat(c.problems).isEmpty();
        assertThat(c.seen).hasSize(5);
        Observation legacy = c.seen.get(0);
        assertThat(legacy.version()).contains(ProtocolVersion.TLSv1_0);
        assertThat(legacy.cipher()).contains("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA");
        assertThat(legacy.time()).contains(Instant.parse("2026-11-30T08:00:01.2345678Z"));
        assertThat(legacy.serverAddress()).contains("WEB01.contoso.test");
        assertThat(legacy.serverPort()).isEmpty();
        assertThat(legacy.clientAddress()).isEmpty();
        assertThat(legacy.established()).isTrue();
        assertThat(legacy.format()).isEqualTo("schannel");
        assertThat(c.seen.get(1).cipher()).contains("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        Observation refused = c.seen.get(2);
        assertThat(refused.established()).isFalse();
        assertThat(refused.version()).contains(ProtocolVersion.TLSv1_1);
        assertThat(refused.cipher()).isEmpty();
        assertThat(refused.serverAddress()).contains("WEB01.contoso.test");
        Observation outbound = c.seen.get(3);
        assertThat(outbound.clientAddress()).contains("WEB01.contoso.test");
        assertThat(outbound.serverName()).contains("api.partner.example");
        assertThat(outbound.serverAddress()).isEmpty();
        assertThat(c.seen.get(4).version()).contains(ProtocolVersion.TLSv1_3);
        assertThat(c.seen.get(4).cipher()).contains("TLS_AES_256_GCM_SHA384");
    }

    @Test
    void aRootAnXmlDeclarationUtf16AndGzipReadTheSame() throws IOException {
        List<Observation> plain = read(SAMPLE).seen;
        String rooted = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Events>\n" + SAMPLE + "</Events>\n";
        assertThat(read(rooted).seen).isEqualTo(plain);
        ByteArrayOutputStream utf16 = new ByteArrayOutputStream();
        utf16.write(0xFF);
        utf16.write(0xFE);
        utf16.write(SAMPLE.getBytes(StandardCharsets.UTF_16LE));
        assertThat(read(utf16.toByteArray()).seen).isEqualTo(plain);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(SAMPLE.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(read(gz.toByteArray()).seen).isEqualTo(plain);
    }

    @Test
    void prettyPrintedEventsAndRenderedMessagesAreRead() throws IOException {
        String pretty = TLS10.replace("><", ">\n  <");
        Collected c = read(pretty + "\n");
        assertThat(c.problems).isEmpty();
        assertThat(c.seen).singleElement()
                .satisfies(o -> assertThat(o.version()).contains(ProtocolVersion.TLSv1_0));
        String rendered = TLS10.replaceAll("<EventData>.*</EventData>", "<RenderingInfo Culture='en-US'><Message>A TLS"
                + " server handshake completed successfully. The negotiated cryptographic parameters are as follows."
                + "&#13;&#10;   Protocol version: TLS 1.1&#13;&#10;   CipherSuite: 0x2F&#13;&#10;"
                + "   Exchange strength: 2048 bits</Message></RenderingInfo>");
        assertThat(read(rendered + "\n").seen).singleElement().satisfies(o -> {
            assertThat(o.version()).contains(ProtocolVersion.TLSv1_1);
            assertThat(o.cipher()).contains("TLS_RSA_WITH_AES_128_CBC_SHA");
        });
    }

    @Test
    void anUnclosedEventIsAProblemAtItsLineAndTheRestIsRead() throws IOException {
        String cut = TLS10.substring(0, TLS10.indexOf("<EventData>"));
        Collected c = read(TLS10 + "\n" + cut + "\n" + TLS10 + "\n" + cut + "\n");
        assertThat(c.seen).hasSize(2);
        assertThat(c.problems).extracting(p -> p.where().toString()).containsExactly("schannel.xml:2",
                "schannel.xml:4");
        assertThat(c.problems.get(0).message()).contains("not closed before the next one starts (line 3)");
        assertThat(c.problems.get(1).message()).contains("before the input ends");
    }

    @Test
    void badXmlInsideAnEventIsAProblemAtItsLine() throws IOException {
        String broken = TLS10.replace("<Computer>", "<Computer attr=>").replace("><", ">\n<");
        Collected c = read(TLS10 + "\n" + broken + "\n" + TLS10 + "\n");
        assertThat(c.seen).hasSize(2);
        long computerLine = 2 + broken.substring(0, broken.indexOf("<Computer")).lines().count();
        assertThat(c.problems).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo(Position.line("schannel.xml", computerLine));
            assertThat(p.message()).startsWith("bad event XML");
        });
    }

    @Test
    void eventsWithoutWhatTheyNeedAreProblemsNamingTheEvent() throws IOException {
        Collected c = read(String.join("\n",
                TLS10.replace("<Data Name='Protocol'>TLS 1.0</Data>", ""),
                TLS10.replace("TLS 1.0", "TLS 9.9"),
                TLS10.replace("0xc014", "AES"),
                TLS10.replace("2026-11-30T08:00:01.2345678Z", "yesterday"),
                TLS10.replace("<EventID Qualifiers='0'>36880", "<EventID Qualifiers='0'>36874")
                        .replace("<Data Name='Protocol'>TLS 1.0</Data>", "<Data Name='Protocol'></Data>"),
                TLS10.replace("Name='Schannel'", "Name='Microsoft-Windows-Other'"),
                TLS10, ""));
        assertThat(c.seen).hasSize(1);
        assertThat(c.problems).extracting(p -> p.where().at()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(c.problems).extracting(EvidenceProblem::message).satisfiesExactly(
                m -> assertThat(m).startsWith("event 36880: no Protocol"),
                m -> assertThat(m).contains("TLS 9.9"),
                m -> assertThat(m).contains("not a hex code"),
                m -> assertThat(m).contains("TimeCreated"),
                m -> assertThat(m).startsWith("event 36874: no Protocol"));
    }

    @Test
    void aTruncatedGzipKeepsEveryEventBeforeTheCutAndSaysWhere() throws IOException {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            many.append(TLS10.replace("EventRecordID>1001<", "EventRecordID>" + i + "<")).append('\n');
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(many.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] whole = gz.toByteArray();
        Collected c = read(Arrays.copyOf(whole, whole.length / 2));
        assertThat(c.seen.size()).isBetween(1_000, 19_999);
        assertThat(c.problems).last().satisfies(p -> {
            assertThat(p.message()).contains("could not be read past here").contains("of the compressed file")
                    .contains(c.seen.size() + " events before it were read");
            assertThat(p.where().at()).isBetween((long) c.seen.size(), (long) c.seen.size() + 2);
        });
        assertThat(c.problems.size()).isLessThanOrEqualTo(2);
    }

    @Test
    void anEventOfAMegabyteIsSkippedWithoutKeepingIt() throws IOException {
        String huge = TLS10.replace("<Data Name='TargetName'></Data>", "<Data Name='TargetName'>"
                + "x".repeat(SchannelEvents.MAX_EVENT) + "</Data>");
        Collected c = read(TLS10 + "\n" + huge + "\n" + TLS10 + "\n");
        assertThat(c.seen).hasSize(2);
        assertThat(c.problems).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo(Position.line("schannel.xml", 2));
            assertThat(p.message()).contains("longer than");
        });
    }

    @Test
    void everyCutOfAnEventIsOneProblemOrNothingNeverAnException() throws IOException {
        for (int cut = 0; cut < TLS10.length(); cut += 7) {
            Collected c = new Collected();
            try (EvidenceInput in = EvidenceInput.of("cut.xml", new ByteArrayInputStream(
                    (TLS10.substring(0, cut) + "\n").getBytes(StandardCharsets.UTF_8)))) {
                SCHANNEL.read(in, c);
            }
            assertThat(c.seen).as("cut at " + cut).isEmpty();
            assertThat(c.problems.size()).as("cut at " + cut).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void itIsNotTakenForAnotherXmlFile() {
        assertThat(SCHANNEL.recognises("<?xml version=\"1.0\"?><project><Event/></project>"
                .getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(EvidenceReaders.named("schannel")).containsInstanceOf(SchannelEvents.class);
    }
}
