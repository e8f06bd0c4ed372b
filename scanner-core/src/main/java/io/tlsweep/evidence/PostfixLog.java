package io.tlsweep.evidence;

import io.tlsweep.wire.ProtocolVersion;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Postfix's mail log: the lines smtpd (and tlsproxy) write for each inbound TLS session at
 * {@code smtpd_tls_loglevel = 1} ("Anonymous TLS connection established from unknown[192.0.2.7]: TLSv1 with
 * cipher ECDHE-RSA-AES256-SHA (256/256 bits)", also Trusted, Untrusted and Verified, with or without the
 * "key-exchange ... server-signature ..." tail of Postfix 3.4 and later), and smtp's (and lmtp's) for each outbound
 * one ("... established to mx.example.net[198.51.100.2]:25: ..."), as syslog, rsyslog's RFC 3339 files or
 * Postfix's own {@code maillog_file} write them. Every other line is skipped: a mail log is mostly mail.
 *
 * <p>A syslog time stamp has no year and no zone: they are parameters (the command takes them from the input's
 * modification time or from the user), the year being that of the first line; a month that goes back (December,
 * then January) starts the next year. The server's address is
 * not in the log; its port is known from the service name in the syslog tag when that is a standard one
 * ({@code postfix/submission/smtpd}: 587; {@code smtps}: 465; {@code smtp}: 25), and is unknown for a bare
 * {@code postfix/smtpd} (master.cf's default smtp service and any service without its own {@code syslog_name} log
 * alike). An {@code SSL_accept error} line names no version: it is skipped, nothing invented.
 */
public final class PostfixLog extends LineFormat {
    private static final Pattern SYSLOG = Pattern.compile("([A-Z][a-z]{2}) {1,2}(\\d{1,2})"
            + " (\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))? (\\S+) (\\S+?)\\[\\d+\\]: (.*)");
    private static final Pattern RFC3339 = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}T\\S+) (\\S+) (\\S+?)\\[\\d+\\]: (.*)");
    private static final Pattern ESTABLISHED = Pattern.compile("(?:Anonymous|Trusted|Untrusted|Verified) TLS connection"
            + " established (from|to) ([^\\[\\s]*)\\[([^\\]]*)\\](?::(\\d{1,5}))?: (\\S+) with cipher (\\S+)"
            + " \\(\\d+/\\d+ bits\\).*");
    private static final List<String> MONTHS = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
            "Oct", "Nov", "Dec");
    private static final Map<String, Integer> SERVICE_PORTS = Map.of("smtp", 25, "submission", 587, "smtps", 465);
    private static final String TLS_MARK = " TLS connection established ";

    private final int year;
    private final ZoneId zone;

    /** A reader for syslog time stamps whose first line is of {@code year}, local time in {@code zone}. */
    public PostfixLog(int year, ZoneId zone) {
        this.year = year;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** The reader of the registry: syslog time stamps are read as of this year, in UTC. */
    public PostfixLog() {
        this(Year.now(ZoneOffset.UTC).getValue(), ZoneOffset.UTC);
    }

    @Override
    public String name() {
        return "postfix";
    }

    @Override
    public String about() {
        return "Postfix mail log with smtpd_tls_loglevel >= 1 (\"TLS connection established from ...\" lines)";
    }

    @Override
    protected boolean recognises(List<String> firstLines) {
        return firstLines.stream().anyMatch(l -> header(l).filter(h -> h.tag().startsWith("postfix")).isPresent());
    }

    @Override
    protected LineParser start() {
        return new Parser();
    }

    /** A line's syslog header: when (as written), the tag ("postfix/submission/smtpd") and the message. */
    private record Header(Matcher time, boolean rfc3339, String tag, String message) {
    }

    private static Optional<Header> header(String line) {
        Matcher m = SYSLOG.matcher(line);
        if (m.matches()) {
            return Optional.of(new Header(m, false, m.group(8), m.group(9)));
        }
        m = RFC3339.matcher(line);
        return m.matches() ? Optional.of(new Header(m, true, m.group(3), m.group(4))) : Optional.empty();
    }

    /** One input's lines; keeps the year of the last syslog time stamp and its month, for the turn of a year. */
    private final class Parser implements LineParser {
        private int currentYear = year;
        private int lastMonth;

        @Override
        public Parsed parse(String line) {
            if (!line.contains(TLS_MARK)) {
                return Parsed.SKIPPED;
            }
            Optional<Header> h = header(line);
            if (h.isEmpty()) {
                return Parsed.bad("a TLS connection line without a syslog header (time, host, program[pid]:)");
            }
            Matcher tls = ESTABLISHED.matcher(h.get().message());
            if (!tls.matches()) {
                return Parsed.bad("a TLS connection line not in Postfix's words: " + h.get().message());
            }
            Optional<ProtocolVersion> version = ProtocolVersion.parse(tls.group(5));
            if (version.isEmpty()) {
                return Parsed.bad("unknown TLS version '" + tls.group(5) + "'");
            }
            Optional<Instant> time = time(h.get());
            if (time.isEmpty()) {
                return Parsed.bad("bad time stamp: " + line.substring(0, Math.min(line.length(), 40)));
            }
            Observation o = Observation.established("postfix").at(time.get())
                    .negotiated(version.get(), tls.group(6));
            String address = unbracketed(tls.group(3));
            if (tls.group(1).equals("from")) {
                return Parsed.seen(o.from(address).to(null, servicePort(h.get().tag())));
            }
            if (tls.group(4) == null) {
                return Parsed.bad("an outbound TLS connection without the server's port: " + h.get().message());
            }
            o = o.to(address, Integer.parseInt(tls.group(4)));
            String host = tls.group(2);
            return Parsed.seen(host.isEmpty() || host.equals("unknown") ? o : o.named(host));
        }

        private Optional<Instant> time(Header h) {
            Matcher m = h.time();
            try {
                if (h.rfc3339()) {
                    return Optional.of(OffsetDateTime.parse(m.group(1).replaceFirst("([+-]\\d{2})(\\d{2})$", "$1:$2"))
                            .toInstant());
                }
                int month = MONTHS.indexOf(m.group(1)) + 1;
                if (month == 0) {
                    return Optional.empty();
                }
                if (lastMonth != 0 && month < lastMonth - 6) {
                    currentYear++;
                }
                lastMonth = month;
                String fraction = m.group(6) == null ? "" : m.group(6);
                int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
                return Optional.of(LocalDateTime.of(currentYear, month, Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), nanos)
                        .atZone(zone).toInstant());
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }
    }

    /** The port of a standard service named in the tag ("postfix/submission/smtpd"), or -1. */
    static int servicePort(String tag) {
        String[] parts = tag.split("/");
        if (parts.length < 3) {
            return -1;
        }
        return SERVICE_PORTS.getOrDefault(parts[parts.length - 2], -1);
    }

    private static String unbracketed(String address) {
        return address.regionMatches(true, 0, "IPv6:", 0, 5) ? address.substring(5) : address;
    }
}
