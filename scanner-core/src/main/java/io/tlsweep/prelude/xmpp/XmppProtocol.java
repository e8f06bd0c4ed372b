package io.tlsweep.prelude.xmpp;

import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeContext;
import io.tlsweep.prelude.PreludeProtocol;
import java.util.List;

/**
 * XMPP's STARTTLS (RFC 6120 section 5): client-to-server ("xmpp", port 5222, stream namespace jabber:client)
 * and server-to-server ("xmpp-server", port 5269, jabber:server). The stream header names the domain the
 * client wants served: the target's server name (its SNI name). Without one the header has no {@code to=},
 * which RFC 6120 requires: the server decides (Prosody ends the stream with improper-addressing, reported as
 * the service refusing, with a hint to give the target a name), and one that serves a default domain goes on.
 */
public final class XmppProtocol implements PreludeProtocol {
    public static final XmppProtocol CLIENT = new XmppProtocol("xmpp", 5222, "jabber:client");
    public static final XmppProtocol SERVER = new XmppProtocol("xmpp-server", 5269, "jabber:server");

    private final String name;
    private final int port;
    private final String streamNamespace;

    private XmppProtocol(String name, int port, String streamNamespace) {
        this.name = name;
        this.port = port;
        this.streamNamespace = streamNamespace;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Integer> defaultPorts() {
        return List.of(port);
    }

    @Override
    public Prelude prelude(PreludeContext context) {
        return new XmppPrelude(name, streamNamespace, context.serverName(), context.askAuth());
    }

    @Override
    public String toString() {
        return name;
    }
}
