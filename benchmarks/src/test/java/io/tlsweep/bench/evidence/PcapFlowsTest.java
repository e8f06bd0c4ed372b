package io.tlsweep.bench.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.bench.CapturedBytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated capture read back packet by packet: headers, checksums, sequence numbers, the flights whole. */
class PcapFlowsTest {
    @TempDir
    Path dir;

    @Test
    void everyFlowCarriesItsFlightsInOrderWithRightHeaders() throws IOException {
        List<PcapFlows.Flight> flights = EvidenceBench.FLIGHTS.stream().map(f -> new PcapFlows.Flight(f,
                CapturedBytes.load(f + ".client.hex"), CapturedBytes.load(f + ".server.hex"))).toList();
        Path file = dir.resolve("t.pcap");
        long size = PcapFlows.write(file, 6, flights);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.capacity()).isEqualTo(size);
        assertThat(b.getInt()).isEqualTo(0xa1b2c3d4);
        b.position(20);
        assertThat(b.getInt()).isEqualTo(1); // Ethernet
        ByteArrayOutputStream[] toServer = new ByteArrayOutputStream[6];
        ByteArrayOutputStream[] toClient = new ByteArrayOutputStream[6];
        long[] nextServerSeq = new long[6];
        int flow = -1;
        int packets = 0;
        while (b.hasRemaining()) {
            b.order(ByteOrder.LITTLE_ENDIAN).position(b.position() + 8);
            int caplen = b.getInt();
            assertThat(b.getInt()).isEqualTo(caplen);
            byte[] frame = new byte[caplen];
            b.get(frame);
            packets++;
            ByteBuffer p = ByteBuffer.wrap(frame).order(ByteOrder.BIG_ENDIAN);
            assertThat(p.getShort(12)).isEqualTo((short) 0x0800);
            assertThat(PcapFlows.checksum(frame, 14, 20)).isZero();
            assertThat(p.getShort(16) & 0xffff).isEqualTo(caplen - 14);
            int sport = p.getShort(34) & 0xffff;
            int flags = frame[47];
            long seq = p.getInt(38) & 0xffffffffL;
            if (flags == 0x02) {
                flow++;
                toServer[flow] = new ByteArrayOutputStream();
                toClient[flow] = new ByteArrayOutputStream();
            }
            if (sport == PcapFlows.PORT && flags == 0x12) {
                nextServerSeq[flow] = seq + 1;
            }
            if (caplen > 54) {
                if (sport == PcapFlows.PORT) {
                    assertThat(seq).isEqualTo(nextServerSeq[flow]);
                    assertThat(caplen - 54).isLessThanOrEqualTo(PcapFlows.MSS);
                    nextServerSeq[flow] += caplen - 54;
                    toClient[flow].write(frame, 54, caplen - 54);
                } else {
                    toServer[flow].write(frame, 54, caplen - 54);
                }
            }
        }
        assertThat(flow).isEqualTo(5);
        for (int i = 0; i < 6; i++) {
            assertThat(toServer[i].toByteArray()).isEqualTo(flights.get(i % 4).client());
            assertThat(toClient[i].toByteArray()).isEqualTo(flights.get(i % 4).server());
        }
        assertThat(packets).isGreaterThan(6 * 6);
    }
}
