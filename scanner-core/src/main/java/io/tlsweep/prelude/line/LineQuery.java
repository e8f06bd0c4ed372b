package io.tlsweep.prelude.line;

import io.tlsweep.prelude.AfterTlsCodec;
import io.tlsweep.prelude.AfterTlsStep;
import io.tlsweep.prelude.ShortText;
import io.tlsweep.result.AuthAfterTls;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What the line protocols ask once TLS is up, as one codec: a command that asks for the capabilities again (none
 * where the server sends them unasked, as ManageSieve does), the answer read a line at a time ({@link #line}),
 * then a goodbye. Bounded like the preludes: a line of more than {@value LineCodec#MAX_LINE} bytes or more than
 * {@value LineCodec#MAX_LINES} lines is a failure, as a value.
 */
public abstract class LineQuery implements AfterTlsCodec {

    /** What one line of the answer means. */
    protected enum Answer {
        /** Part of the answer: read on. */
        MORE,
        /** The end of the answer: the facts are in. */
        DONE,
        /** The server refused the question, or said something else than its answer. */
        NOT_AN_ANSWER
    }

    private final String protocolName;
    private final Optional<String> command;
    private final String goodbye;
    private int lines;
    private boolean answered;

    /**
     * @param protocolName the protocol as failure reasons name it ("IMAP")
     * @param command the line that asks (CRLF is added), or empty when the server speaks first
     * @param goodbye the line that ends the session politely ({@code QUIT}, {@code LOGOUT})
     */
    protected LineQuery(String protocolName, Optional<String> command, String goodbye) {
        this.protocolName = protocolName;
        this.command = command;
        this.goodbye = goodbye;
    }

    @Override
    public final AfterTlsStep start() {
        return new AfterTlsStep.GoOn(0, command.map(LineQuery::crlf).orElse(new byte[0]));
    }

    @Override
    public final AfterTlsStep read(byte[] in, int offset, int length) {
        NextLine next = NextLine.in(in, offset, length, LineCodec.MAX_LINE);
        if (next instanceof NextLine.TooLong) {
            return failed(0, "the " + protocolName + " server sent a line of more than " + LineCodec.MAX_LINE
                    + " bytes over TLS");
        }
        if (!(next instanceof NextLine.Complete line)) {
            return AfterTlsStep.GoOn.needMore();
        }
        if (++lines > LineCodec.MAX_LINES) {
            return failed(line.consumed(), "the " + protocolName + " server sent more than " + LineCodec.MAX_LINES
                    + " lines over TLS without ending its capabilities");
        }
        return switch (line(line.text())) {
            case MORE -> new AfterTlsStep.GoOn(line.consumed(), new byte[0]);
            case DONE -> {
                answered = true;
                yield new AfterTlsStep.Learned(line.consumed(), crlf(goodbye), facts());
            }
            case NOT_AN_ANSWER -> failed(line.consumed(), "the " + protocolName + " server answered "
                    + command.orElse("the TLS handshake") + " over TLS with " + ShortText.quoted(line.text()));
        };
    }

    /** Decides on one line of the answer, its line end removed. */
    protected abstract Answer line(String text);

    /** What the answer said, as far as it came. */
    protected abstract AuthAfterTls facts();

    /** The facts once the whole answer came; a cut answer proves nothing (a list may end early). */
    @Override
    public final Optional<AuthAfterTls> factsSoFar() {
        return answered ? Optional.of(facts()) : Optional.empty();
    }

    private AfterTlsStep failed(int consumed, String reason) {
        return new AfterTlsStep.Failed(consumed, reason, factsSoFar());
    }

    private static byte[] crlf(String line) {
        return (line + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
