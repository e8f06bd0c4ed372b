package io.tlsweep.evidence;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HAProxy logs written with tlsweep's {@link #LOG_FORMAT} (HAProxy's custom {@code log-format}, section 8.2.4 of
 * its configuration manual): GMT date, client address, frontend address and port, SNI, protocol, cipher, request,
 * status and the captured user agent. The {@code +Q,+E} flags quote those fields and escape {@code "}, {@code \} and
 * {@code ]} in them. The line may come as HAProxy writes it to a file or stdout ({@code format raw}) or behind a
 * syslog header ({@code <134>}, RFC 3164 as rsyslog files it, RFC 5424). A frontend in plain HTTP logs {@code -} as
 * protocol: skipped.
 *
 * <p>HAProxy also logs a handshake that failed, in its fixed connection-error form ({@code 127.0.0.1:37262
 * [03/Dec/2026:15:38:18.590] fe/1: SSL handshake failure}): that is a failed observation with the client's address
 * and no version (the line names none), and no time, since that date is the host's local time without a zone.
 */
public final class HaproxyLog extends LineFormat {
    /** The lines to paste into the frontend (in {@code mode http}): the user agent's capture, then the format. */
    public static final String LOG_FORMAT = "http-request capture req.hdr(User-Agent) len 512\n"
            + "log-format \"%T %ci %fi %fp %{+Q,+E}[ssl_fc_sni] %sslv %sslc %{+Q,+E}r %ST"
            + " %{+Q,+E}[capture.req.hdr(0)]\"";

    private static final long QUOTED = 1L << 5 | 1L << 8 | 1L << 10;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/uuuu:HH:mm:ss xx",
            Locale.ENGLISH);
    /** A syslog header before HAProxy's message: a priority, then RFC 5424's fields or RFC 3164's date, host, tag. */
    private static final Pattern SYSLOG = Pattern.compile("(?:<\\d{1,3}>)?(?:1 \\S+ \\S+ \\S+ \\S+ \\S+"
            + " (?:-|(?:\\[(?:[^\\]\\\\]|\\\\.)*\\])+) |(?:[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d"
            + "|\\d{4}-\\d\\d-\\d\\dT\\S+) (?:\\S+ )?[^\\s\\[:]+(?:\\[\\d+\\])?: )?");
    private static final Pattern CONNECTION_ERROR = Pattern.compile(
            "(\\S+):(\\d{1,5}) \\[\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\] \\S+/\\S+: (.+)");

    @Override
    public String name() {
        return "haproxy";
    }

    @Override
    public String about() {
        return "HAProxy log with tlsweep's log-format (%T %ci %fi %fp %{+Q,+E}[ssl_fc_sni] %sslv %sslc %{+Q,+E}r %ST"
                + " %{+Q,+E}[capture.req.hdr(0)]), raw or behind a syslog header";
    }

    @Override
    protected boolean recognises(List<String> firstLines) {
        return AccessLogLine.mostParse(firstLines, start());
    }

    @Override
    protected LineParser start() {
        AccessLogLine.Clock clock = new AccessLogLine.Clock(TIME);
        return line -> parse(line, clock);
    }

    private LineParser.Parsed parse(String line, AccessLogLine.Clock clock) {
        int start = 0;
        if (!(line.length() > 2 && Character.isDigit(line.charAt(0)) && line.charAt(2) == '/')) {
            Matcher header = SYSLOG.matcher(line);
            start = header.lookingAt() ? header.end() : 0;
        }
        Matcher error = CONNECTION_ERROR.matcher(line).region(start, line.length());
        if (error.matches()) {
            return connectionError(error);
        }
        AccessLogTokens.Split split = AccessLogTokens.split(line, start);
        if (!split.ok()) {
            return LineParser.Parsed.bad(split.problem());
        }
        List<String> f = split.fields();
        if (f.size() != 11) {
            return LineParser.Parsed.bad(f.size() + " fields where tlsweep's HAProxy log-format has 11");
        }
        if (split.quoted() != QUOTED) {
            return LineParser.Parsed.bad("quoted fields are not those of tlsweep's HAProxy log-format (5, 8, 10)");
        }
        Instant time = clock.read(f.get(0) + " " + f.get(1));
        if (time == null) {
            return LineParser.Parsed.bad("'" + AccessLogLine.shown(f.get(0) + " " + f.get(1)) + "' is not HAProxy's"
                    + " %T date");
        }
        if (!AccessLogLine.isStatus(f.get(9)) && !f.get(9).equals("-1")) {
            return LineParser.Parsed.bad("status '" + AccessLogLine.shown(f.get(9)) + "' is not an HTTP status");
        }
        return AccessLogLine.observe(name(), time, f.get(2), f.get(3), f.get(4), f.get(5), f.get(6), f.get(7),
                f.get(10));
    }

    /** HAProxy's fixed line for a connection that ended before a request: a failed handshake when it says SSL. */
    private LineParser.Parsed connectionError(Matcher error) {
        String client = error.group(1);
        if (!error.group(3).contains("SSL")) {
            return LineParser.Parsed.SKIPPED;
        }
        if (!AccessLogLine.isAddress(client) || AccessLogLine.port(error.group(2)) < 0) {
            return LineParser.Parsed.bad("client '" + AccessLogLine.shown(client + ":" + error.group(2))
                    + "' is not an address and port");
        }
        return LineParser.Parsed.seen(Observation.established(name()).from(client).failed());
    }
}
