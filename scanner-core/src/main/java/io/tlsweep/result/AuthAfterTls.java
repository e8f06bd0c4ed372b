package io.tlsweep.result;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a service lets clients log in once TLS is up, as it advertises it over TLS (the EHLO, CAPABILITY, CAPA,
 * CAPABILITIES or ManageSieve capabilities said again over TLS, XMPP's stream features after the new stream
 * header): learned on one full-handshake connection of an endpoint, never with any credential sent.
 *
 * @param protocol the prelude's protocol ("smtp", "imap", ...)
 * @param mechanisms the SASL mechanisms offered over TLS, upper case, in the server's order
 * @param login whether the protocol's own login command outside SASL is allowed over TLS (IMAP's LOGIN unless
 *     LOGINDISABLED, POP3's USER, NNTP's AUTHINFO USER); empty for protocols that have none (SMTP, ManageSieve,
 *     XMPP)
 */
public record AuthAfterTls(String protocol, List<String> mechanisms, Optional<Boolean> login) {

    public AuthAfterTls {
        Objects.requireNonNull(protocol, "protocol");
        mechanisms = List.copyOf(mechanisms);
        Objects.requireNonNull(login, "login");
    }

    /** Only SASL mechanisms: the protocol has no other login command. */
    public AuthAfterTls(String protocol, List<String> mechanisms) {
        this(protocol, mechanisms, Optional.empty());
    }
}
