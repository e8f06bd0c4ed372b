package io.tlsweep.result;

import io.tlsweep.wire.ServerResponse;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one connection's conversation came to, as the engine reports it to a probe: the decoded reply to its
 * hello (and the answers to the records sent after it), or a failure with no reply at all. A connection that
 * began with a prelude carries what the prelude learned, whether TLS then started or not.
 */
public sealed interface ConnectionOutcome {
    Timings timings();

    /** What the prelude learned before TLS (or before it failed); empty for a connection that starts with TLS. */
    Optional<PreludeFacts> prelude();

    /**
     * Bytes came back and were decoded (a ServerHello, an alert, not-TLS, malformed...).
     *
     * @param followUps one answer per follow-up record sent after the reply, in order; empty when none was sent
     */
    record Replied(Optional<PreludeFacts> prelude, ServerResponse response, List<FollowUpAnswer> followUps,
            Timings timings) implements ConnectionOutcome {

        public Replied {
            Objects.requireNonNull(prelude, "prelude");
            Objects.requireNonNull(response, "response");
            followUps = List.copyOf(followUps);
        }

        /** A reply on a connection that started with TLS and sent nothing after the hello. */
        public Replied(ServerResponse response, Timings timings) {
            this(Optional.empty(), response, List.of(), timings);
        }
    }

    /**
     * The prelude was a question ({@link io.tlsweep.prelude.Prelude#question()}) and the service answered it so that
     * TLS may start: the connection was closed there, before any TLS byte (an RDP server that selected the protocol
     * asked for, say).
     */
    record PreludeAnswered(PreludeFacts facts, Timings timings) implements ConnectionOutcome {

        public PreludeAnswered {
            Objects.requireNonNull(facts, "facts");
        }

        @Override
        public Optional<PreludeFacts> prelude() {
            return Optional.of(facts);
        }
    }

    /**
     * No reply: the kind is one of connect refused/timeout, DNS failure, read timeout, reset or closed
     * before any reply, a prelude failure (TLS never started), or internal error.
     */
    record NoReply(Optional<PreludeFacts> prelude, Failure failure, Timings timings) implements ConnectionOutcome {

        public NoReply {
            Objects.requireNonNull(prelude, "prelude");
            Objects.requireNonNull(failure, "failure");
        }

        public NoReply(Failure failure, Timings timings) {
            this(Optional.empty(), failure, timings);
        }
    }

    /**
     * A real TLS stack completed a handshake on this connection (and did what the step asked after it).
     *
     * @param prelude what the prelude learned before TLS, for a connection that began with one
     */
    record Handshook(Optional<PreludeFacts> prelude, RealHandshake handshake, Timings timings)
            implements ConnectionOutcome {

        public Handshook {
            Objects.requireNonNull(prelude, "prelude");
            Objects.requireNonNull(handshake, "handshake");
            Objects.requireNonNull(timings, "timings");
        }
    }
}
