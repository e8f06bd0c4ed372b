package io.tlsweep.prelude;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreludeFacts;
import io.tlsweep.wire.Vectors;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives a prelude as the engine does ({@link PreludeRun}) over a server's bytes cut in pieces of a given size,
 * stopping at the first step that is not {@link PreludeStep.GoOn}, and describes where it ended in one comparable
 * line, so tests can feed the same bytes whole, in pieces and byte by byte and ask for the same outcome. For the
 * codec tests on captured vectors ({@code src/test/resources/vectors/prelude}) and on hostile replies.
 */
public final class PreludeFeed {
    /** Larger than any codec's own bound, so that the codec's bound is the one a test meets. */
    public static final int MAX_BYTES = 1 << 24;

    /** The ways the tests cut a server's bytes. */
    public enum Split {
        WHOLE, PIECES_OF_50, PIECES_OF_7, BYTE_BY_BYTE;

        int piece(byte[] server) {
            return switch (this) {
                case WHOLE -> Math.max(1, server.length);
                case PIECES_OF_50 -> 50;
                case PIECES_OF_7 -> 7;
                case BYTE_BY_BYTE -> 1;
            };
        }
    }

    /**
     * Where a prelude ended: its last step, everything it wrote, the server's bytes after the prelude (those it
     * received and did not consume, and those not fed yet: for TLS, the server's first TLS bytes), the run (for its
     * own leftover and facts so far) and how many of the server's bytes were handed over.
     */
    public record Fed(PreludeStep last, byte[] sent, byte[] leftover, PreludeRun run, int handedOver) {
        /** Everything the prelude wrote, as ASCII text. */
        public String written() {
            return new String(sent, StandardCharsets.US_ASCII);
        }

        public boolean tlsMayStart() {
            return last instanceof PreludeStep.TlsMayStart;
        }

        public FailureKind failureKind() {
            return ((PreludeStep.Failed) last).failure().kind();
        }

        public String detail() {
            return ((PreludeStep.Failed) last).failure().detail();
        }

        /** The facts of a TlsMayStart or a Failed (empty map when a failure has none). */
        public Map<String, Object> fields() {
            if (last instanceof PreludeStep.TlsMayStart start) {
                return start.facts().fields();
            }
            return ((PreludeStep.Failed) last).facts().map(PreludeFacts::fields).orElse(Map.of());
        }

        /** "tls-may-start", "prelude-tls-refused"..., or "go-on" when the bytes ran out first. */
        public String outcome() {
            return last instanceof PreludeStep.Failed f ? f.failure().kind().label()
                    : tlsMayStart() ? "tls-may-start" : "go-on";
        }

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
        return feed(prelude, server, piece, MAX_BYTES);
    }

    /** {@link #feed(Prelude, byte[], int)} cut as {@code split} says. */
    public static Fed feed(Prelude prelude, byte[] server, Split split) {
        return feed(prelude, server, split.piece(server), MAX_BYTES);
    }

    /** {@link #feed(Prelude, byte[], int)} with the run bound to {@code maxBytes} of the server's bytes. */
    public static Fed feed(Prelude prelude, byte[] server, int piece, int maxBytes) {
        PreludeRun run = new PreludeRun(prelude, maxBytes);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        PreludeStep step = run.start();
        sent.writeBytes(send(step));
        int at = 0;
        while (at < server.length && step instanceof PreludeStep.GoOn) {
            byte[] chunk = Arrays.copyOfRange(server, at, Math.min(server.length, at + piece));
            at += chunk.length;
            step = run.received(chunk);
            sent.writeBytes(send(step));
        }
        ByteArrayOutputStream after = new ByteArrayOutputStream();
        after.writeBytes(run.leftover());
        after.write(server, at, server.length - at);
        return new Fed(step, sent.toByteArray(), after.toByteArray(), run, at);
    }

    /** A captured prelude vector ("ldap-starttls.server" for {@code vectors/prelude/ldap-starttls.server.hex}). */
    public static byte[] vector(String name) {
        return Vectors.load("prelude/" + name + ".hex");
    }

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
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
            out.add(Arrays.copyOf(seed, i));
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
