package io.tlsweep.evidence;

import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.NamedGroup;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * nginx access logs written with tlsweep's {@link #LOG_FORMAT} (the ngx_http_log_module's {@code log_format},
 * variables of ngx_http_core_module and ngx_http_ssl_module): time, client, server address and port, SNI, protocol,
 * cipher, request, status, user agent, and optionally the client's offered ciphers and curves. nginx writes
 * {@code -} for an empty variable and escapes {@code "}, {@code \} and bytes outside printable ASCII as
 * {@code \xHH}. A request over plain HTTP ({@code $ssl_protocol} is {@code -}) is skipped.
 *
 * <p>Where {@code $ssl_ciphers} and {@code $ssl_curves} are logged, the observation carries an {@link OfferedHello}
 * with the suites and groups in the client's order (OpenSSL names mapped to codes by tlsweep's tables, nginx's
 * {@code 0x}-hex for the codes OpenSSL does not name). nginx logs neither the hello's version field nor its
 * extensions: that hello's {@code legacyVersion} is 0 and its extension lists are empty. A list with a name the
 * tables do not know gives no hello rather than a wrong one.
 */
public final class NginxLog extends LineFormat {
    /** The directive to paste into nginx's {@code http} block; its last two fields may be left out. */
    public static final String LOG_FORMAT = "log_format tlsweep '$time_iso8601 $remote_addr $server_addr $server_port"
            + " \"$ssl_server_name\" $ssl_protocol $ssl_cipher \"$request\" $status \"$http_user_agent\""
            + " \"$ssl_ciphers\" \"$ssl_curves\"';";

    private static final long QUOTED = 1L << 4 | 1L << 7 | 1L << 9;
    private static final long QUOTED_OFFER = QUOTED | 1L << 10 | 1L << 11;

    @Override
    public String name() {
        return "nginx";
    }

    @Override
    public String about() {
        return "nginx access log with tlsweep's log_format ($time_iso8601 $remote_addr $server_addr $server_port"
                + " \"$ssl_server_name\" $ssl_protocol $ssl_cipher \"$request\" $status \"$http_user_agent\""
                + " [\"$ssl_ciphers\" \"$ssl_curves\"])";
    }

    @Override
    protected boolean recognises(List<String> firstLines) {
        return AccessLogLine.mostParse(firstLines, start());
    }

    @Override
    protected LineParser start() {
        AccessLogLine.Clock clock = new AccessLogLine.Clock(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        return line -> parse(line, clock);
    }

    private LineParser.Parsed parse(String line, AccessLogLine.Clock clock) {
        AccessLogTokens.Split split = AccessLogTokens.split(line, 0);
        if (!split.ok()) {
            return LineParser.Parsed.bad(split.problem());
        }
        List<String> f = split.fields();
        boolean offer = f.size() == 12;
        if (f.size() != 10 && !offer) {
            return LineParser.Parsed.bad(f.size() + " fields where tlsweep's nginx log_format has 10 or 12");
        }
        if (split.quoted() != (offer ? QUOTED_OFFER : QUOTED)) {
            return LineParser.Parsed.bad("quoted fields are not those of tlsweep's nginx log_format (5, 8, 10"
                    + (offer ? ", 11, 12)" : ")"));
        }
        Instant time = clock.read(f.get(0));
        if (time == null) {
            return LineParser.Parsed.bad("'" + AccessLogLine.shown(f.get(0)) + "' is not nginx's $time_iso8601");
        }
        if (!AccessLogLine.isStatus(f.get(8))) {
            return LineParser.Parsed.bad("status '" + AccessLogLine.shown(f.get(8)) + "' is not an HTTP status");
        }
        LineParser.Parsed p = AccessLogLine.observe(name(), time, f.get(1), f.get(2), f.get(3), f.get(4), f.get(5),
                f.get(6), f.get(9));
        if (offer && p instanceof LineParser.Seen s) {
            Optional<OfferedHello> hello = offered(f.get(10), f.get(11), s.observation().serverName());
            return hello.isEmpty() ? p : LineParser.Parsed.seen(s.observation().offering(hello.get()));
        }
        return p;
    }

    /** The hello nginx's {@code $ssl_ciphers} and {@code $ssl_curves} show, when every name in them is known. */
    static Optional<OfferedHello> offered(String ciphers, String curves, Optional<String> sni) {
        if (AccessLogLine.absent(ciphers)) {
            return Optional.empty();
        }
        Optional<List<Integer>> suites = codes(ciphers, n -> CipherSuite.byName(n).map(CipherSuite::code));
        Optional<List<Integer>> groups = AccessLogLine.absent(curves) ? Optional.of(List.of())
                : codes(curves, n -> NamedGroup.byName(n).map(NamedGroup::code));
        if (suites.isEmpty() || groups.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new OfferedHello(0, List.of(), suites.get(), List.of(), groups.get(), List.of(), List.of(),
                sni));
    }

    /** The codes of a colon-separated list of names and {@code 0x}-hex codes; empty when one is unknown. */
    private static Optional<List<Integer>> codes(String list, Function<String, Optional<Integer>> byName) {
        List<Integer> codes = new ArrayList<>();
        for (String item : list.split(":", -1)) {
            Optional<Integer> code = item.startsWith("0x") ? hex16(item.substring(2)) : byName.apply(item);
            if (code.isEmpty()) {
                return Optional.empty();
            }
            codes.add(code.get());
        }
        return Optional.of(codes);
    }

    private static Optional<Integer> hex16(String digits) {
        if (digits.isEmpty() || digits.length() > 4) {
            return Optional.empty();
        }
        int v = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), 16);
            if (d < 0) {
                return Optional.empty();
            }
            v = v << 4 | d;
        }
        return Optional.of(v);
    }
}
