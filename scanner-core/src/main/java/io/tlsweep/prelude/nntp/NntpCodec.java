package io.tlsweep.prelude.nntp;

import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.prelude.ShortText;
import io.tlsweep.prelude.line.LineCodec;
import io.tlsweep.prelude.line.MechanismList;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreludeFacts;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One connection's NNTP prelude: the greeting (200 posting allowed, 201 not; 400 and 502 turn the client away),
 * {@code CAPABILITIES} and its 101 list up to the line {@code .}, then {@code STARTTLS} when the list has it (or
 * when the server has no CAPABILITIES) and its 382; 580 means the server could not start TLS.
 */
final class NntpCodec extends LineCodec {
    private enum State { GREETING, CAPABILITIES, CAPABILITY_LIST, STARTTLS }

    private State state = State.GREETING;
    private Optional<Boolean> tlsOffered = Optional.empty();
    private boolean starttls;
    private boolean authinfoUser;
    private Optional<String> implementation = Optional.empty();
    private final MechanismList mechanisms = new MechanismList();

    NntpCodec() {
        super("NNTP");
    }

    @Override
    protected PreludeStep line(String text, int consumed) {
        if (state == State.CAPABILITY_LIST) {
            return capability(text, consumed);
        }
        int code = code(text);
        return switch (state) {
            case GREETING -> greeting(code, text, consumed);
            case CAPABILITIES -> capabilitiesAnswer(code, text, consumed);
            default -> startTlsAnswer(code, text, consumed);
        };
    }

    private PreludeStep greeting(int code, String text, int consumed) {
        if (code == 200 || code == 201) {
            greeted(text.substring(3).strip());
            state = State.CAPABILITIES;
            return send(consumed, "CAPABILITIES");
        }
        if (code >= 400 && code < 600) {
            greeted(text.substring(3).strip());
            return fail(consumed, FailureKind.PRELUDE_SERVICE_REFUSED, "the NNTP server turned the client away in"
                    + " its greeting: " + ShortText.quoted(text));
        }
        return notAGreeting(consumed, text, "a 200 or 201 greeting");
    }

    private PreludeStep capabilitiesAnswer(int code, String text, int consumed) {
        if (code == 101) {
            state = State.CAPABILITY_LIST;
            return next(consumed);
        }
        if (code >= 400 && code < 600) {
            state = State.STARTTLS;
            return send(consumed, "STARTTLS");
        }
        return fail(consumed, FailureKind.PRELUDE_UNEXPECTED, "expected the answer to CAPABILITIES, got "
                + ShortText.quoted(text));
    }

    private PreludeStep capability(String text, int consumed) {
        if (text.equals(".")) {
            tlsOffered = Optional.of(starttls);
            if (!starttls) {
                return fail(consumed, FailureKind.PRELUDE_TLS_NOT_OFFERED, "the NNTP server does not list STARTTLS"
                        + " among its capabilities");
            }
            state = State.STARTTLS;
            return send(consumed, "STARTTLS");
        }
        String line = text.startsWith(".") ? text.substring(1) : text;
        String[] words = line.strip().split("\\s+", 2);
        String rest = words.length > 1 ? words[1] : "";
        switch (words[0].toUpperCase(Locale.ROOT)) {
            case "STARTTLS" -> starttls = true;
            case "SASL" -> mechanisms.addAll(rest);
            case "AUTHINFO" -> authinfoUser |= Arrays.asList(rest.toUpperCase(Locale.ROOT).split("\\s+"))
                    .contains("USER");
            case "IMPLEMENTATION" -> implementation = Optional.of(ShortText.cut(rest, ShortText.MAX_CHARS));
            default -> {
            }
        }
        return next(consumed);
    }

    private PreludeStep startTlsAnswer(int code, String text, int consumed) {
        if (code == 382) {
            return tls(consumed);
        }
        if (code >= 400 && code < 600) {
            return refused(consumed, "STARTTLS", text, tlsOffered, code == 500 || code == 501 || code == 502);
        }
        return fail(consumed, FailureKind.PRELUDE_UNEXPECTED, "expected the answer to STARTTLS, got "
                + ShortText.quoted(text));
    }

    /** The line's three-digit code followed by a space or the line's end, or -1. */
    private static int code(String text) {
        if (text.length() < 3 || text.length() > 3 && text.charAt(3) != ' ') {
            return -1;
        }
        int code = 0;
        for (int i = 0; i < 3; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            code = code * 10 + c - '0';
        }
        return code;
    }

    @Override
    protected PreludeFacts facts() {
        boolean known = tlsOffered.isPresent();
        return new NntpFacts(banner(), tlsOffered, known ? mechanisms.list() : List.of(), known && authinfoUser,
                implementation);
    }
}
