package io.tlsweep.result;

import io.tlsweep.wire.TlsRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What came back after one follow-up record (a record sent after the decoded reply to the hello, such as a
 * heartbeat request): the whole TLS records received, and, when the answer is not whole, how the connection
 * ended before it was.
 *
 * @param records the records received after the reply (or after the previous follow-up's answer), in order
 * @param ended present when the connection closed, was reset, sent bytes that are not TLS records, or the
 *     read deadline passed before the follow-up counted its answer as whole
 */
public record FollowUpAnswer(List<TlsRecord> records, Optional<Failure> ended) {

    public FollowUpAnswer {
        records = List.copyOf(records);
        Objects.requireNonNull(ended, "ended");
    }

    /** Whether the answer arrived whole. */
    public boolean whole() {
        return ended.isEmpty();
    }
}
