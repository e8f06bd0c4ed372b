package io.tlsweep.prelude.imap;

import io.tlsweep.prelude.line.LineQuery;
import io.tlsweep.prelude.line.MechanismList;
import io.tlsweep.result.AuthAfterTls;
import java.util.Locale;
import java.util.Optional;

/**
 * IMAP once TLS is up: {@code c CAPABILITY} (RFC 3501 section 6.2.1: the client discards what it learned before
 * TLS), its {@code * CAPABILITY} line(s) and tagged {@code c OK}: the {@code AUTH=} mechanisms, and whether the
 * LOGIN command is allowed (no {@code LOGINDISABLED}). Then {@code d LOGOUT}.
 */
final class ImapAfterTls extends LineQuery {
    private final MechanismList mechanisms = new MechanismList();
    private boolean loginDisabled;

    ImapAfterTls() {
        super("IMAP", Optional.of("c CAPABILITY"), "d LOGOUT");
    }

    @Override
    protected Answer line(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.startsWith("* CAPABILITY ")) {
            for (String atom : upper.substring(13).trim().split("\\s+")) {
                loginDisabled |= atom.equals("LOGINDISABLED");
                if (atom.startsWith("AUTH=")) {
                    mechanisms.add(atom.substring(5));
                }
            }
            return Answer.MORE;
        }
        if (upper.startsWith("* BYE")) {
            return Answer.NOT_AN_ANSWER;
        }
        if (upper.startsWith("* ")) {
            return Answer.MORE;
        }
        if (upper.equals("C OK") || upper.startsWith("C OK ")) {
            return Answer.DONE;
        }
        return Answer.NOT_AN_ANSWER;
    }

    @Override
    protected AuthAfterTls facts() {
        return new AuthAfterTls(ImapPrelude.NAME, mechanisms.list(), Optional.of(!loginDisabled));
    }
}
