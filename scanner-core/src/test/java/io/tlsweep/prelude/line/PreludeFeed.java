package io.tlsweep.prelude.line;

import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeRun;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.wire.Vectors;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Feeds a server's bytes to a prelude through {@link PreludeRun} as the engine does: whole, in 50-byte pieces or
 * byte by byte, stopping at the first step that is not {@link PreludeStep.GoOn}. Records everything the prelude
 * wanted written.
 */
public final class PreludeFeed {
    /** The bound on a prelude's bytes in these tests (the engine gives its own). */
    public static final int MAX_BYTES = 64 * 1024;

    public enum Split { WHOLE, PIECES_OF_50, PIECES_OF_7, BYTE_BY_BYTE }

    /**
     * How a feed ended: the last step, everything written (as text), the run (for its leftover bytes and facts so
     * far), and how many of the server's bytes were handed over.
     */
    public record Fed(PreludeStep last, String written, PreludeRun run, int handedOver) {
    }

    private PreludeFeed() {
    }

    /** A captured server stream of {@code vectors/prelude/NAME.server.hex}. */
    public static byte[] vector(String name) {
        return Vectors.load("prelude/" + name + ".server.hex");
    }

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    public static Fed feed(Prelude prelude, byte[] server, Split split) {
        PreludeRun run = new PreludeRun(prelude, MAX_BYTES);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        PreludeStep step = run.start();
        written.writeBytes(((PreludeStep.GoOn) step).send());
        int piece = switch (split) {
            case WHOLE -> Math.max(1, server.length);
            case PIECES_OF_50 -> 50;
            case PIECES_OF_7 -> 7;
            case BYTE_BY_BYTE -> 1;
        };
        int at = 0;
        while (at < server.length && step instanceof PreludeStep.GoOn) {
            int end = Math.min(server.length, at + piece);
            step = run.received(Arrays.copyOfRange(server, at, end));
            at = end;
            if (step instanceof PreludeStep.GoOn go) {
                written.writeBytes(go.send());
            } else if (step instanceof PreludeStep.TlsMayStart tls) {
                written.writeBytes(tls.send());
            }
        }
        return new Fed(step, written.toString(StandardCharsets.US_ASCII), run, at);
    }
}
