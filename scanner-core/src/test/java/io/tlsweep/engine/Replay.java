package io.tlsweep.engine;

import io.tlsweep.probe.ProbeStep;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Timings;
import io.tlsweep.wire.ClientHelloEncoder;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A step's conversation replayed on a server's captured bytes, without a connection, for the tests of checks
 * outside this package: the bytes fed whole, in 50-byte pieces or byte by byte, then the connection ended as
 * the capture did (or the read deadline passing). Gives what was written after the hello and the outcome.
 */
public final class Replay {
    /** How the server's bytes are cut into reads. */
    public enum Split { WHOLE, PIECES_OF_50, BYTE_BY_BYTE }

    /** How the connection ends after the bytes, if the conversation is not over by then. */
    public enum End { CLOSE, RESET, DEADLINE }

    /** What the client wrote after its hello, and the outcome. */
    public record Replayed(byte[] written, ConnectionOutcome outcome) {
    }

    private Replay() {
    }

    public static Replayed of(ProbeStep step, byte[] server, Split split, End end) {
        Conversation c = new Conversation(step, ClientHelloEncoder.encode(step.hello()), 64 * 1024, 5000, 5000,
                () -> "127.0.0.1:443");
        c.connected();
        int size = switch (split) {
            case WHOLE -> Math.max(1, server.length);
            case PIECES_OF_50 -> 50;
            case BYTE_BY_BYTE -> 1;
        };
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        boolean over = false;
        for (int at = 0; at < server.length && !over; at += size) {
            Conversation.Next next = c.received(Arrays.copyOfRange(server, at, Math.min(server.length, at + size)));
            written.writeBytes(next.write());
            over = next.over();
        }
        if (!over) {
            switch (end) {
                case CLOSE -> c.closed();
                case RESET -> c.reset("Connection reset by peer");
                case DEADLINE -> c.deadline();
            }
        }
        return new Replayed(written.toByteArray(), c.outcome(Timings.NONE));
    }
}
