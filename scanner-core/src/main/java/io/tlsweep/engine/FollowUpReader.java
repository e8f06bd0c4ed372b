package io.tlsweep.engine;

import io.tlsweep.prelude.TlsFraming;
import io.tlsweep.probe.FollowUp;
import io.tlsweep.result.FollowUpAnswer;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.wire.RecordFramer;
import io.tlsweep.wire.ServerResponse;
import io.tlsweep.wire.TlsRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The follow-ups of one conversation, after its reply: asks each {@link FollowUp} what to send, reads the
 * whole TLS records that come back (as much of each as the follow-up keeps) until it counts them as its answer,
 * then goes on to the next. Pure, part of {@link Conversation}. A follow-up that throws (a bug in the plan that
 * made it) ends the conversation with an internal-error answer; the reply stands.
 */
final class FollowUpReader {
    private final List<FollowUp> followUps;
    private final ServerResponse reply;
    private final TlsFraming framing;
    private final List<FollowUpAnswer> answers = new ArrayList<>();
    private int next;
    private boolean awaiting;
    private int answerFrom;
    private List<TlsRecord> pending = List.of();

    /**
     * @param answerFrom where in the received TLS bytes the reply ended: records after it belong to the answers
     * @param framing the prelude's framing, or null for a connection that started with TLS
     */
    FollowUpReader(List<FollowUp> followUps, ServerResponse reply, int answerFrom, TlsFraming framing) {
        this.followUps = followUps;
        this.reply = reply;
        this.answerFrom = answerFrom;
        this.framing = framing;
    }

    /** Reads the TLS bytes received so far ({@code length} of {@code received}); sends what comes next. */
    Conversation.Next read(byte[] received, int length, int maxBytes) {
        byte[] write = new byte[0];
        while (next < followUps.size()) {
            FollowUp followUp = followUps.get(next);
            if (!awaiting) {
                Optional<byte[]> records;
                try {
                    records = followUp.records(reply, answers());
                } catch (RuntimeException bug) {
                    return threw(bug, write);
                }
                if (records.isEmpty()) {
                    break;
                }
                write = Conversation.concat(write, framing == null ? records.get() : framing.wrap(records.get()));
                awaiting = true;
            }
            List<TlsRecord> got = new ArrayList<>();
            int at = answerFrom;
            boolean whole = false;
            while (!whole) {
                RecordFramer.Frame frame = RecordFramer.next(received, at, length - at);
                if (!(frame instanceof RecordFramer.Frame.Complete complete)) {
                    pending = got;
                    if (frame instanceof RecordFramer.Frame.Invalid bad) {
                        end(FailureKind.MALFORMED_REPLY, "not a TLS record: " + bad.reason());
                    } else if (length >= maxBytes) {
                        end(FailureKind.MALFORMED_REPLY, "no whole answer in the first " + maxBytes + " bytes");
                    } else {
                        return new Conversation.Next(write, write.length > 0, false);
                    }
                    return over(write);
                }
                at += complete.consumed();
                try {
                    got.add(followUp.kept(complete.record(), List.copyOf(got)));
                    whole = followUp.answered(List.copyOf(got));
                } catch (RuntimeException bug) {
                    pending = got;
                    return threw(bug, write);
                }
            }
            answers.add(new FollowUpAnswer(got, Optional.empty()));
            answerFrom = at;
            awaiting = false;
            pending = List.of();
            next++;
        }
        return over(write);
    }

    private Conversation.Next threw(RuntimeException bug, byte[] write) {
        awaiting = true;
        end(FailureKind.INTERNAL_ERROR, "follow-up threw " + bug);
        return over(write);
    }

    private static Conversation.Next over(byte[] write) {
        return new Conversation.Next(write, write.length > 0, true);
    }

    /** The connection ended (or the answer broke) while a follow-up waited for its answer. */
    void end(FailureKind kind, String detail) {
        if (awaiting) {
            answers.add(new FollowUpAnswer(pending, Optional.of(Failure.of(kind, detail + " (follow-up #"
                    + (next + 1) + " of " + followUps.size() + ")"))));
            awaiting = false;
            next = followUps.size();
        }
    }

    List<FollowUpAnswer> answers() {
        return List.copyOf(answers);
    }
}
