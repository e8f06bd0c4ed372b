package io.tlsweep.prelude;

import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreludeFacts;
import java.util.Arrays;
import java.util.Optional;

/**
 * One connection's prelude as the connection's owner drives it: keeps the bytes the codec has not consumed,
 * calls the codec again at once while it consumes some and bytes remain, gathers everything it wants written,
 * and ends a prelude that reads more than {@code maxBytes} as {@link FailureKind#PRELUDE_UNEXPECTED}. Pure; the
 * engine's raw exchanges and its full-handshake client both run preludes through it.
 */
public final class PreludeRun {
    private final Prelude prelude;
    private final PreludeCodec codec;
    private final int maxBytes;
    private byte[] unconsumed = new byte[0];
    private long read;

    public PreludeRun(Prelude prelude, int maxBytes) {
        this.prelude = prelude;
        this.codec = prelude.open();
        this.maxBytes = maxBytes;
    }

    public String protocol() {
        return prelude.protocol();
    }

    /** What to do once the connection is up. */
    public PreludeStep start() {
        return codec.start();
    }

    /**
     * Reads what the server sent: the codec's last step, its {@code send} holding everything this read made the
     * codec want written. After a {@link PreludeStep.TlsMayStart}, {@link #leftover()} holds the bytes that came
     * after the prelude (the server's first TLS bytes, if any).
     */
    public PreludeStep received(byte[] bytes) {
        read += bytes.length;
        int had = unconsumed.length;
        unconsumed = Arrays.copyOf(unconsumed, had + bytes.length);
        System.arraycopy(bytes, 0, unconsumed, had, bytes.length);
        byte[] write = new byte[0];
        while (true) {
            PreludeStep s = codec.read(unconsumed, 0, unconsumed.length);
            unconsumed = Arrays.copyOfRange(unconsumed, Math.min(s.consumed(), unconsumed.length), unconsumed.length);
            if (s instanceof PreludeStep.TlsMayStart start) {
                return new PreludeStep.TlsMayStart(start.consumed(), concat(write, start.send()), start.facts(),
                        start.framing());
            }
            if (s instanceof PreludeStep.Failed) {
                return s;
            }
            write = concat(write, ((PreludeStep.GoOn) s).send());
            if (s.consumed() == 0 || unconsumed.length == 0) {
                break;
            }
        }
        if (read > maxBytes) {
            return new PreludeStep.Failed(0, Failure.of(FailureKind.PRELUDE_UNEXPECTED, "the " + protocol()
                    + " prelude went on for more than " + maxBytes + " bytes"), codec.factsSoFar());
        }
        return new PreludeStep.GoOn(0, write);
    }

    /** The bytes received and not consumed: after TLS may start, the server's first TLS bytes. */
    public byte[] leftover() {
        return unconsumed.clone();
    }

    /** What the prelude learned so far, for a connection that ended before the codec decided. */
    public Optional<PreludeFacts> factsSoFar() {
        return codec.factsSoFar();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (a.length == 0) {
            return b;
        }
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
