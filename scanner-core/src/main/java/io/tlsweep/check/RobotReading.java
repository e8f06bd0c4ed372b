package io.tlsweep.check;

import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FollowUpAnswer;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.TlsRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How the server answered one ROBOT connection, in words that are equal exactly when the answers are: its records
 * (alerts by level and description) and how the connection ended. After a record a close and a reset are one
 * ending, "closed": which of the two the kernel sends depends on whether our ChangeCipherSpec and Finished were
 * still unread when the server closed, a race over a real network, not a fact of the padding. Without any record
 * they stay apart, as in the reference scanner. Pure.
 *
 * @param kind whether an answer came, the answer was lost, or there was nothing to send the records after
 * @param text the answer ("a fatal bad_record_mac alert, then closed"), or why it is missing
 * @param silent whether the read deadline ended it (an answer, but one the repeat round confirms)
 */
record RobotReading(Kind kind, String text, boolean silent) {
    /** The text of an answer that is silence alone. */
    static final String SILENCE = "nothing before the read deadline";

    /** What came of one connection. */
    enum Kind {
        /** The records were sent and answered (silence until the read deadline included). */
        HEARD,
        /** No whole flight to send them after, or the answer was cut by our own failure: asked again. */
        LOST,
        /** A whole flight that ROBOT's records cannot follow: no static RSA suite or no RSA leaf key. */
        UNUSABLE
    }

    RobotReading {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    /** The reading of one connection's outcome. */
    static RobotReading of(ConnectionOutcome outcome) {
        Optional<String> noFlight = AfterReply.noFlight(outcome);
        if (noFlight.isPresent()) {
            return lost(noFlight.get());
        }
        ConnectionOutcome.Replied replied = (ConnectionOutcome.Replied) outcome;
        Optional<String> unusable = RobotKeyExchange.unusable((ServerHello) replied.response());
        if (unusable.isPresent()) {
            return new RobotReading(Kind.UNUSABLE, unusable.get(), false);
        }
        if (replied.followUps().isEmpty()) {
            return lost("the ClientKeyExchange was not sent");
        }
        FollowUpAnswer answer = replied.followUps().get(0);
        if (answer.ended().isEmpty()) {
            return lost("the answer did not end"); // the follow-up reads to the end: the engine stopped it early
        }
        Failure ended = answer.ended().get();
        List<TlsRecord> records = answer.records();
        if (records.isEmpty()) {
            return switch (ended.kind()) {
                case CLOSED_BEFORE_REPLY -> heard("a close without an alert");
                case RESET_BEFORE_REPLY -> heard("a reset without an alert");
                case READ_TIMEOUT -> new RobotReading(Kind.HEARD, SILENCE, true);
                case MALFORMED_REPLY -> heard("bytes that are not TLS records");
                default -> lost("reading the answer failed: " + ended);
            };
        }
        String said = records.stream().map(RobotReading::record).collect(Collectors.joining(", "));
        return switch (ended.kind()) {
            case CLOSED_BEFORE_REPLY, RESET_BEFORE_REPLY -> heard(said + ", then closed");
            case READ_TIMEOUT -> new RobotReading(Kind.HEARD, said + ", then open until the read deadline", true);
            case MALFORMED_REPLY -> heard(said + ", then bytes that are not TLS records");
            default -> lost("reading the answer failed after " + said + ": " + ended);
        };
    }

    private static String record(TlsRecord r) {
        return AfterReply.alert(r).map(a -> "a " + a + " alert")
                .orElseGet(() -> "a record of type " + TlsRecord.contentTypeName(r.contentType()));
    }

    private static RobotReading heard(String text) {
        return new RobotReading(Kind.HEARD, text, false);
    }

    private static RobotReading lost(String why) {
        return new RobotReading(Kind.LOST, why, false);
    }
}
