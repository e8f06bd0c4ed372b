package io.tlsweep.prelude.xmpp;

import io.tlsweep.prelude.AfterTlsCodec;
import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeCodec;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * XMPP's STARTTLS for one target: the protocol's name, its stream namespace ({@code jabber:client} or
 * {@code jabber:server}), the domain to put in the stream header's {@code to=}, if any, and whether to read the
 * stream features again over TLS ({@link XmppAfterTls}).
 */
public record XmppPrelude(String protocol, String streamNamespace, Optional<String> domain, boolean askAuth)
        implements Prelude {

    public XmppPrelude {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(streamNamespace, "streamNamespace");
        Objects.requireNonNull(domain, "domain");
    }

    /** The prelude that asks nothing after TLS. */
    public XmppPrelude(String protocol, String streamNamespace, Optional<String> domain) {
        this(protocol, streamNamespace, domain, false);
    }

    @Override
    public PreludeCodec open() {
        return new XmppCodec(this, false);
    }

    @Override
    public Optional<AfterTlsCodec> afterTls() {
        return askAuth ? Optional.of(new XmppAfterTls(this)) : Optional.empty();
    }

    /**
     * The initial stream header: {@code <?xml version='1.0'?><stream:stream to='DOMAIN' version='1.0'
     * xmlns='NS' xmlns:stream='http://etherx.jabber.org/streams'>}, the domain escaped, with
     * {@code xmlns:db='jabber:server:dialback'} between a server-to-server stream's namespaces as servers send it.
     */
    byte[] streamHeader() {
        String to = domain.map(d -> "to='" + escape(d) + "' ").orElse("");
        String dialback = streamNamespace.equals("jabber:server") ? " xmlns:db='jabber:server:dialback'" : "";
        return ("<?xml version='1.0'?><stream:stream " + to + "version='1.0' xmlns='" + streamNamespace + "'"
                + dialback + " xmlns:stream='" + XmppCodec.STREAMS + "'>").getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;")
                .replace("\"", "&quot;");
    }
}
