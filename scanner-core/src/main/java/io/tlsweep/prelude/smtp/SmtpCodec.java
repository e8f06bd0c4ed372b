package io.tlsweep.prelude.smtp;

import io.tlsweep.prelude.OtherProtocol;
import io.tlsweep.prelude.PreludeCodec;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreludeFacts;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * One connection's STARTTLS in SMTP (RFC 5321, RFC 3207) or LMTP (RFC 2033): wait for the greeting (one line or
 * several, {@code 220-} … {@code 220 }), say {@code EHLO} (LMTP: {@code LHLO}) with the client's name, read which
 * extensions the reply lists (STARTTLS, the SASL mechanisms of {@code AUTH}), say {@code STARTTLS}, and let TLS
 * start on its {@code 220}. Each call reads at most one line.
 *
 * <p>What fails, with the server's words: a greeting of 421, 554 or any other 4xx/5xx (the service turns the
 * client away); another protocol's first line (an SSH banner, an IMAP greeting...); an EHLO answered 500, 502 or
 * 504 (no ESMTP, so no STARTTLS), or whose reply does not list STARTTLS; STARTTLS answered other than 220 (454
 * "TLS not available"...). Lines are bounded ({@value ReplyLine#MAX_LINE} bytes), and so are the lines of one reply
 * ({@value #MAX_REPLY_LINES}): an endless reply is a failure, never a wait without end.
 */
final class SmtpCodec implements PreludeCodec {
    /** The most lines of one reply. */
    static final int MAX_REPLY_LINES = 64;
    /** The most characters of the server's words quoted in a failure. */
    private static final int MAX_QUOTED = 200;

    private enum State { GREETING, EHLO, STARTTLS, OVER }

    private final SmtpProtocol protocol;
    private final byte[] ehlo;
    private State state = State.GREETING;
    private SmtpFacts facts;
    private EhloReply extensions;
    private int replyCode;
    private int replyLines;
    private String replyFirst;

    SmtpCodec(SmtpProtocol protocol, String clientName) {
        this.protocol = protocol;
        this.ehlo = (protocol.hello() + " " + clientName + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public PreludeStep start() {
        return PreludeStep.GoOn.needMore(); // the server speaks first
    }

    @Override
    public PreludeStep read(byte[] in, int offset, int length) {
        if (state == State.OVER) {
            return failed(0, FailureKind.PRELUDE_UNEXPECTED, "read after the " + protocol.name() + " prelude ended");
        }
        ReplyLine.Read next = ReplyLine.next(in, offset, length);
        if (next instanceof ReplyLine.Partial) {
            return PreludeStep.GoOn.needMore();
        }
        if (next instanceof ReplyLine.TooLong) {
            Optional<String> foreign = atFirstLine() ? OtherProtocol.greeting(in, offset, length) : Optional.empty();
            if (foreign.isPresent()) {
                return failed(0, FailureKind.PRELUDE_OTHER_PROTOCOL, foreign.get() + " where " + expected()
                        + " was expected");
            }
            return failed(0, FailureKind.PRELUDE_UNEXPECTED, "no line end within " + ReplyLine.MAX_LINE
                    + " bytes " + where());
        }
        if (next instanceof ReplyLine.NotReply not) {
            return notReply(in, offset, length, not);
        }
        return line(((ReplyLine.Line) next).line());
    }

    private PreludeStep notReply(byte[] in, int offset, int length, ReplyLine.NotReply not) {
        if (atFirstLine()) {
            facts = SmtpFacts.greeted(protocol.name(), not.text());
            Optional<String> foreign = OtherProtocol.greeting(in, offset, length);
            if (foreign.isPresent()) {
                return failed(not.length(), FailureKind.PRELUDE_OTHER_PROTOCOL, foreign.get() + " where "
                        + expected() + " was expected: " + quoted(not.text()));
            }
        }
        return failed(not.length(), FailureKind.PRELUDE_UNEXPECTED, "not an SMTP reply line " + where() + ": "
                + quoted(not.text()));
    }

    private PreludeStep line(ReplyLine l) {
        if (atFirstLine()) {
            facts = SmtpFacts.greeted(protocol.name(), l.line());
        }
        if (replyLines == 0) {
            replyCode = l.code();
            replyFirst = l.line();
        } else if (l.code() != replyCode) {
            return failed(l.length(), FailureKind.PRELUDE_UNEXPECTED, "a reply whose lines have different codes "
                    + where() + " (" + replyCode + ", then " + quoted(l.line()) + ")");
        }
        if (++replyLines > MAX_REPLY_LINES) {
            return failed(l.length(), FailureKind.PRELUDE_UNEXPECTED, "a reply of more than " + MAX_REPLY_LINES
                    + " lines " + where());
        }
        if (state == State.EHLO && replyCode / 100 == 2) {
            extensions.line(l.text());
        }
        if (l.more()) {
            return new PreludeStep.GoOn(l.length(), new byte[0]);
        }
        replyLines = 0;
        return switch (state) {
            case GREETING -> greeting(l.length());
            case EHLO -> ehloReply(l.length());
            default -> starttlsReply(l.length());
        };
    }

    private PreludeStep greeting(int consumed) {
        if (replyCode == 220) {
            state = State.EHLO;
            extensions = new EhloReply();
            return new PreludeStep.GoOn(consumed, ehlo);
        }
        if (replyCode >= 400) {
            return failed(consumed, FailureKind.PRELUDE_SERVICE_REFUSED, "the " + protocol.name()
                    + " greeting turns the client away: " + quoted(replyFirst));
        }
        return failed(consumed, FailureKind.PRELUDE_UNEXPECTED, "a greeting other than 220: " + quoted(replyFirst));
    }

    private PreludeStep ehloReply(int consumed) {
        String said = protocol.hello() + " answered " + quoted(replyFirst);
        if (replyCode / 100 == 2) {
            facts = facts.ehlo(extensions.starttls(), extensions.mechanisms());
            if (!extensions.starttls()) {
                return failed(consumed, FailureKind.PRELUDE_TLS_NOT_OFFERED, "STARTTLS is not among the extensions"
                        + " the " + protocol.hello() + " reply lists (" + extensions.keywordsShown() + ")");
            }
            state = State.STARTTLS;
            return new PreludeStep.GoOn(consumed, SmtpProtocol.STARTTLS_LINE);
        }
        if (replyCode == 500 || replyCode == 502 || replyCode == 504) {
            return failed(consumed, FailureKind.PRELUDE_TLS_NOT_OFFERED, said + ": no extensions, so no STARTTLS");
        }
        if (replyCode >= 400) {
            return failed(consumed, FailureKind.PRELUDE_SERVICE_REFUSED, said);
        }
        return failed(consumed, FailureKind.PRELUDE_UNEXPECTED, said);
    }

    private PreludeStep starttlsReply(int consumed) {
        String said = "STARTTLS answered " + quoted(replyFirst);
        if (replyCode == 220) {
            state = State.OVER;
            return new PreludeStep.TlsMayStart(consumed, facts);
        }
        return failed(consumed, replyCode >= 400 ? FailureKind.PRELUDE_TLS_REFUSED : FailureKind.PRELUDE_UNEXPECTED,
                said);
    }

    private boolean atFirstLine() {
        return state == State.GREETING && replyLines == 0 && facts == null;
    }

    private String expected() {
        return "an " + protocol.name().toUpperCase(Locale.ROOT) + " greeting";
    }

    private String where() {
        return switch (state) {
            case GREETING -> "in the greeting";
            case EHLO -> "in the " + protocol.hello() + " reply";
            case STARTTLS, OVER -> "in the answer to STARTTLS";
        };
    }

    private PreludeStep failed(int consumed, FailureKind kind, String detail) {
        state = State.OVER;
        return new PreludeStep.Failed(consumed, Failure.of(kind, detail), factsSoFar());
    }

    private static String quoted(String serverText) {
        return "'" + SmtpFacts.cut(serverText, MAX_QUOTED) + "'";
    }

    @Override
    public Optional<PreludeFacts> factsSoFar() {
        return Optional.ofNullable(facts);
    }
}
