package io.tlsweep.prelude;

import java.util.Objects;
import java.util.Optional;

/**
 * What a prelude may need to know about its target and client: the server's name (the SNI name, which some
 * protocols also say before TLS: XMPP's {@code to=}) and the name the client introduces itself with where the
 * protocol asks for one (SMTP's {@code EHLO}, LMTP's {@code LHLO}): a neutral name the user states; and whether
 * this one connection asks the extra questions about authentication ({@code askAuth}): the capabilities again
 * once TLS is up ({@link Prelude#afterTls()}), and LDAP's root DSE before StartTLS. A run asks them on the one
 * full-handshake connection of its real-stack check, never on the raw hellos, which close after the ServerHello.
 */
public record PreludeContext(Optional<String> serverName, String clientName, boolean askAuth) {
    /**
     * The client's name unless the user gives one: in the {@code .invalid} top-level domain (RFC 6761), which never
     * resolves and names no real host, so a server's log shows a scanner, not a host it might mistake it for.
     */
    public static final String DEFAULT_CLIENT_NAME = "tlsweep.invalid";

    public PreludeContext {
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(clientName, "clientName");
        if (clientName.isBlank()) {
            throw new IllegalArgumentException("the client's name must not be blank");
        }
    }

    /** A context that asks nothing more than STARTTLS needs. */
    public PreludeContext(Optional<String> serverName, String clientName) {
        this(serverName, clientName, false);
    }

    /** The same context, asking the extra questions about authentication. */
    public PreludeContext askingAuth() {
        return new PreludeContext(serverName, clientName, true);
    }
}
