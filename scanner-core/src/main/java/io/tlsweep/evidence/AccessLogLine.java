package io.tlsweep.evidence;

import io.tlsweep.text.IpLiteral;
import io.tlsweep.text.VisibleText;
import io.tlsweep.wire.ProtocolVersion;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The fields nginx, Apache httpd and HAProxy access logs share once each format's own layout is read: client and
 * server addresses, port, SNI, protocol and cipher, user agent. A request without TLS (protocol {@code -}) is
 * skipped; an address, port or protocol name that is not one is a bad line naming the field.
 */
final class AccessLogLine {
    /**
     * The protocol names OpenSSL gives ({@code SSL_get_version}), which all three servers log as they are; nothing
     * else is taken for one.
     */
    private static final Map<String, ProtocolVersion> PROTOCOLS = Map.of("SSLv3", ProtocolVersion.SSLv3,
            "TLSv1", ProtocolVersion.TLSv1_0, "TLSv1.1", ProtocolVersion.TLSv1_1, "TLSv1.2", ProtocolVersion.TLSv1_2,
            "TLSv1.3", ProtocolVersion.TLSv1_3);

    private AccessLogLine() {
    }

    /** Absent: the value a server logs for an empty or unset field ({@code -}, or {@code ""} when quoted). */
    static boolean absent(String field) {
        return field.isEmpty() || field.equals("-");
    }

    /** Whether {@code text} is an IPv4 or IPv6 address. */
    static boolean isAddress(String text) {
        return IpLiteral.parse(text) instanceof IpLiteral.Address;
    }

    /** Whether {@code text} is a three-digit HTTP status. */
    static boolean isStatus(String text) {
        return text.length() == 3 && port(text) >= 100;
    }

    /**
     * Whether the first lines of an input are in a format: at least one line and at least half of them are not bad
     * for its parser (a log may begin with a line cut by rotation, or hold a few odd ones).
     */
    static boolean mostParse(List<String> firstLines, LineParser parser) {
        long good = firstLines.stream().filter(l -> !(parser.parse(l) instanceof LineParser.Bad)).count();
        return good > 0 && good * 2 >= firstLines.size();
    }

    /** A TCP port 1-65535, or -1. */
    static int port(String text) {
        if (text.isEmpty() || text.length() > 5) {
            return -1;
        }
        int p = 0;
        for (int i = 0; i < text.length(); i++) {
            int d = text.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            p = p * 10 + d;
        }
        return p >= 1 && p <= 65535 ? p : -1;
    }

    /**
     * The handshake a line records, or why it is bad, or SKIPPED for a request without TLS.
     *
     * @param format the reader's name
     * @param time when, already read
     */
    static LineParser.Parsed observe(String format, Instant time, String client, String server, String port,
            String sni, String protocol, String cipher, String agent) {
        if (absent(protocol)) {
            return LineParser.Parsed.SKIPPED;
        }
        ProtocolVersion version = PROTOCOLS.get(protocol);
        if (version == null) {
            return LineParser.Parsed.bad("unknown TLS protocol '" + shown(protocol)
                    + "' (expected SSLv3, TLSv1, TLSv1.1, TLSv1.2 or TLSv1.3)");
        }
        if (!isAddress(client)) {
            return LineParser.Parsed.bad("client address '" + shown(client) + "' is not an IP address");
        }
        if (!isAddress(server)) {
            return LineParser.Parsed.bad("server address '" + shown(server) + "' is not an IP address");
        }
        int p = port(port);
        if (p < 0) {
            return LineParser.Parsed.bad("server port '" + shown(port) + "' is not a port");
        }
        Observation o = Observation.established(format).at(time).from(client).to(server, p)
                .negotiated(version, absent(cipher) ? null : cipher);
        if (!absent(sni)) {
            o = o.named(sni);
        }
        if (!absent(agent)) {
            o = o.agent(agent);
        }
        return LineParser.Parsed.seen(o);
    }

    /**
     * Reads a time with a one-entry memo: a log's lines come many to a second, so most lines repeat the last one's
     * text. One per input (a parser's own), never shared.
     */
    static final class Clock {
        private final DateTimeFormatter formatter;
        private String lastText;
        private Instant last;

        Clock(DateTimeFormatter formatter) {
            this.formatter = formatter;
        }

        /** The instant, or null when {@code text} is not a time of this form. */
        Instant read(String text) {
            if (text.equals(lastText)) {
                return last;
            }
            try {
                Instant t = formatter.parse(text, Instant::from);
                lastText = text;
                last = t;
                return t;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    /** A field quoted in a problem message: cut at 80 characters, controls escaped. */
    static String shown(String text) {
        return VisibleText.of(text.length() > 80 ? text.substring(0, 80) + "..." : text);
    }
}
