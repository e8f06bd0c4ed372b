package io.tlsweep.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation test: captured responses and hellos with bits flipped, cut short, length fields set to
 * extremes, pieces dropped or repeated. Every variant must decode to a value; an exception names the seed
 * and index so it can be replayed.
 */
class MutatedResponseTest {
    private static final long SEED = 20261123L;
    private static final int VARIANTS_PER_INPUT = 6_500;

    private static final List<String> SERVER = List.of("tls12-ecdhe-rsa", "tls12-dhe-rsa", "tls12-ecdhe-ecdsa-p384",
            "tls10-rsa-3des", "tls10-rsa-aes128", "tls11-ecdhe-rsa", "tls13-aes128", "tls13-hrr",
            "alert-handshake-failure", "alert-protocol-version", "sni-unrecognized-name-warning",
            "tls12-renegotiation-alpn", "http-400", "http-400-python", "ssh-banner", "smtp-banner");
    private static final List<String> CLIENT = List.of("client-curl", "client-gnutls-cli", "client-java17",
            "client-openssl-default", "client-openssl-tls10", "client-openssl-tls12", "client-python-ssl");

    @Test
    void everyMutatedServerResponseDecodesToAValue() {
        int variants = 0;
        int decided = 0;
        for (String name : SERVER) {
            byte[] original = Vectors.load(name + ".server.hex");
            SplittableRandom random = new SplittableRandom(SEED ^ name.hashCode());
            for (int i = 0; i < VARIANTS_PER_INPUT; i++) {
                byte[] m = mutate(original, random);
                try {
                    ServerResponseDecoder.Decoding d = ServerResponseDecoder.decode(m);
                    assertThat(d).isNotNull();
                    if (d instanceof ServerResponseDecoder.Decoding.Done) {
                        decided++;
                    }
                    assertThat(ServerResponseDecoder.finish(m)).isNotNull();
                    int split = m.length == 0 ? 0 : random.nextInt(m.length);
                    assertThat(ServerResponseDecoder.decode(m, 0, split)).isNotNull();
                } catch (RuntimeException e) {
                    fail("variant " + i + " of " + name + " (seed " + SEED + ") threw: " + Hex.of(m), e);
                }
                variants++;
            }
        }
        assertThat(variants).isGreaterThanOrEqualTo(100_000);
        assertThat(decided).as("mutations still exercise decisive paths").isGreaterThan(variants / 4);
    }

    @Test
    void everyMutatedClientHelloDecodesToAValue() {
        for (String name : CLIENT) {
            byte[] original = Vectors.load(name + ".client.hex");
            SplittableRandom random = new SplittableRandom(SEED ^ name.hashCode());
            for (int i = 0; i < 2_000; i++) {
                byte[] m = mutate(original, random);
                try {
                    ClientHelloDecoder.Result r = ClientHelloDecoder.decode(m);
                    assertThat(r).isNotNull();
                    if (r instanceof ClientHelloDecoder.Result.Decoded d) {
                        exerciseAccessors(d.hello());
                    }
                } catch (RuntimeException e) {
                    fail("variant " + i + " of " + name + " (seed " + SEED + ") threw: " + Hex.of(m), e);
                }
            }
        }
    }

    private static void exerciseAccessors(ClientHello h) {
        h.serverName();
        h.supportedGroups();
        h.signatureAlgorithms();
        h.supportedVersions();
        h.keyShares();
        h.alpn();
        h.highestOffered();
    }

    static byte[] mutate(byte[] in, SplittableRandom r) {
        byte[] out = in.clone();
        int rounds = 1 + r.nextInt(2);
        for (int k = 0; k < rounds && out.length > 0; k++) {
            out = switch (r.nextInt(6)) {
                case 0 -> flipBits(out, r);
                case 1 -> Arrays.copyOf(out, r.nextInt(out.length + 1));
                case 2 -> extremeLength(out, r, lengthFields(in));
                case 3 -> extremeLength(out, r, List.of(r.nextInt(out.length)));
                case 4 -> dropPiece(out, r);
                default -> repeatPiece(out, r);
            };
        }
        return out;
    }

    private static byte[] flipBits(byte[] b, SplittableRandom r) {
        int flips = 1 + r.nextInt(4);
        for (int i = 0; i < flips; i++) {
            int bit = r.nextInt(b.length * 8);
            b[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return b;
    }

    private static final int[][] EXTREMES = {{0x00, 0x00}, {0xFF, 0xFF}, {0x40, 0x00}, {0x48, 0x01},
        {0x00, 0x01}, {0xFF, 0xFF, 0xFF}, {0x00, 0x00, 0x00}, {0x04, 0x00, 0x01}};

    private static byte[] extremeLength(byte[] b, SplittableRandom r, List<Integer> positions) {
        if (positions.isEmpty()) {
            return b;
        }
        int at = positions.get(r.nextInt(positions.size()));
        int[] value = EXTREMES[r.nextInt(EXTREMES.length)];
        for (int i = 0; i < value.length && at + i < b.length; i++) {
            b[at + i] = (byte) value[i];
        }
        return b;
    }

    /** Offsets of record lengths and handshake message lengths in the original bytes. */
    private static List<Integer> lengthFields(byte[] b) {
        List<Integer> at = new ArrayList<>();
        int pos = 0;
        while (pos + 5 <= b.length && TlsRecord.isContentType(b[pos] & 0xFF)) {
            at.add(pos + 3);
            int len = (b[pos + 3] & 0xFF) << 8 | (b[pos + 4] & 0xFF);
            if ((b[pos] & 0xFF) == TlsRecord.HANDSHAKE && len >= 4) {
                at.add(pos + 6);
                at.add(pos + 5 + 4 + 34 < b.length ? pos + 5 + 4 + 34 : pos + 6);
            }
            pos += 5 + len;
        }
        return at;
    }

    private static byte[] dropPiece(byte[] b, SplittableRandom r) {
        int from = r.nextInt(b.length);
        int to = Math.min(b.length, from + 1 + r.nextInt(16));
        byte[] out = new byte[b.length - (to - from)];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(b, to, out, from, b.length - to);
        return out;
    }

    private static byte[] repeatPiece(byte[] b, SplittableRandom r) {
        int from = r.nextInt(b.length);
        int len = Math.min(b.length - from, 1 + r.nextInt(64));
        byte[] out = new byte[b.length + len];
        System.arraycopy(b, 0, out, 0, from + len);
        System.arraycopy(b, from, out, from + len, b.length - from);
        return out;
    }
}
