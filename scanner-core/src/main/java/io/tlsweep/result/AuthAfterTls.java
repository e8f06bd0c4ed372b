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
 * @param status for HTTP (a web endpoint asked {@code GET}, no prelude): the status code of the answer, whose
 *     mechanisms are then the {@code WWW-Authenticate} schemes; empty for the other protocols, and for an answer to
 *     HTTP's request that was not HTTP
 * @param server for HTTP: the answer's {@code Server} header field value (RFC 9110 §10.2.4), the first one, trimmed,
 *     its controls made visible and cut short; empty when the answer had none, and for the other protocols
 */
public record AuthAfterTls(String protocol, List<String> mechanisms, Optional<Boolean> login,
        Optional<Integer> status, Optional<String> server) {

    public AuthAfterTls {
        Objects.requireNonNull(protocol, "protocol");
        mechanisms = List.copyOf(mechanisms);
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(server, "server");
    }

    /** An answer without a {@code Server} field, or a protocol that has none. */
    public AuthAfterTls(String protocol, List<String> mechanisms, Optional<Boolean> login, Optional<Integer> status) {
        this(protocol, mechanisms, login, status, Optional.empty());
    }

    /** A protocol without a status: the mechanisms and, where it has one, its login command. */
    public AuthAfterTls(String protocol, List<String> mechanisms, Optional<Boolean> login) {
        this(protocol, mechanisms, login, Optional.empty());
    }

    /** Only SASL mechanisms: the protocol has no other login command. */
    public AuthAfterTls(String protocol, List<String> mechanisms) {
        this(protocol, mechanisms, Optional.empty());
    }
}
