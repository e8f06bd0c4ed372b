package io.tlsweep.prelude;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.result.PreludeFacts;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives a prelude as the engine does ({@link PreludeRun}) over a server's bytes cut in pieces of a given size,
 * and describes where it ended in one comparable line, so tests can feed the same bytes whole, in pieces and
 * byte by byte and ask for the same outcome.
 */
public final class PreludeFeed {
    /** The engine's bound on a prelude's bytes is not what these tests are about: far above any reply here. */
    private static final int MAX_BYTES = 64 << 20;

    /**
     * Where a prelude ended: everything it wrote, its last step, and the server's bytes after the prelude (those
     * it received and did not consume, and those not fed yet): for TLS, the server's first TLS bytes.
     */
    public record Fed(byte[] sent, PreludeStep last, byte[] leftover) {
        /** The step's kind, its failure or framing (and the bytes left for TLS), and its facts, in one line. */
        public String describe() {
            String facts;
            if (last instanceof PreludeStep.TlsMayStart start) {
                facts = "tls-may-start framing=" + start.framing() + " " + start.facts().fields() + " leftover="
                        + leftover.length;
            } else if (last instanceof PreludeStep.Failed failed) {
                facts = "failed " + failed.failure().kind() + " '" + failed.failure().detail() + "' "
                        + failed.facts().map(PreludeFacts::fields).map(Object::toString).orElse("no facts");
            } else {
                facts = "go-on";
            }
            return facts;
        }
    }

    private PreludeFeed() {
    }

    /** Starts {@code prelude} and feeds it {@code server} in pieces of {@code piece} bytes until it decides. */
    public static Fed feed(Prelude prelude, byte[] server, int piece) {
        PreludeRun run = new PreludeRun(prelude, MAX_BYTES);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        PreludeStep step = run.start();
        sent.writeBytes(send(step));
        int at = 0;
        while (at < server.length && step instanceof PreludeStep.GoOn) {
            byte[] chunk = java.util.Arrays.copyOfRange(server, at, Math.min(server.length, at + piece));
            at += chunk.length;
            step = run.received(chunk);
            sent.writeBytes(send(step));
        }
        ByteArrayOutputStream after = new ByteArrayOutputStream();
        after.writeBytes(run.leftover());
        after.write(server, at, server.length - at);
        return new Fed(sent.toByteArray(), step, after.toByteArray());
    }

    /** Fed whole, in 7-byte pieces and byte by byte, {@code server} gives one outcome, returned. */
    public static Fed same(Prelude prelude, byte[] server) {
        List<Fed> fed = everyWay(prelude, server);
        for (Fed f : fed) {
            assertThat(f.describe()).isEqualTo(fed.get(0).describe());
        }
        return fed.get(0);
    }

    /** A facts map in the order given: key, value, key, value... */
    public static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** The same bytes fed whole, in 7-byte pieces and byte by byte. */
    public static List<Fed> everyWay(Prelude prelude, byte[] server) {
        List<Fed> fed = new ArrayList<>();
        for (int piece : new int[] {Math.max(1, server.length), 7, 1}) {
            fed.add(feed(prelude, server, piece));
        }
        return fed;
    }

    /**
     * Variants of {@code seed} for fuzzing: every byte set to 0x00, 0xff, its top bit flipped and plus one; every
     * prefix; and {@code random} more made of the seed's start and random bytes (seeded, so a failure repeats).
     */
    public static List<byte[]> mutants(byte[] seed, int random) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < seed.length; i++) {
            for (int b : new int[] {0x00, 0xFF, (seed[i] & 0xFF) ^ 0x80, (seed[i] & 0xFF) + 1}) {
                byte[] m = seed.clone();
                m[i] = (byte) b;
                out.add(m);
            }
            out.add(java.util.Arrays.copyOf(seed, i));
        }
        java.util.Random r = new java.util.Random(seed.length * 31L + random);
        for (int n = 0; n < random; n++) {
            byte[] m = new byte[1 + r.nextInt(64)];
            r.nextBytes(m);
            System.arraycopy(seed, 0, m, 0, Math.min(seed.length, r.nextInt(m.length + 1)));
            out.add(m);
        }
        return out;
    }

    private static byte[] send(PreludeStep step) {
        if (step instanceof PreludeStep.GoOn on) {
            return on.send();
        }
        if (step instanceof PreludeStep.TlsMayStart start) {
            return start.send();
        }
        return new byte[0];
    }
}
