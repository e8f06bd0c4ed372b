package io.tlsweep.prelude.ftp;

import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.prelude.ShortText;
import io.tlsweep.prelude.line.LineCodec;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreludeFacts;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * One connection's FTP prelude: the greeting (220, possibly multi-line {@code 220-...} up to {@code 220 ...}, after
 * any 120 "ready in n minutes"; 421 or another 4xx/5xx turns the client away), {@code FEAT} and its list, then
 * {@code AUTH TLS} when the list has it (or when the server has no FEAT) and its 234. Every reply may be multi-line
 * (RFC 959 section 4.2): its lines are read up to the one that starts with the same code and a space. SMTP greets
 * with 220 too: a greeting that names SMTP ("ESMTP Postfix", "Microsoft ESMTP MAIL Service") is taken for an SMTP
 * server's.
 */
final class FtpCodec extends LineCodec {
    private enum State { GREETING, FEAT, AUTH }

    private State state = State.GREETING;
    /** The code of the multi-line reply being read ({@code "211"}), null between replies. */
    private String openCode;
    private final StringBuilder greeting = new StringBuilder();
    private boolean authTlsListed;
    private Optional<Boolean> tlsOffered = Optional.empty();

    FtpCodec() {
        super("FTP");
    }

    @Override
    protected PreludeStep line(String text, int consumed) {
        if (openCode != null) {
            if (text.startsWith(openCode) && (text.length() == 3 || text.charAt(3) == ' ')) {
                openCode = null;
                return reply(Integer.parseInt(text.substring(0, 3)), body(text), text, consumed);
            }
            inside(text.startsWith(openCode + "-") ? body(text) : text);
            return next(consumed);
        }
        if (!startsWithCode(text)) {
            return state == State.GREETING ? notAGreeting(consumed, text, "a 220 greeting")
                    : fail(consumed, FailureKind.PRELUDE_UNEXPECTED, "expected a reply to " + command() + ", got "
                            + ShortText.quoted(text));
        }
        if (text.length() > 3 && text.charAt(3) == '-') {
            openCode = text.substring(0, 3);
            inside(body(text));
            return next(consumed);
        }
        return reply(Integer.parseInt(text.substring(0, 3)), body(text), text, consumed);
    }

    /** A line of a multi-line reply before its last. */
    private void inside(String text) {
        if (state == State.GREETING) {
            addToGreeting(text);
        } else if (state == State.FEAT) {
            String[] words = text.strip().toUpperCase(Locale.ROOT).split("[\\s;,]+");
            authTlsListed |= words.length > 0 && words[0].equals("AUTH") && Arrays.asList(words).contains("TLS");
        }
    }

    /** A whole reply: its code, and the text of its last line. */
    private PreludeStep reply(int code, String text, String line, int consumed) {
        return switch (state) {
            case GREETING -> greetingReply(code, text, line, consumed);
            case FEAT -> featReply(code, line, consumed);
            case AUTH -> authReply(code, line, consumed);
        };
    }

    private PreludeStep greetingReply(int code, String text, String line, int consumed) {
        addToGreeting(text);
        if (code == 120) {
            return next(consumed);
        }
        if (code == 220 && greeting.toString().toUpperCase(Locale.ROOT).contains("SMTP")) {
            greeted(greeting.toString());
            return fail(consumed, FailureKind.PRELUDE_OTHER_PROTOCOL, "the greeting is an SMTP server's, not FTP: "
                    + ShortText.quoted(line));
        }
        if (code == 220) {
            greeted(greeting.toString());
            state = State.FEAT;
            return send(consumed, "FEAT");
        }
        if (code >= 400 && code < 600) {
            greeted(greeting.toString());
            return fail(consumed, FailureKind.PRELUDE_SERVICE_REFUSED, "the FTP server turned the client away in"
                    + " its greeting: " + ShortText.quoted(line));
        }
        return notAGreeting(consumed, line, "a 220 greeting");
    }

    private PreludeStep featReply(int code, String line, int consumed) {
        if (code == 211) {
            tlsOffered = Optional.of(authTlsListed);
            if (!authTlsListed) {
                return fail(consumed, FailureKind.PRELUDE_TLS_NOT_OFFERED, "the FTP server does not list AUTH TLS"
                        + " among its features");
            }
        } else if (code < 400 || code >= 600) {
            return fail(consumed, FailureKind.PRELUDE_UNEXPECTED, "expected a reply to FEAT, got "
                    + ShortText.quoted(line));
        }
        state = State.AUTH;
        return send(consumed, "AUTH TLS");
    }

    private PreludeStep authReply(int code, String line, int consumed) {
        if (code == 234) {
            return tls(consumed);
        }
        if (code >= 400 && code < 600) {
            return refused(consumed, "AUTH TLS", line, tlsOffered, code == 500 || code == 502 || code == 504);
        }
        return fail(consumed, FailureKind.PRELUDE_UNEXPECTED, "expected a reply to AUTH TLS, got "
                + ShortText.quoted(line));
    }

    private void addToGreeting(String text) {
        String line = text.strip();
        if (!line.isEmpty() && greeting.length() <= ShortText.MAX_CHARS) {
            greeting.append(greeting.isEmpty() ? "" : "\n").append(line, 0, Math.min(line.length(),
                    ShortText.MAX_CHARS + 1));
        }
    }

    private String command() {
        return state == State.FEAT ? "FEAT" : "AUTH TLS";
    }

    private static boolean startsWithCode(String text) {
        return text.length() >= 3 && isDigit(text.charAt(0)) && isDigit(text.charAt(1)) && isDigit(text.charAt(2))
                && (text.length() == 3 || text.charAt(3) == ' ' || text.charAt(3) == '-');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String body(String text) {
        return text.length() > 4 ? text.substring(4) : "";
    }

    @Override
    protected PreludeFacts facts() {
        return new FtpFacts(banner(), tlsOffered);
    }
}
