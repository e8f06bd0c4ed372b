package io.tlsweep.prelude.smtp;

import io.tlsweep.prelude.line.LineQuery;
import io.tlsweep.result.AuthAfterTls;
import java.util.Locale;
import java.util.Optional;

/**
 * SMTP (LMTP) once TLS is up: the client forgets what it knew and says {@code EHLO} ({@code LHLO}) again
 * (RFC 3207 section 4.2); the positive reply's {@code AUTH} lines are the mechanisms offered over TLS. Then
 * {@code QUIT}.
 */
final class SmtpAfterTls extends LineQuery {
    private final String protocol;
    private final EhloReply reply = new EhloReply();

    SmtpAfterTls(String protocol, String hello, String client) {
        super(protocol.toUpperCase(Locale.ROOT), Optional.of(hello + " " + client), "QUIT");
        this.protocol = protocol;
    }

    @Override
    protected Answer line(String text) {
        boolean last = text.length() == 3 || text.length() > 3 && text.charAt(3) == ' ';
        if (!text.startsWith("250") || !last && (text.length() < 4 || text.charAt(3) != '-')) {
            return Answer.NOT_AN_ANSWER;
        }
        reply.line(text.length() > 4 ? text.substring(4) : "");
        return last ? Answer.DONE : Answer.MORE;
    }

    @Override
    protected AuthAfterTls facts() {
        return new AuthAfterTls(protocol, reply.mechanisms());
    }
}
