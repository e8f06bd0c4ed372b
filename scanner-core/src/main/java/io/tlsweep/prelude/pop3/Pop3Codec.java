package io.tlsweep.prelude.pop3;

import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.prelude.ShortText;
import io.tlsweep.prelude.line.LineCodec;
import io.tlsweep.prelude.line.MechanismList;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreludeFacts;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One connection's POP3 prelude: the greeting ({@code +OK}; {@code -ERR} turns the client away), {@code CAPA} and
 * its list up to the line {@code .}, then {@code STLS} when the list has it (or when the server has no CAPA) and its
 * {@code +OK}.
 */
final class Pop3Codec extends LineCodec {
    private enum State { GREETING, CAPA, CAPA_LIST, STLS }

    private State state = State.GREETING;
    private Optional<Boolean> tlsOffered = Optional.empty();
    private boolean stls;
    private boolean user;
    private Optional<String> implementation = Optional.empty();
    private final MechanismList mechanisms = new MechanismList();

    Pop3Codec() {
        super("POP3");
    }

    @Override
    protected PreludeStep line(String text, int consumed) {
        return switch (state) {
            case GREETING -> greeting(text, consumed);
            case CAPA -> capaAnswer(text, consumed);
            case CAPA_LIST -> capability(text, consumed);
            case STLS -> stlsAnswer(text, consumed);
        };
    }

    private PreludeStep greeting(String text, int consumed) {
        if (isStatus(text, "+OK")) {
            greeted(text.substring(3).strip());
            state = State.CAPA;
            return send(consumed, "CAPA");
        }
        if (isStatus(text, "-ERR")) {
            greeted(text.substring(4).strip());
            return fail(consumed, FailureKind.PRELUDE_SERVICE_REFUSED, "the POP3 server greeted with -ERR: "
                    + ShortText.quoted(text));
        }
        return notAGreeting(consumed, text, "'+OK'");
    }

    private PreludeStep capaAnswer(String text, int consumed) {
        if (isStatus(text, "+OK")) {
            state = State.CAPA_LIST;
            return next(consumed);
        }
        if (isStatus(text, "-ERR")) {
            state = State.STLS;
            return send(consumed, "STLS");
        }
        return fail(consumed, FailureKind.PRELUDE_UNEXPECTED, "expected the answer to CAPA, got "
                + ShortText.quoted(text));
    }

    private PreludeStep capability(String text, int consumed) {
        if (text.equals(".")) {
            tlsOffered = Optional.of(stls);
            if (!stls) {
                return fail(consumed, FailureKind.PRELUDE_TLS_NOT_OFFERED, "the POP3 server does not list STLS in"
                        + " its capabilities");
            }
            state = State.STLS;
            return send(consumed, "STLS");
        }
        String line = text.startsWith(".") ? text.substring(1) : text;
        String[] words = line.strip().split("\\s+", 2);
        switch (words[0].toUpperCase(Locale.ROOT)) {
            case "STLS" -> stls = true;
            case "USER" -> user = true;
            case "SASL" -> mechanisms.addAll(words.length > 1 ? words[1] : "");
            case "IMPLEMENTATION" -> implementation = Optional.of(ShortText.cut(words.length > 1 ? words[1] : "",
                    ShortText.MAX_CHARS));
            default -> {
            }
        }
        return next(consumed);
    }

    private PreludeStep stlsAnswer(String text, int consumed) {
        if (isStatus(text, "+OK")) {
            return tls(consumed);
        }
        if (isStatus(text, "-ERR")) {
            return refused(consumed, "STLS", text, tlsOffered, true);
        }
        return fail(consumed, FailureKind.PRELUDE_UNEXPECTED, "expected the answer to STLS, got "
                + ShortText.quoted(text));
    }

    private static boolean isStatus(String text, String status) {
        return text.regionMatches(true, 0, status, 0, status.length())
                && (text.length() == status.length() || text.charAt(status.length()) == ' ');
    }

    @Override
    protected PreludeFacts facts() {
        boolean known = tlsOffered.isPresent();
        return new Pop3Facts(banner(), tlsOffered, known ? mechanisms.list() : List.of(), known && user,
                implementation);
    }
}
