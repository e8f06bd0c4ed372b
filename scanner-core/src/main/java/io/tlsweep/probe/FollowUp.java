package io.tlsweep.probe;

import io.tlsweep.result.FollowUpAnswer;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.ServerResponse;
import io.tlsweep.wire.TlsRecord;
import java.util.List;
import java.util.Optional;

/**
 * A record (or several) a step sends after the decoded reply to its hello, on the same connection: a
 * heartbeat request, a ChangeCipherSpec out of turn, a second record. Decided from what came back, so a
 * check can send it only after a ServerHello, or only if the previous follow-up was answered. Pure, and
 * must not throw; the engine reads the answer as TLS records (unframed when the prelude framed them) and
 * asks {@link #answered} when it is whole.
 */
@FunctionalInterface
public interface FollowUp {

    /**
     * The TLS records to send now, or empty to end the conversation here.
     *
     * @param reply the decoded reply to the hello
     * @param earlier the answers to this step's earlier follow-ups, in order
     */
    Optional<byte[]> records(ServerResponse reply, List<FollowUpAnswer> earlier);

    /**
     * Whether {@code received} (the whole records that came after the reply or the previous answer) answer
     * this follow-up; until then the engine reads on, up to the read deadline. One record by default.
     */
    default boolean answered(List<TlsRecord> received) {
        return !received.isEmpty();
    }

    /**
     * What of a record received in answer is kept (in the answer and in the result): the record itself by
     * default. A follow-up whose answer may carry bytes of the server's memory (a heartbeat response to an
     * overlong request) keeps only what it decides on, so those bytes are never stored or printed.
     *
     * @param earlier the records of this answer kept before it, in order
     */
    default TlsRecord kept(TlsRecord record, List<TlsRecord> earlier) {
        return record;
    }

    /** Sends {@code records} after a ServerHello (of any version), and nothing after any other reply. */
    static FollowUp afterServerHello(byte[] records) {
        byte[] copy = records.clone();
        return (reply, earlier) -> reply instanceof ServerHello ? Optional.of(copy.clone()) : Optional.empty();
    }
}
