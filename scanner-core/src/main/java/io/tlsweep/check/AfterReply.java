package io.tlsweep.check;

import io.tlsweep.probe.PlanContext;
import io.tlsweep.probe.TargetScan;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.FollowUpAnswer;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.ServerResponse;
import io.tlsweep.wire.TlsRecord;
import java.util.List;
import java.util.Optional;

/**
 * What the active checks that send records after the server's first flight (Heartbleed, CCS injection) share:
 * the version they ask in, whether the reply was a whole TLS ≤ 1.2 flight to send them after, and, in words, how
 * the server answered them. Pure.
 */
final class AfterReply {
    private AfterReply() {
    }

    /** The newest version up to TLS 1.2 the scan accepted, with its suites; empty when there is none. */
    static Optional<ProtocolSupport> newestUpToTls12(PlanContext context) {
        return newestUpToTls12(context, ProtocolVersion.SSLv3);
    }

    /** The newest version from {@code lowest} up to TLS 1.2 the scan accepted, with its suites; empty when none. */
    static Optional<ProtocolSupport> newestUpToTls12(PlanContext context, ProtocolVersion lowest) {
        return context.plan(TargetScan.class).map(TargetScan::accepted).orElse(List.of()).stream()
                .filter(p -> p.version().atLeast(lowest) && !p.version().atLeast(ProtocolVersion.TLSv1_3)
                        && !p.cipherSuites().isEmpty())
                .reduce((older, newer) -> newer);
    }

    /** Whether the scan accepted any version at all (if not, an active check has nothing to ask). */
    static boolean anyAccepted(PlanContext context) {
        return context.plan(TargetScan.class).map(s -> !s.accepted().isEmpty()).orElse(false);
    }

    /** The ServerHello of a whole TLS ≤ 1.2 first flight (up to ServerHelloDone), if the reply was one. */
    static Optional<ServerHello> wholeFlight(ServerResponse reply) {
        return reply instanceof ServerHello sh && sh.flight().complete() && sh.flight().endingAlert().isEmpty()
                && !sh.version().atLeast(ProtocolVersion.TLSv1_3) ? Optional.of(sh) : Optional.empty();
    }

    /** Why {@code outcome} gave no whole TLS ≤ 1.2 flight to send records after; empty when it gave one. */
    static Optional<String> noFlight(ConnectionOutcome outcome) {
        if (outcome instanceof ConnectionOutcome.NoReply none) {
            return Optional.of("no reply to the hello (" + none.failure().kind().label() + ")");
        }
        if (!(outcome instanceof ConnectionOutcome.Replied replied)) {
            return Optional.of("the hello was not sent");
        }
        ServerResponse r = replied.response();
        if (wholeFlight(r).isPresent()) {
            return Optional.empty();
        }
        if (r instanceof ServerHello sh) {
            return Optional.of(sh.version().displayName() + " ServerHello without a whole first flight"
                    + sh.flight().endingAlert().map(a -> " (" + a + ")").orElse(""));
        }
        return Optional.of("the hello got " + (r instanceof ServerResponse.Alert a ? "a " + a + " alert"
                : r.getClass().getSimpleName()) + " instead of a ServerHello");
    }

    /** The alert a record carries (level and description), if it is a whole alert record. */
    static Optional<ServerResponse.Alert> alert(TlsRecord record) {
        byte[] f = record.fragment();
        if (record.contentType() != TlsRecord.ALERT || f.length != 2) {
            return Optional.empty();
        }
        return Optional.of(new ServerResponse.Alert(f[0] & 0xFF, AlertDescription.of(f[1] & 0xFF), false));
    }

    /** How an answer that ended before it was whole ended, as a server's deed: "closed the connection". */
    static String ending(Failure ended) {
        return switch (ended.kind()) {
            case CLOSED_BEFORE_REPLY -> "closed the connection";
            case RESET_BEFORE_REPLY -> "reset the connection";
            case READ_TIMEOUT -> "sent nothing before the read deadline";
            case MALFORMED_REPLY -> "answered with bytes that are not TLS records";
            default -> ended.kind().label();
        };
    }

    /** Whether the answer was cut short by something of our own making (a bug), not by the server. */
    static boolean ourFault(FollowUpAnswer answer) {
        return answer.ended().map(f -> f.kind() == FailureKind.INTERNAL_ERROR).orElse(false);
    }
}
