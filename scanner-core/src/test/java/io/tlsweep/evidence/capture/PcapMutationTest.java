package io.tlsweep.evidence.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.evidence.EvidenceProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A reader never throws for what its input holds: real captures (the tcpdump vectors) and their pcapng forms,
 * with bytes changed, cut or repeated at random (a fixed seed, a bounded number of inputs), give observations and
 * problems, and every problem is placed inside the input.
 */
class PcapMutationTest {
    private static final List<String> VECTORS = List.of("ethernet-lo.pcap", "ipv6-nano.pcap", "any-sll2.pcap",
            "any-sll.pcap");

    @Test
    void damagedCapturesGiveObservationsAndProblemsNeverAnException() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        for (String v : VECTORS) {
            byte[] pcap;
            try (var in = PcapMutationTest.class.getResourceAsStream("/vectors/pcap/" + v)) {
                pcap = in.readAllBytes();
            }
            seeds.add(pcap);
            CaptureWriter.Classic c = CaptureWriter.readPcap(pcap);
            seeds.add(CaptureWriter.pcapng(c.linkType(), v.contains("sll"), 6, c.frames()));
        }
        Random random = new Random(20261203);
        int withProblems = 0;
        for (int i = 0; i < 1500; i++) {
            byte[] seed = seeds.get(i % seeds.size());
            byte[] input = mutate(seed, random);
            Collected c = Collected.read("m", input);
            for (EvidenceProblem p : c.problems) {
                assertThat(p.where().at()).isBetween(0L, (long) input.length);
            }
            withProblems += c.problems.isEmpty() ? 0 : 1;
        }
        assertThat(withProblems).isGreaterThan(100); // the damage was seen, not passed over
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] b = seed.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int n = 1 + random.nextInt(8); n > 0; n--) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
            }
            case 1 -> b = java.util.Arrays.copyOf(b, random.nextInt(b.length));
            case 2 -> {
                int at = 24 + random.nextInt(b.length - 24);
                int length = random.nextInt(Math.min(200, b.length - at) + 1);
                byte[] out = new byte[b.length + length];
                System.arraycopy(b, 0, out, 0, at + length);
                System.arraycopy(b, at, out, at + length, b.length - at);
                b = out;
            }
            default -> {
                int at = 24 + random.nextInt(b.length - 28);
                for (int i = 0; i < 4; i++) {
                    b[at + i] = (byte) 0xFF; // a length or a time at its largest
                }
            }
        }
        return b;
    }
}
