package io.tlsweep.prelude;

import io.tlsweep.prelude.ftp.FtpPrelude;
import io.tlsweep.prelude.imap.ImapPrelude;
import io.tlsweep.prelude.ldap.LdapProtocol;
import io.tlsweep.prelude.mysql.MysqlProtocol;
import io.tlsweep.prelude.nntp.NntpPrelude;
import io.tlsweep.prelude.pop3.Pop3Prelude;
import io.tlsweep.prelude.postgres.PostgresProtocol;
import io.tlsweep.prelude.rdp.RdpProtocol;
import io.tlsweep.prelude.sieve.SievePrelude;
import io.tlsweep.prelude.smtp.SmtpProtocol;
import io.tlsweep.prelude.tds.MssqlProtocol;
import io.tlsweep.prelude.tds.MssqlStrictProtocol;
import io.tlsweep.prelude.xmpp.XmppProtocol;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The protocols tlsweep speaks before TLS, in one list: a new protocol is its codec's package plus one line
 * here. No two protocols share a name or a default port.
 */
public final class PreludeProtocols {
    /** Every built-in protocol. */
    public static final List<PreludeProtocol> ALL = List.of(
            SmtpProtocol.SMTP,
            SmtpProtocol.LMTP,
            ImapPrelude.PROTOCOL,
            Pop3Prelude.PROTOCOL,
            FtpPrelude.PROTOCOL,
            NntpPrelude.PROTOCOL,
            SievePrelude.PROTOCOL,
            new RdpProtocol(),
            new MssqlProtocol(),
            new MssqlStrictProtocol(),
            new LdapProtocol(),
            new PostgresProtocol(),
            new MysqlProtocol(),
            XmppProtocol.CLIENT,
            XmppProtocol.SERVER);

    private static final Map<String, PreludeProtocol> BY_NAME = new HashMap<>();
    private static final Map<Integer, PreludeProtocol> BY_PORT = new HashMap<>();

    static {
        for (PreludeProtocol p : ALL) {
            if (BY_NAME.put(p.name(), p) != null) {
                throw new IllegalStateException("two prelude protocols named " + p.name());
            }
            for (int port : p.defaultPorts()) {
                PreludeProtocol before = BY_PORT.put(port, p);
                if (before != null) {
                    throw new IllegalStateException("port " + port + " is the default of both " + before.name()
                            + " and " + p.name());
                }
            }
        }
    }

    private PreludeProtocols() {
    }

    /** The protocol named {@code name} (lower case), if there is one. */
    public static Optional<PreludeProtocol> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The protocol spoken before TLS on {@code port} by default, if any ({@code --starttls auto}). */
    public static Optional<PreludeProtocol> forPort(int port) {
        return Optional.ofNullable(BY_PORT.get(port));
    }
}
