package io.tlsweep.evidence;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Apache httpd access logs written with tlsweep's {@link #LOG_FORMAT} (mod_log_config's {@code LogFormat}, mod_ssl's
 * {@code %{...}x} variables): time (with a numeric zone), client and server address, the port the connection came in
 * on, SNI, protocol, cipher, request, status, user agent. httpd writes {@code -} for an unset value and escapes
 * {@code "} and {@code \} with a backslash, controls as {@code \n}-style or {@code \xhh}. A request over plain HTTP
 * ({@code SSL_PROTOCOL} unset) is skipped.
 */
public final class ApacheLog extends LineFormat {
    /** The directive to paste into httpd's configuration, with a {@code CustomLog ... tlsweep} that uses it. */
    public static final String LOG_FORMAT = "LogFormat \"%{%Y-%m-%dT%H:%M:%S%z}t %a %A %{local}p"
            + " \\\"%{SSL_TLS_SNI}x\\\" %{SSL_PROTOCOL}x %{SSL_CIPHER}x \\\"%r\\\" %>s \\\"%{User-Agent}i\\\"\" tlsweep";

    private static final long QUOTED = 1L << 4 | 1L << 7 | 1L << 9;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxx");

    @Override
    public String name() {
        return "apache";
    }

    @Override
    public String about() {
        return "Apache httpd access log with tlsweep's LogFormat (%{%Y-%m-%dT%H:%M:%S%z}t %a %A %{local}p"
                + " \"%{SSL_TLS_SNI}x\" %{SSL_PROTOCOL}x %{SSL_CIPHER}x \"%r\" %>s \"%{User-Agent}i\")";
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
        AccessLogTokens.Split split = AccessLogTokens.split(line, 0);
        if (!split.ok()) {
            return LineParser.Parsed.bad(split.problem());
        }
        List<String> f = split.fields();
        if (f.size() != 10) {
            return LineParser.Parsed.bad(f.size() + " fields where tlsweep's Apache LogFormat has 10");
        }
        if (split.quoted() != QUOTED) {
            return LineParser.Parsed.bad("quoted fields are not those of tlsweep's Apache LogFormat (5, 8, 10)");
        }
        Instant time = clock.read(f.get(0));
        if (time == null) {
            return LineParser.Parsed.bad("'" + AccessLogLine.shown(f.get(0)) + "' is not a time of the form"
                    + " %Y-%m-%dT%H:%M:%S%z");
        }
        if (!AccessLogLine.isStatus(f.get(8))) {
            return LineParser.Parsed.bad("status '" + AccessLogLine.shown(f.get(8)) + "' is not an HTTP status");
        }
        return AccessLogLine.observe(name(), time, f.get(1), f.get(2), f.get(3), f.get(4), f.get(5), f.get(6),
                f.get(9));
    }
}
