package io.tlsweep.prelude.line;

import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeContext;
import io.tlsweep.prelude.PreludeProtocol;
import java.util.List;
import java.util.Objects;

/**
 * A STARTTLS protocol whose prelude needs nothing of its target (IMAP, POP3, FTP, NNTP, ManageSieve: no name is
 * said before TLS), so every target gets the same prelude: {@code askingAuth} where the context asks about
 * authentication ({@link PreludeContext#askAuth()}), else {@code prelude}.
 */
public record StartTlsProtocol(String name, List<Integer> defaultPorts, Prelude prelude, Prelude askingAuth)
        implements PreludeProtocol {

    public StartTlsProtocol {
        Objects.requireNonNull(name, "name");
        defaultPorts = List.copyOf(defaultPorts);
        Objects.requireNonNull(prelude, "prelude");
        Objects.requireNonNull(askingAuth, "askingAuth");
    }

    /** A protocol whose prelude asks nothing more, whatever the context (FTP). */
    public StartTlsProtocol(String name, List<Integer> defaultPorts, Prelude prelude) {
        this(name, defaultPorts, prelude, prelude);
    }

    @Override
    public Prelude prelude(PreludeContext context) {
        return context.askAuth() ? askingAuth : prelude;
    }
}
