package io.tlsweep.evidence;

import io.tlsweep.wire.ProtocolVersion;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exchange Server's SMTP protocol logs (Receive connectors, and Send connectors for outbound mail), written when a
 * connector's {@code ProtocolLoggingLevel} is {@code Verbose}: CSV under a {@code #Fields:} header naming
 * {@code date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context}
 * (Microsoft's "Protocol logging" page). The handshake is the {@code *} event whose data (or context) says
 * "TLS protocol SP_PROT_TLS1_0_SERVER negotiated ..." (the Schannel protocol constant); the rest of that text is
 * kept as the cipher as logged, since Microsoft does not document its wording. A {@code _SERVER} constant (a
 * Receive log) makes the local endpoint the server and the remote one the client; {@code _CLIENT} (a Send log), the
 * reverse. Every other event is skipped.
 */
public final class ExchangeLog extends LineFormat {
    private static final String TLS_MARK = "TLS protocol SP_PROT_";
    private static final Pattern TLS = Pattern.compile(
            "TLS protocol SP_PROT_(\\w+?)_(SERVER|CLIENT)(?![\\w])(.*)", Pattern.DOTALL);
    private static final Pattern CIPHER = Pattern.compile("\\s*(?:negotiated\\s+)?(?:with|using)\\s+(?:cipher suite|"
            + "ciphersuite|cipher)\\s+(.+)", Pattern.DOTALL);
    private static final Map<String, ProtocolVersion> VERSIONS = Map.of("SSL3", ProtocolVersion.SSLv3,
            "TLS1", ProtocolVersion.TLSv1_0, "TLS1_0", ProtocolVersion.TLSv1_0, "TLS1_1", ProtocolVersion.TLSv1_1,
            "TLS1_2", ProtocolVersion.TLSv1_2, "TLS1_3", ProtocolVersion.TLSv1_3);
    private static final List<String> NEEDED = List.of("date-time", "local-endpoint", "remote-endpoint", "event",
            "data");

    @Override
    public String name() {
        return "exchange";
    }

    @Override
    public String about() {
        return "Exchange SMTP Receive/Send protocol log (ProtocolLoggingLevel Verbose; \"TLS protocol SP_PROT_...\")";
    }

    @Override
    protected boolean recognises(List<String> firstLines) {
        return firstLines.stream().anyMatch(l -> l.startsWith("#Software: Microsoft Exchange Server")
                || l.startsWith("#Fields: ") && l.contains("connector-id") && l.contains("remote-endpoint"));
    }

    @Override
    protected LineParser start() {
        return new Parser();
    }

    /** One input's lines: the columns of the last {@code #Fields:} header. */
    private static final class Parser implements LineParser {
        private List<String> fields = List.of();

        @Override
        public Parsed parse(String line) {
            if (line.startsWith("#")) {
                if (line.startsWith("#Fields:")) {
                    fields = List.of(line.substring("#Fields:".length()).strip().toLowerCase(Locale.ROOT).split(","));
                    if (!fields.containsAll(NEEDED)) {
                        List<String> missing = NEEDED.stream().filter(f -> !fields.contains(f)).toList();
                        fields = List.of();
                        return Parsed.bad("#Fields header without " + missing);
                    }
                }
                return Parsed.SKIPPED;
            }
            if (!line.contains("SP_PROT_")) {
                return Parsed.SKIPPED;
            }
            if (fields.isEmpty()) {
                return Parsed.bad("a protocol log line before any #Fields header");
            }
            Optional<List<String>> row = csv(line);
            if (row.isEmpty()) {
                return Parsed.bad("a line with an unclosed quote");
            }
            List<String> values = row.get();
            if (values.size() != fields.size()) {
                return Parsed.bad(values.size() + " fields where the #Fields header names " + fields.size());
            }
            if (!field(values, "event").equals("*")) {
                return Parsed.SKIPPED;
            }
            String text = field(values, "data");
            if (!text.contains(TLS_MARK) && fields.contains("context")) {
                text = field(values, "context");
            }
            if (!text.contains(TLS_MARK)) {
                return Parsed.SKIPPED;
            }
            Matcher tls = TLS.matcher(text);
            if (!tls.find() || !VERSIONS.containsKey(tls.group(1))) {
                return Parsed.bad("not a known Schannel protocol constant: " + text);
            }
            return observation(values, tls);
        }

        private Parsed observation(List<String> values, Matcher tls) {
            Instant time;
            try {
                time = Instant.parse(field(values, "date-time"));
            } catch (DateTimeException e) {
                return Parsed.bad("bad date-time '" + field(values, "date-time") + "'");
            }
            boolean receive = tls.group(2).equals("SERVER");
            Optional<Endpoint> local = Endpoint.parse(field(values, "local-endpoint"));
            Optional<Endpoint> remote = Endpoint.parse(field(values, "remote-endpoint"));
            Optional<Endpoint> server = receive ? local : remote;
            Optional<Endpoint> client = receive ? remote : local;
            if (server.isEmpty() || client.isEmpty()) {
                return Parsed.bad("bad endpoint '" + field(values, receive ? "local-endpoint" : "remote-endpoint")
                        + "' or '" + field(values, receive ? "remote-endpoint" : "local-endpoint") + "'");
            }
            Matcher cipher = CIPHER.matcher(tls.group(3));
            String named = cipher.matches() ? cipher.group(1).strip() : null;
            return Parsed.seen(Observation.established("exchange").at(time).from(client.get().address())
                    .to(server.get().address(), server.get().port())
                    .negotiated(VERSIONS.get(tls.group(1)), named == null || named.isEmpty() ? null : named));
        }

        private String field(List<String> values, String name) {
            return values.get(fields.indexOf(name));
        }
    }

    /** An "address:port" as Exchange writes it ("192.0.2.1:25", "[2001:db8::1]:25"). */
    private record Endpoint(String address, int port) {
        static Optional<Endpoint> parse(String text) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0) {
                return Optional.empty();
            }
            String host = text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                int port = Integer.parseInt(text.substring(colon + 1));
                return port < 0 || port > 65535 || host.isEmpty() ? Optional.empty()
                        : Optional.of(new Endpoint(host, port));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    /** Splits one CSV line (RFC 4180 quoting: a quoted field may hold commas and doubled quotes). */
    static Optional<List<String>> csv(String line) {
        List<String> values = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    value.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    value.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                values.add(value.toString());
                value.setLength(0);
            } else {
                value.append(c);
            }
        }
        if (quoted) {
            return Optional.empty();
        }
        values.add(value.toString());
        return Optional.of(values);
    }
}
