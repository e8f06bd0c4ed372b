package io.tlsweep.prelude.pop3;

import io.tlsweep.prelude.line.LineQuery;
import io.tlsweep.prelude.line.MechanismList;
import io.tlsweep.result.AuthAfterTls;
import java.util.Locale;
import java.util.Optional;

/**
 * POP3 once TLS is up: {@code CAPA} again (RFC 2595 section 4), {@code +OK} and the list up to {@code .}: the
 * {@code SASL} mechanisms, and whether {@code USER} is listed. Then {@code QUIT}.
 */
final class Pop3AfterTls extends LineQuery {
    private final MechanismList mechanisms = new MechanismList();
    private boolean listing;
    private boolean user;

    Pop3AfterTls() {
        super("POP3", Optional.of("CAPA"), "QUIT");
    }

    @Override
    protected Answer line(String text) {
        if (!listing) {
            listing = text.equals("+OK") || text.startsWith("+OK ");
            return listing ? Answer.MORE : Answer.NOT_AN_ANSWER;
        }
        if (text.equals(".")) {
            return Answer.DONE;
        }
        String[] words = (text.startsWith(".") ? text.substring(1) : text).strip().split("\\s+", 2);
        switch (words[0].toUpperCase(Locale.ROOT)) {
            case "USER" -> user = true;
            case "SASL" -> mechanisms.addAll(words.length > 1 ? words[1] : "");
            default -> {
            }
        }
        return Answer.MORE;
    }

    @Override
    protected AuthAfterTls facts() {
        return new AuthAfterTls(Pop3Prelude.NAME, mechanisms.list(), Optional.of(user));
    }
}
