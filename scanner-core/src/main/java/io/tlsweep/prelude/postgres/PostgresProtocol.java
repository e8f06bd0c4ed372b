package io.tlsweep.prelude.postgres;

import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeCodec;
import io.tlsweep.prelude.PreludeContext;
import io.tlsweep.prelude.PreludeProtocol;
import java.util.List;

/**
 * PostgreSQL's SSLRequest (protocol documentation, "SSL Session Encryption") on port 5432: the client asks,
 * the server answers one byte. The prelude needs nothing of its target. PostgreSQL 17's direct TLS (TLS at
 * connect, ALPN "postgresql") needs no prelude and is not this protocol.
 */
public record PostgresProtocol() implements PreludeProtocol, Prelude {
    public static final String NAME = "postgres";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Integer> defaultPorts() {
        return List.of(5432);
    }

    @Override
    public Prelude prelude(PreludeContext context) {
        return this;
    }

    @Override
    public String protocol() {
        return NAME;
    }

    @Override
    public PreludeCodec open() {
        return new PostgresCodec();
    }
}
