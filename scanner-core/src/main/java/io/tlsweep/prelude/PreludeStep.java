package io.tlsweep.prelude;

import io.tlsweep.result.Failure;
import io.tlsweep.result.PreludeFacts;
import java.util.Objects;
import java.util.Optional;

/** What a {@link PreludeCodec} says after each call: go on, TLS may start, or the prelude failed. */
public sealed interface PreludeStep {

    /** How many of the bytes the codec was given it has used up; the caller drops them. */
    int consumed();

    /**
     * Go on: write {@code send} (possibly nothing) and call {@link PreludeCodec#read} again once more bytes
     * have come. A codec that needs more of a line than it has consumes nothing and sends nothing.
     */
    record GoOn(int consumed, byte[] send) implements PreludeStep {
        public GoOn {
            nonNegative(consumed);
            send = send.clone();
        }

        @Override
        public byte[] send() {
            return send.clone();
        }

        /** Wait for more bytes without consuming or sending anything. */
        public static GoOn needMore() {
            return new GoOn(0, new byte[0]);
        }
    }

    /**
     * TLS may start: write {@code send} (some protocols ask for TLS and start it without waiting, MySQL's SSL
     * request), then the TLS records, through {@code framing}. Bytes after the consumed ones are the server's
     * first TLS bytes.
     */
    record TlsMayStart(int consumed, byte[] send, PreludeFacts facts, TlsFraming framing) implements PreludeStep {
        public TlsMayStart {
            nonNegative(consumed);
            send = send.clone();
            Objects.requireNonNull(facts, "facts");
            Objects.requireNonNull(framing, "framing");
        }

        /** TLS may start at once on the bare connection, nothing more to send. */
        public TlsMayStart(int consumed, PreludeFacts facts) {
            this(consumed, new byte[0], facts, TlsFraming.NONE);
        }

        @Override
        public byte[] send() {
            return send.clone();
        }
    }

    /**
     * The prelude failed and TLS will not start on this connection: {@code failure} is of the prelude family
     * ({@link io.tlsweep.result.FailureKind#prelude()}), with the server's words in its detail.
     */
    record Failed(int consumed, Failure failure, Optional<PreludeFacts> facts) implements PreludeStep {
        public Failed {
            nonNegative(consumed);
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(facts, "facts");
            if (!failure.kind().prelude()) {
                throw new IllegalArgumentException("a prelude fails with a prelude kind, not " + failure.kind());
            }
        }
    }

    private static void nonNegative(int consumed) {
        if (consumed < 0) {
            throw new IllegalArgumentException("consumed must be >= 0, got " + consumed);
        }
    }
}
