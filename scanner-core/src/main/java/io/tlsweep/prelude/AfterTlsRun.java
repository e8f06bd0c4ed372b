package io.tlsweep.prelude;

import io.tlsweep.result.AuthAfterTls;
import java.util.Arrays;
import java.util.Optional;

/**
 * One connection's {@link AfterTlsCodec} as the connection's owner drives it, like {@link PreludeRun}: keeps the
 * bytes not consumed, calls the codec again while it consumes some and bytes remain, gathers what it wants
 * written, and ends a run that reads more than {@code maxBytes} as a {@link AfterTlsStep.Failed}. Pure.
 */
public final class AfterTlsRun {
    private final String protocol;
    private final AfterTlsCodec codec;
    private final int maxBytes;
    private byte[] unconsumed = new byte[0];
    private long read;

    public AfterTlsRun(String protocol, AfterTlsCodec codec, int maxBytes) {
        this.protocol = protocol;
        this.codec = codec;
        this.maxBytes = maxBytes;
    }

    /** What to do once the handshake is done. */
    public AfterTlsStep start() {
        return codec.start();
    }

    /**
     * Reads what the server sent over TLS: the codec's last step, a {@link AfterTlsStep.GoOn} holding everything
     * this read made the codec want written.
     */
    public AfterTlsStep received(byte[] bytes) {
        read += bytes.length;
        if (read > maxBytes) {
            return new AfterTlsStep.Failed(0, "the " + protocol + " server said more than " + maxBytes
                    + " bytes over TLS without answering", codec.factsSoFar());
        }
        int had = unconsumed.length;
        unconsumed = Arrays.copyOf(unconsumed, had + bytes.length);
        System.arraycopy(bytes, 0, unconsumed, had, bytes.length);
        byte[] write = new byte[0];
        while (true) {
            AfterTlsStep s = codec.read(unconsumed, 0, unconsumed.length);
            unconsumed = Arrays.copyOfRange(unconsumed, Math.min(s.consumed(), unconsumed.length), unconsumed.length);
            if (s instanceof AfterTlsStep.Learned learned) {
                return new AfterTlsStep.Learned(learned.consumed(), concat(write, learned.goodbye()), learned.facts());
            }
            if (s instanceof AfterTlsStep.Failed) {
                return s;
            }
            write = concat(write, ((AfterTlsStep.GoOn) s).send());
            if (s.consumed() == 0 || unconsumed.length == 0) {
                return new AfterTlsStep.GoOn(0, write);
            }
        }
    }

    /** What was learned so far, for a connection that ended or fell silent before the codec decided. */
    public Optional<AuthAfterTls> factsSoFar() {
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
