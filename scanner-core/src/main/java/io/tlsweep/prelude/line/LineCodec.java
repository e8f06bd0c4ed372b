package io.tlsweep.prelude.line;

import io.tlsweep.prelude.OtherProtocol;
import io.tlsweep.prelude.PreludeCodec;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.prelude.ShortText;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreludeFacts;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What the codecs of the line-based STARTTLS protocols share: the server talks first, every answer is made of
 * lines, and each line is decided on as it comes ({@link #line}), consuming exactly that line, so the bytes after
 * the answer to STARTTLS are left for TLS. Bounded: a line of more than {@value #MAX_LINE} bytes, or more than
 * {@value #MAX_LINES} lines before TLS, is a {@link FailureKind#PRELUDE_UNEXPECTED} failure (the engine's
 * {@link io.tlsweep.prelude.PreludeRun} also bounds the bytes, and its deadline the time).
 */
public abstract class LineCodec implements PreludeCodec {
    /** The longest line read, its line end included (RFC 3977 allows 512 octets; capability lists run longer). */
    public static final int MAX_LINE = 4096;
    /** The most lines read before TLS (greeting, capability lists, answers). */
    public static final int MAX_LINES = 200;

    private final String protocolName;
    private int lines;
    private String banner;

    /** @param protocolName the protocol as failure details name it ("IMAP") */
    protected LineCodec(String protocolName) {
        this.protocolName = protocolName;
    }

    /** The server speaks first: wait for its greeting. */
    @Override
    public PreludeStep start() {
        return PreludeStep.GoOn.needMore();
    }

    @Override
    public final PreludeStep read(byte[] in, int offset, int length) {
        NextLine next = NextLine.in(in, offset, length, MAX_LINE);
        if (next instanceof NextLine.TooLong) {
            return fail(0, FailureKind.PRELUDE_UNEXPECTED, "the " + protocolName + " server sent a line of more than "
                    + MAX_LINE + " bytes");
        }
        if (!(next instanceof NextLine.Complete line)) {
            return PreludeStep.GoOn.needMore();
        }
        if (++lines > MAX_LINES) {
            return fail(line.consumed(), FailureKind.PRELUDE_UNEXPECTED, "the " + protocolName
                    + " server sent more than " + MAX_LINES + " lines before TLS");
        }
        return line(line.text(), line.consumed());
    }

    /**
     * Decides on one line of the server's.
     *
     * @param text the line without its line end
     * @param consumed its length in bytes with the line end: what the step consumes
     */
    protected abstract PreludeStep line(String text, int consumed);

    /** The facts as they stand; asked only once the server greeted ({@link #greeted}). */
    protected abstract PreludeFacts facts();

    @Override
    public final Optional<PreludeFacts> factsSoFar() {
        return banner == null ? Optional.empty() : Optional.of(facts());
    }

    /** The server greeted: from now on there are facts; {@code text} is the banner (cut here). */
    protected final void greeted(String text) {
        banner = ShortText.cut(text, ShortText.MAX_CHARS);
    }

    /** The banner, "" before the greeting. */
    protected final String banner() {
        return banner == null ? "" : banner;
    }

    protected final String protocolName() {
        return protocolName;
    }

    /** Consume the line and wait for the next. */
    protected static PreludeStep next(int consumed) {
        return new PreludeStep.GoOn(consumed, new byte[0]);
    }

    /** Consume the line and send {@code command} (CRLF is added). */
    protected static PreludeStep send(int consumed, String command) {
        return new PreludeStep.GoOn(consumed, (command + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** The server agreed to start TLS: consume its answer, TLS starts on the bare connection. */
    protected final PreludeStep tls(int consumed) {
        return new PreludeStep.TlsMayStart(consumed, facts());
    }

    protected final PreludeStep fail(int consumed, FailureKind kind, String detail) {
        return new PreludeStep.Failed(consumed, Failure.of(kind, detail), factsSoFar());
    }

    /**
     * A first line that is not this protocol's greeting: another protocol's ({@link OtherProtocol}), or
     * anything else.
     *
     * @param expected what the greeting should have been ("'* OK'")
     */
    protected final PreludeStep notAGreeting(int consumed, String text, String expected) {
        Optional<String> other = OtherProtocol.server(text).filter(o -> !o.contains(protocolName)); // "+OKAY" to POP3
        if (other.isPresent()) {
            return fail(consumed, FailureKind.PRELUDE_OTHER_PROTOCOL, "the greeting is " + other.get() + "'s, not "
                    + protocolName + ": " + ShortText.quoted(text));
        }
        return fail(consumed, FailureKind.PRELUDE_UNEXPECTED, "expected " + expected + " from the " + protocolName
                + " server, got " + ShortText.quoted(text));
    }

    /**
     * The server answered the STARTTLS command with an error: refused when it had advertised STARTTLS; when it had
     * not said ({@code advertised} empty: no capability list), not offered if the answer means "no such command",
     * else refused.
     *
     * @param notImplemented whether the answer means "no such command" (FTP's 500/502/504, NNTP's 500-502), or
     *     cannot tell (protocols without reply codes: IMAP, POP3, ManageSieve)
     */
    protected final PreludeStep refused(int consumed, String command, String answer, Optional<Boolean> advertised,
            boolean notImplemented) {
        boolean offered = advertised.orElse(!notImplemented);
        return fail(consumed, offered ? FailureKind.PRELUDE_TLS_REFUSED : FailureKind.PRELUDE_TLS_NOT_OFFERED,
                "the " + protocolName + " server answered " + command + " with " + ShortText.quoted(answer)
                        + (advertised.isEmpty() ? " (it lists no capabilities)" : ""));
    }
}
