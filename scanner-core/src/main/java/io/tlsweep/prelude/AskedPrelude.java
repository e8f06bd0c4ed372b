package io.tlsweep.prelude;

import java.util.Objects;

/**
 * A prelude said on a connection of its own to learn the service's answer to it (which RDP security protocols a
 * server accepts, what SQL Server answers a client saying ENCRYPT_OFF): the connection ends with the prelude, closed
 * as soon as TLS may start, before any TLS byte; its failure is the answer the asking check reads, not a sign that
 * the endpoint will not start TLS, so the engine goes on with the endpoint's other connections. Otherwise it is
 * {@code asked}: the same protocol, codec and facts.
 */
public record AskedPrelude(Prelude asked) implements Prelude {

    public AskedPrelude {
        Objects.requireNonNull(asked, "asked");
    }

    @Override
    public String protocol() {
        return asked.protocol();
    }

    @Override
    public PreludeCodec open() {
        return asked.open();
    }

    /** Yes: the connection ends with the prelude, and a refusal is the answer asked for. */
    @Override
    public boolean question() {
        return true;
    }
}
