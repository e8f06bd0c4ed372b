package io.tlsweep.evidence;

import io.tlsweep.wire.ProtocolVersion;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * IIS access logs in the W3C extended format (https://learn.microsoft.com/en-us/windows/win32/http/w3c-logging) with
 * the TLS custom fields Microsoft documented in 2017 ({@code crypt-protocol}, {@code crypt-cipher},
 * {@code crypt-hash}, {@code crypt-keyexchange}; their values: {@link IisCrypt}). The {@code #Fields:} directive
 * decides the order, and a new one (IIS writes one when the configuration changes or the service restarts) takes
 * over from its line. Read: {@code date} and {@code time} (UTC), {@code c-ip}, {@code s-ip}, {@code s-port},
 * {@code cs-host} (the Host header without its port, as the server name), {@code cs(User-Agent)} ('+' stands for
 * a space). A request whose four crypt fields are '-' came over plain HTTP and is skipped; a log whose
 * {@code #Fields:} has no {@code crypt-protocol} cannot say anything about TLS: one problem at that directive, its
 * lines skipped. IIS logs a request after the handshake, so failed handshakes are not in it.
 */
public final class IisW3cLog extends LineFormat {
    @Override
    public String name() {
        return "iis";
    }

    @Override
    public String about() {
        return "IIS W3C logs with the custom fields crypt-protocol, crypt-cipher, crypt-hash, crypt-keyexchange";
    }

    @Override
    protected boolean recognises(List<String> lines) {
        List<String> firstLines = lines.stream().map(l -> l.startsWith("\uFEFF") ? l.substring(1) : l).toList();
        return firstLines.stream().anyMatch(l -> l.startsWith("#Fields:") && l.contains(" c-ip")
                && l.contains("crypt-protocol"))
                || firstLines.stream().anyMatch(l -> l.startsWith("#Software: Microsoft Internet Information Services"))
                        && firstLines.stream().anyMatch(l -> l.startsWith("#Fields:"));
    }

    @Override
    protected LineParser start() {
        return new Parser();
    }

    /** A Host header's name: "a.test:8443" is "a.test", "[2001:db8::1]:443" is "2001:db8::1". */
    static String withoutPort(String host) {
        if (host.startsWith("[") && host.indexOf(']') > 0) {
            return host.substring(1, host.indexOf(']'));
        }
        int colon = host.indexOf(':');
        return colon > 0 && colon == host.lastIndexOf(':') && host.substring(colon + 1).matches("\\d{1,5}")
                ? host.substring(0, colon) : host;
    }

    /** One input's #Fields in force. */
    private static final class Parser implements LineParser {
        private Map<String, Integer> fields;
        private boolean withoutTls;

        @Override
        public Parsed parse(String text) {
            String line = text.startsWith("\uFEFF") ? text.substring(1) : text;
            if (line.startsWith("#")) {
                return directive(line);
            }
            if (withoutTls) {
                return Parsed.SKIPPED;
            }
            if (fields == null) {
                return Parsed.bad("a line before any #Fields: directive (not an IIS W3C log, or its header is"
                        + " missing)");
            }
            String[] v = line.split(" ", -1);
            if (v.length != fields.size()) {
                return Parsed.bad(v.length + " values where #Fields: names " + fields.size());
            }
            Optional<String> protocol = get(v, "crypt-protocol");
            if (protocol.isEmpty()) {
                return Parsed.SKIPPED; // plain HTTP: IIS logs the four fields as '-'
            }
            Optional<ProtocolVersion> version = IisCrypt.hex(protocol.get()).flatMap(IisCrypt::protocol);
            if (version.isEmpty()) {
                return Parsed.bad("crypt-protocol '" + protocol.get() + "' is not one SP_PROT_* version flag");
            }
            Optional<String> date = get(v, "date");
            Optional<String> time = get(v, "time");
            Optional<String> client = get(v, "c-ip");
            if (date.isEmpty() || time.isEmpty() || client.isEmpty()) {
                return Parsed.bad("a line without date, time or c-ip");
            }
            Observation o;
            try {
                o = Observation.established("iis").at(LocalDate.parse(date.get()).atTime(LocalTime.parse(time.get()))
                        .toInstant(ZoneOffset.UTC)).from(client.get());
            } catch (DateTimeParseException e) {
                return Parsed.bad("date/time '" + date.get() + " " + time.get() + "' is not yyyy-mm-dd hh:mm:ss");
            }
            Optional<String> port = get(v, "s-port");
            if (port.isPresent() && !port.get().matches("\\d{1,5}")) {
                return Parsed.bad("s-port '" + port.get() + "' is not a port");
            }
            Optional<String> server = get(v, "s-ip");
            if (server.isPresent() || port.isPresent()) {
                o = o.to(server.orElse(null), port.map(Integer::parseInt).filter(p -> p <= 65535).orElse(-1));
            }
            Optional<String> host = get(v, "cs-host").map(IisW3cLog::withoutPort);
            if (host.isPresent()) {
                o = o.named(host.get());
            }
            Optional<String> agent = get(v, "cs(User-Agent)");
            if (agent.isPresent()) {
                o = o.agent(agent.get().replace('+', ' '));
            }
            Optional<String> cipher = cipher(v);
            if (cipher.isEmpty() && (get(v, "crypt-cipher").isPresent() || get(v, "crypt-hash").isPresent()
                    || get(v, "crypt-keyexchange").isPresent())) {
                return Parsed.bad("crypt-cipher, crypt-hash or crypt-keyexchange is not a hex ALG_ID");
            }
            return Parsed.seen(o.negotiated(version.get(), cipher.orElse(null)));
        }

        /** "AES_256/SHA384/ECDHE" from the three ALG_IDs; empty when one is missing or not hex. */
        private Optional<String> cipher(String[] v) {
            Optional<Integer> c = get(v, "crypt-cipher").flatMap(IisCrypt::hex);
            Optional<Integer> h = get(v, "crypt-hash").flatMap(IisCrypt::hex);
            Optional<Integer> k = get(v, "crypt-keyexchange").flatMap(IisCrypt::hex);
            if (c.isEmpty() || h.isEmpty() || k.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(IisCrypt.algorithm(c.get()) + "/" + IisCrypt.algorithm(h.get()) + "/"
                    + IisCrypt.algorithm(k.get()));
        }

        private Parsed directive(String line) {
            if (!line.startsWith("#Fields:")) {
                return Parsed.SKIPPED; // #Software, #Version, #Date, #Remark
            }
            String[] names = line.substring("#Fields:".length()).strip().split(" +");
            fields = new HashMap<>();
            for (int i = 0; i < names.length; i++) {
                fields.put(names[i], i);
            }
            withoutTls = !fields.containsKey("crypt-protocol");
            return withoutTls ? Parsed.bad("#Fields: has no crypt-protocol, so this log does not say which TLS"
                    + " version was used (add the custom fields crypt-protocol, crypt-cipher, crypt-hash and"
                    + " crypt-keyexchange); its lines are skipped") : Parsed.SKIPPED;
        }

        /** A field's value; empty when the field is not logged or is '-'. */
        private Optional<String> get(String[] values, String name) {
            Integer i = fields.get(name);
            if (i == null || values[i].equals("-") || values[i].isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(values[i]);
        }
    }
}
