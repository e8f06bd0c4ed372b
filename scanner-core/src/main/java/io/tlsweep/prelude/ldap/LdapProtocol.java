package io.tlsweep.prelude.ldap;

import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeCodec;
import io.tlsweep.prelude.PreludeContext;
import io.tlsweep.prelude.PreludeProtocol;
import java.util.List;

/**
 * LDAP's StartTLS (RFC 4511 section 4.14, RFC 4513 section 3) on port 389: the client sends the StartTLS
 * ExtendedRequest, the server's ExtendedResponse says whether TLS may start. The prelude needs nothing of its
 * target. LDAPS (636, 3269) is direct TLS and needs no prelude.
 */
public record LdapProtocol() implements PreludeProtocol, Prelude {
    public static final String NAME = "ldap";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Integer> defaultPorts() {
        return List.of(389);
    }

    /** With {@link PreludeContext#askAuth()}: the root DSE is read first ({@link LdapCodec}). */
    @Override
    public Prelude prelude(PreludeContext context) {
        return context.askAuth() ? ReadingRootDse.INSTANCE : this;
    }

    /** The prelude that reads the root DSE before StartTLS. */
    private enum ReadingRootDse implements Prelude {
        INSTANCE;

        @Override
        public String protocol() {
            return NAME;
        }

        @Override
        public PreludeCodec open() {
            return new LdapCodec(true);
        }
    }

    @Override
    public String protocol() {
        return NAME;
    }

    @Override
    public PreludeCodec open() {
        return new LdapCodec(false);
    }
}
