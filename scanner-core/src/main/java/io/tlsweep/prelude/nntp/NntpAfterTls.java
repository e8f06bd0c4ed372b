package io.tlsweep.prelude.nntp;

import io.tlsweep.prelude.line.LineQuery;
import io.tlsweep.prelude.line.MechanismList;
import io.tlsweep.result.AuthAfterTls;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * NNTP once TLS is up: {@code CAPABILITIES} again (RFC 4642 section 2.2.2), {@code 101} and the list up to
 * {@code .}: the {@code SASL} mechanisms, and whether {@code AUTHINFO} lists {@code USER} (RFC 4643). Then
 * {@code QUIT}.
 */
final class NntpAfterTls extends LineQuery {
    private final MechanismList mechanisms = new MechanismList();
    private boolean listing;
    private boolean authinfoUser;

    NntpAfterTls() {
        super("NNTP", Optional.of("CAPABILITIES"), "QUIT");
    }

    @Override
    protected Answer line(String text) {
        if (!listing) {
            listing = text.equals("101") || text.startsWith("101 ");
            return listing ? Answer.MORE : Answer.NOT_AN_ANSWER;
        }
        if (text.equals(".")) {
            return Answer.DONE;
        }
        String[] words = (text.startsWith(".") ? text.substring(1) : text).strip().split("\\s+", 2);
        String rest = words.length > 1 ? words[1] : "";
        switch (words[0].toUpperCase(Locale.ROOT)) {
            case "SASL" -> mechanisms.addAll(rest);
            case "AUTHINFO" -> authinfoUser |= Arrays.asList(rest.toUpperCase(Locale.ROOT).split("\\s+"))
                    .contains("USER");
            default -> {
            }
        }
        return Answer.MORE;
    }

    @Override
    protected AuthAfterTls facts() {
        return new AuthAfterTls(NntpPrelude.NAME, mechanisms.list(), Optional.of(authinfoUser));
    }
}
