package io.tlsweep.evidence.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.evidence.EvidenceReaders;
import io.tlsweep.evidence.Observation;
import io.tlsweep.evidence.Position;
import io.tlsweep.wire.ProtocolVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The two file formats in each of their forms, and what a damaged file gives. */
class PcapFileTest {
    /** Two handshakes: TLS 1.0 to port 443, then TLS 1.3 to port 8443 (frames 0-3 and 4-7). */
    private static List<CaptureWriter.Frame> twoHandshakes() {
        List<CaptureWriter.Frame> frames = new ArrayList<>(Conversation.to(443).handshake()
                .client(Packets.clientHello10()).server(Packets.serverHello(0x0301, 0x002F)).frames());
        for (CaptureWriter.Frame f : new Conversation(Packets.CLIENT, 50002, Packets.SERVER, 8443).handshake()
                .client(Packets.clientHello("b.example")).server(Packets.serverHello13(0x1303)).frames()) {
            frames.add(new CaptureWriter.Frame(f.nanos() + 1_000_123_456L, f.data()));
        }
        return frames;
    }

    private static void assertBoth(Collected c) {
        assertThat(c.seen).extracting(o -> o.version().orElseThrow())
                .containsExactly(ProtocolVersion.TLSv1_0, ProtocolVersion.TLSv1_3);
        assertThat(c.seen).extracting(o -> o.serverPort().getAsInt()).containsExactly(443, 8443);
    }

    /** Where frame {@code index} starts in a classic pcap of {@code frames}. */
    private static int pcapOffset(List<CaptureWriter.Frame> frames, int index) {
        int at = 24;
        for (int i = 0; i < index; i++) {
            at += 16 + frames.get(i).data().length;
        }
        return at;
    }

    @ParameterizedTest(name = "little-endian {0}, nanoseconds {1}")
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void pcapInEitherByteOrderWithMicroOrNanoseconds(boolean littleEndian, boolean nano) {
        Collected c = Collected.read("t.pcap", CaptureWriter.pcap(1, littleEndian, nano, twoHandshakes()));
        assertThat(c.problems).isEmpty();
        assertBoth(c);
        Instant second = c.seen.get(1).time().orElseThrow();
        assertThat(second.getNano() % 1000).isEqualTo(nano ? 456 : 0);
        assertThat(second.getNano() / 1000).isEqualTo(2_123);
    }

    @Test
    void aLongQuietSpellInAPcapIsNotDamage() {
        List<CaptureWriter.Frame> frames = new ArrayList<>(twoHandshakes());
        for (int i = 4; i < frames.size(); i++) {
            frames.set(i, new CaptureWriter.Frame(frames.get(i).nanos() + 40L * 86400 * 1_000_000_000L,
                    frames.get(i).data()));
        }
        Collected c = Collected.read("t.pcap", CaptureWriter.pcap(1, frames));
        assertThat(c.problems).isEmpty();
        assertBoth(c);
    }

    @ParameterizedTest(name = "if_tsresol {0}")
    @ValueSource(ints = {6, 9, 0x80 | 30})
    void pcapngInEitherByteOrderWithItsTimestampResolution(int tsresol) {
        for (boolean littleEndian : new boolean[] {false, true}) {
            Collected c = Collected.read("t.pcapng", CaptureWriter.pcapng(1, littleEndian, tsresol, twoHandshakes()));
            assertThat(c.problems).isEmpty();
            assertBoth(c);
            Instant first = c.seen.get(0).time().orElseThrow();
            Instant expected = Instant.ofEpochSecond(0, Conversation.START + 2_000_000);
            assertThat(java.time.Duration.between(first, expected).abs().toNanos()).isLessThan(2);
            if (tsresol == 9) {
                assertThat(c.seen.get(1).time().orElseThrow().getNano() % 1000).isEqualTo(456);
            }
        }
    }

    @Test
    void pcapngSimplePacketBlocksAndASecondSectionInTheOtherByteOrder() {
        List<CaptureWriter.Frame> frames = twoHandshakes();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        byte[] first = CaptureWriter.pcapng(1, false, 6, List.of());
        file.writeBytes(first);
        for (CaptureWriter.Frame f : frames.subList(0, 4)) {
            file.writeBytes(CaptureWriter.simple(false, f.data()));
        }
        file.writeBytes(CaptureWriter.pcapng(LinkLayer.ETHERNET, true, 6, frames.subList(4, 8)));
        Collected c = Collected.read("t.pcapng", file.toByteArray());
        assertThat(c.problems).isEmpty();
        assertBoth(c);
        assertThat(c.seen.get(0).time()).isEmpty(); // a simple packet block has no time
        assertThat(c.seen.get(1).time()).isPresent();
    }

    @Test
    void detectedByItsFirstBytesAndReadFromGzip() throws IOException {
        byte[] pcap = CaptureWriter.pcap(1, true, false, twoHandshakes());
        byte[] pcapng = CaptureWriter.pcapng(1, true, 6, twoHandshakes());
        assertThat(EvidenceReaders.detect(pcap).orElseThrow().name()).isEqualTo("pcap");
        assertThat(EvidenceReaders.detect(pcapng).orElseThrow().name()).isEqualTo("pcap");
        assertThat(EvidenceReaders.named("PCAP")).isPresent();
        assertThat(new PcapReader().recognises(Arrays.copyOf(pcapng, 8))).isFalse();
        byte[] noOrder = Arrays.copyOf(pcapng, 64);
        noOrder[8] = 0;
        assertThat(new PcapReader().recognises(noOrder)).isFalse();
        assertThat(new PcapReader().recognises("127.0.0.1 - - [01/Jan/2026]".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(pcapng);
        }
        Collected c = Collected.read("t.pcapng.gz", gz.toByteArray());
        assertThat(c.problems).isEmpty();
        assertBoth(c);
    }

    @Test
    void aPcapCutShortKeepsEverythingBeforeTheCut() {
        List<CaptureWriter.Frame> frames = twoHandshakes();
        byte[] file = CaptureWriter.pcap(1, frames);
        int seventh = pcapOffset(frames, 7);
        Collected c = Collected.read("cut.pcap", Arrays.copyOf(file, seventh + 30));
        assertThat(c.problems).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo(Position.offset("cut.pcap", seventh));
            assertThat(p.message()).contains("cut short");
        });
        assertThat(c.seen).extracting(o -> o.version().orElseThrow())
                .containsExactly(ProtocolVersion.TLSv1_0, ProtocolVersion.TLSv1_3);
        assertThat(c.seen.get(1).established()).isFalse(); // its ServerHello was in the part cut off
    }

    @Test
    void aCorruptPcapRecordIsSkippedToTheNextPlausibleOne() {
        List<CaptureWriter.Frame> frames = twoHandshakes();
        byte[] file = CaptureWriter.pcap(1, frames);
        int third = pcapOffset(frames, 3);
        file[third + 8] = 0x7F; // captured length of the first ServerHello's record: about 2 GB
        Collected c = Collected.read("bad.pcap", file);
        assertThat(c.problems).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo(Position.offset("bad.pcap", third));
            assertThat(p.message()).contains("not plausible").contains("next plausible record, at byte "
                    + pcapOffset(frames, 4));
        });
        assertThat(c.seen).hasSize(2).anySatisfy(o -> {
            assertThat(o.serverPort()).hasValue(443);
            assertThat(o.established()).isFalse(); // its ServerHello was in the corrupt record
        }).anySatisfy(o -> {
            assertThat(o.serverPort()).hasValue(8443);
            assertThat(o.established()).isTrue();
            assertThat(o.version()).contains(ProtocolVersion.TLSv1_3);
        });
    }

    @Test
    void garbageAfterThePcapHeaderStopsWithAMessage() {
        byte[] header = Arrays.copyOf(CaptureWriter.pcap(1, List.of()), 24);
        byte[] garbage = new byte[5000];
        new java.util.Random(17).nextBytes(garbage);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(header);
        file.writeBytes(garbage);
        Collected c = Collected.read("garbage.pcap", file.toByteArray());
        assertThat(c.seen).isEmpty();
        assertThat(c.problems).singleElement().satisfies(p -> {
            assertThat(p.where().at()).isEqualTo(24);
            assertThat(p.message()).contains("reading stopped here");
        });
        Collected notCapture = Collected.read("x.pcap", garbage);
        assertThat(notCapture.problems).singleElement().satisfies(p -> assertThat(p.message())
                .startsWith("not a pcap or pcapng file"));
    }

    @Test
    void aPcapngBlockWithACorruptLengthIsSkippedToTheNextBlock() {
        List<CaptureWriter.Frame> frames = twoHandshakes();
        byte[] file = CaptureWriter.pcapng(1, false, 6, frames);
        int headerBlocks = CaptureWriter.pcapng(1, false, 6, List.of()).length;
        int at = headerBlocks;
        for (int i = 0; i < 3; i++) {
            at += CaptureWriter.enhanced(false, 0, frames.get(i)).length;
        }
        int corrupt = at;
        file[corrupt + 4] = 0x7F; // the block length of the first ServerHello's packet
        int next = corrupt + CaptureWriter.enhanced(false, 0, frames.get(3)).length;
        Collected c = Collected.read("bad.pcapng", file);
        assertThat(c.problems).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo(Position.offset("bad.pcapng", corrupt));
            assertThat(p.message()).contains("impossible length").contains("at byte " + next);
        });
        assertThat(c.seen).hasSize(2).anySatisfy(o -> {
            assertThat(o.serverPort()).hasValue(443);
            assertThat(o.established()).isFalse();
        }).anySatisfy(o -> {
            assertThat(o.serverPort()).hasValue(8443);
            assertThat(o.established()).isTrue();
        });
    }

    @Test
    void aPcapngBlockWhoseTrailingLengthDiffersAndAFileCutShort() {
        List<CaptureWriter.Frame> frames = twoHandshakes();
        byte[] file = CaptureWriter.pcapng(1, true, 6, frames);
        int headerBlocks = CaptureWriter.pcapng(1, true, 6, List.of()).length;
        int firstLength = CaptureWriter.enhanced(true, 0, frames.get(0)).length;
        file[headerBlocks + firstLength - 4] ^= 0x40; // the first packet block's trailing length
        Collected c = Collected.read("t.pcapng", Arrays.copyOf(file, file.length - 10));
        assertThat(c.problems).hasSize(2);
        assertThat(c.problems.get(0).where().at()).isEqualTo(headerBlocks);
        assertThat(c.problems.get(0).message()).contains("does not end with its length");
        assertThat(c.problems.get(1).message()).contains("cut short");
        assertThat(c.seen).extracting(o -> o.version().orElseThrow())
                .containsExactly(ProtocolVersion.TLSv1_0, ProtocolVersion.TLSv1_3);
    }

    @Test
    void aPacketBlockOfAnInterfaceNeverDescribedIsSkipped() {
        List<CaptureWriter.Frame> frames = twoHandshakes();
        byte[] file = CaptureWriter.pcapng(1, false, 6, frames);
        int first = CaptureWriter.pcapng(1, false, 6, List.of()).length;
        Arrays.fill(file, first + 8, first + 12, (byte) 0xFF); // the first packet's interface id
        Collected c = Collected.read("t.pcapng", file);
        assertThat(c.problems).singleElement().satisfies(p -> {
            assertThat(p.where().at()).isEqualTo(first);
            assertThat(p.message()).contains("names interface 4294967295");
        });
        assertThat(c.seen).hasSize(2);
    }

    @Test
    void aPacketCutByTheSnaplenIsAProblemAtItsOffset() {
        List<CaptureWriter.Frame> frames = new ArrayList<>(twoHandshakes());
        CaptureWriter.Frame hello = frames.get(6);
        frames.set(6, new CaptureWriter.Frame(hello.nanos(), Arrays.copyOf(hello.data(), 96), hello.data().length));
        frames.remove(7);
        Collected c = Collected.read("snap.pcap", CaptureWriter.pcap(1, frames));
        assertThat(c.seen).hasSize(1);
        assertThat(c.problems).singleElement().satisfies(p -> {
            assertThat(p.where().at()).isEqualTo(pcapOffset(frames, 6));
            assertThat(p.message()).contains("snaplen").contains("10.0.0.7:50002 → 10.0.0.1:8443");
        });
    }

    @Test
    void aTruncatedGzipIsAProblemAfterWhatCouldBeRead() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            List<CaptureWriter.Frame> frames = new ArrayList<>();
            for (int port = 40000; port < 40300; port++) {
                frames.addAll(new Conversation(Packets.CLIENT, port, Packets.SERVER, 443).handshake()
                        .client(Packets.clientHello("h" + port + ".example")).server(Packets.serverHello13(0x1301))
                        .frames());
            }
            z.write(CaptureWriter.pcap(1, frames));
        }
        byte[] cut = Arrays.copyOf(gz.toByteArray(), gz.size() - 12); // the trailer and the last compressed bytes
        Collected c = Collected.read("t.pcap.gz", cut);
        assertThat(c.problems).isNotEmpty();
        assertThat(c.problems).anySatisfy(p -> assertThat(p.message()).contains("could not be read past here")
                .endsWith("(of the uncompressed capture)"));
        assertThat(c.seen.stream().filter(Observation::established).count()).isGreaterThan(250);
    }
}
