package io.tlsweep.scan;

import io.tlsweep.engine.ServiceLimits;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The limits a scan keeps by default towards each protocol spoken before TLS, on every address (the
 * {@link ServiceLimits} of {@link io.tlsweep.engine.EngineConfig#services()}): connections open at once, new
 * connections a second, and the time allowed for each answer before TLS. They apply where the user did not set the
 * matching option ({@code --per-host}, {@code --rate}, {@code --read-timeout}, or the sweep file's {@code scan:}
 * key): a setting given always wins, for every endpoint alike.
 *
 * <ul>
 * <li>SMTP, LMTP: 2 at once, 2 new connections a second, 15 s an answer. Mail servers count a client's sessions
 *     and connections (Postfix's anvil; Exchange per source address) and turn the excess away with 421: 2 is the
 *     fewest at once that still lets two of a scan's lanes go side by side. A greeting may be held back on purpose:
 *     Postfix's postscreen sends its 220 after {@code postscreen_greet_wait}, 6 s by default, and RFC 5321
 *     (4.5.3.2) lets a client wait 5 minutes for it; 15 s covers postscreen and the usual tarpits while a dead
 *     service still ends in 15 s.</li>
 * <li>IMAP, POP3, ManageSieve, FTP, NNTP, XMPP (client and server): 3 at once, 3 a second, 10 s. Each connection
 *     holds a login process or thread until it ends (Dovecot starts a login process per connection by default);
 *     FTP servers often cap connections per address; greetings can wait for the server's reverse lookup of the
 *     client.</li>
 * <li>LDAP, PostgreSQL, MySQL, SQL Server (PRELOGIN or strict): 4 at once, 4 a second, 10 s. Each connection takes a backend process
 *     or thread from the pool the applications share (PostgreSQL forks one per connection and allows 100 by
 *     default; MySQL 151): 4 is a few percent of it. MySQL may look the client's name up before it greets.</li>
 * <li>RDP: 2 at once, 2 a second, 10 s. Each connection starts a session's setup, and xrdp listens with a backlog
 *     of 2.</li>
 * </ul>
 * The rates keep a whole scan of such an endpoint (60 to 100 connections, client profiles included) well inside the
 * default target budget of 120 s: at 2 a second, 30 to 50 s.
 * Every protocol of {@link io.tlsweep.prelude.PreludeProtocols#ALL} has an entry (a test holds it).
 */
public final class PreludePoliteness {
    private static final Map<String, ServiceLimits> DEFAULTS;

    static {
        Map<String, ServiceLimits> m = new LinkedHashMap<>();
        ServiceLimits mail = limits(2, 2, 15);
        ServiceLimits login = limits(3, 3, 10);
        ServiceLimits database = limits(4, 4, 10);
        m.put("smtp", mail);
        m.put("lmtp", mail);
        for (String p : new String[] {"imap", "pop3", "sieve", "ftp", "nntp", "xmpp", "xmpp-server"}) {
            m.put(p, login);
        }
        for (String p : new String[] {"ldap", "postgres", "mysql", "mssql", "mssql-strict"}) {
            m.put(p, database);
        }
        m.put("rdp", limits(2, 2, 10));
        DEFAULTS = java.util.Collections.unmodifiableMap(m);
    }

    private PreludePoliteness() {
    }

    private static ServiceLimits limits(int connections, double rate, long preludeTimeoutSeconds) {
        return new ServiceLimits(connections, rate, Optional.of(Duration.ofSeconds(preludeTimeoutSeconds)));
    }

    /** Every protocol's default limits, in the order above. */
    public static Map<String, ServiceLimits> defaults() {
        return DEFAULTS;
    }

    /**
     * The limits that apply when the user set some options: the cap of each protocol goes when
     * {@code perHostGiven}, its rate when {@code rateGiven}, its answer timeout when {@code readTimeoutGiven}
     * (the option's value then holds for every endpoint).
     */
    public static Map<String, ServiceLimits> unless(boolean perHostGiven, boolean rateGiven,
            boolean readTimeoutGiven) {
        Map<String, ServiceLimits> m = new LinkedHashMap<>();
        DEFAULTS.forEach((protocol, l) -> {
            ServiceLimits kept = perHostGiven ? l.withoutCap() : l;
            kept = rateGiven ? kept.withoutRate() : kept;
            m.put(protocol, readTimeoutGiven ? kept.withoutPreludeTimeout() : kept);
        });
        return m;
    }
}
