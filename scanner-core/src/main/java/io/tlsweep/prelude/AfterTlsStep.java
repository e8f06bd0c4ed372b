package io.tlsweep.prelude;

import io.tlsweep.result.AuthAfterTls;
import java.util.Objects;
import java.util.Optional;

/** What an {@link AfterTlsCodec} says after each call: go on, learned, or failed. */
public sealed interface AfterTlsStep {

    /** How many of the bytes the codec was given it has used up; the caller drops them. */
    int consumed();

    /** Write {@code send} (possibly nothing) and call again once more bytes have come. */
    record GoOn(int consumed, byte[] send) implements AfterTlsStep {
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

    /** The answer is in: write {@code goodbye} (QUIT, LOGOUT, the stream's end), then the connection may close. */
    record Learned(int consumed, byte[] goodbye, AuthAfterTls facts) implements AfterTlsStep {
        public Learned {
            nonNegative(consumed);
            goodbye = goodbye.clone();
            Objects.requireNonNull(facts, "facts");
        }

        @Override
        public byte[] goodbye() {
            return goodbye.clone();
        }
    }

    /**
     * The server's answer could not be read, or refused the question: {@code reason} says how (the server's words
     * cut short), {@code facts} what was learned before, if anything.
     */
    record Failed(int consumed, String reason, Optional<AuthAfterTls> facts) implements AfterTlsStep {
        public Failed {
            nonNegative(consumed);
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(facts, "facts");
        }
    }

    private static void nonNegative(int consumed) {
        if (consumed < 0) {
            throw new IllegalArgumentException("consumed must be >= 0, got " + consumed);
        }
    }
}
