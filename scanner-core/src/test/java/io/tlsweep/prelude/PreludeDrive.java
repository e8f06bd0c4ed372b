package io.tlsweep.prelude;

import io.tlsweep.result.FailureKind;
import io.tlsweep.wire.Vectors;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Map;

/**
 * Runs a prelude over a server's bytes the way the engine does (through {@link PreludeRun}), the bytes arriving
 * in pieces of a given size, and keeps what the client sent and how it ended. For the codec tests on captured
 * vectors ({@code src/test/resources/vectors/prelude}).
 */
public final class PreludeDrive {
    /** Larger than any codec's own bound, so that the codec's bound is the one a test meets. */
    public static final int MAX_BYTES = 1 << 24;

    private PreludeDrive() {
    }

    /** How a run ended: the last step, every byte the client wrote, and the bytes received and not consumed. */
    public record Ending(PreludeStep step, byte[] sent, byte[] leftover) {

        public boolean tlsMayStart() {
            return step instanceof PreludeStep.TlsMayStart;
        }

        public FailureKind failureKind() {
            return ((PreludeStep.Failed) step).failure().kind();
        }

        public String detail() {
            return ((PreludeStep.Failed) step).failure().detail();
        }

        /** The facts of a TlsMayStart or a Failed (empty map when a failure has none). */
        public Map<String, Object> fields() {
            if (step instanceof PreludeStep.TlsMayStart start) {
                return start.facts().fields();
            }
            return ((PreludeStep.Failed) step).facts().map(f -> f.fields()).orElse(Map.of());
        }

        /** "tls-may-start", "prelude-tls-refused"..., or "go-on" when the bytes ran out first. */
        public String outcome() {
            return step instanceof PreludeStep.Failed f ? f.failure().kind().label()
                    : tlsMayStart() ? "tls-may-start" : "go-on";
        }
    }

    /** The prelude over {@code server}, in pieces of {@code piece} bytes. */
    public static Ending feed(Prelude prelude, byte[] server, int piece) {
        PreludeRun run = new PreludeRun(prelude, MAX_BYTES);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        PreludeStep step = run.start();
        if (step instanceof PreludeStep.GoOn go) {
            sent.writeBytes(go.send());
        }
        for (int at = 0; at < server.length && step instanceof PreludeStep.GoOn; at += piece) {
            step = run.received(Arrays.copyOfRange(server, at, Math.min(at + piece, server.length)));
            if (step instanceof PreludeStep.GoOn go) {
                sent.writeBytes(go.send());
            } else if (step instanceof PreludeStep.TlsMayStart start) {
                sent.writeBytes(start.send());
            }
        }
        return new Ending(step, sent.toByteArray(), run.leftover());
    }

    /** A captured prelude vector ("ldap-starttls.server"). */
    public static byte[] vector(String name) {
        return Vectors.load("prelude/" + name + ".hex");
    }
}
