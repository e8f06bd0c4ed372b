package io.tlsweep.prelude.mysql;

import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeCodec;
import io.tlsweep.prelude.PreludeContext;
import io.tlsweep.prelude.PreludeProtocol;
import java.util.List;

/**
 * MySQL's and MariaDB's TLS upgrade (client/server protocol: Initial Handshake, SSLRequest) on port 3306:
 * the server greets with its capabilities, and a client that sees CLIENT_SSL sends the SSL request packet and
 * starts TLS at once. The prelude needs nothing of its target.
 */
public record MysqlProtocol() implements PreludeProtocol, Prelude {
    public static final String NAME = "mysql";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Integer> defaultPorts() {
        return List.of(3306);
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
        return new MysqlCodec();
    }
}
