package io.tlsweep.evidence;

import io.tlsweep.wire.ProtocolVersion;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One ssl.log record, TSV or JSON alike, turned into an {@link Observation}. The fields read are those of Zeek's
 * {@code SSL::Info} (base/protocols/ssl/main.zeek: {@code ts}, {@code id.orig_h}, {@code id.resp_h},
 * {@code id.resp_p}, {@code version}, {@code cipher}, {@code server_name}, {@code established}) and, when the
 * policy script ssl-log-ext (policy/protocols/ssl/ssl-log-ext.zeek) is loaded, the client's offer:
 * {@code client_version}, {@code client_ciphers}, {@code ssl_client_exts}, {@code client_curves},
 * {@code client_supported_versions}, {@code sigalgs} with {@code hashalgs} (the two bytes of each signature
 * algorithm, as Zeek splits them: code = hash &lt;&lt; 8 | signature), {@code orig_alpn}. Other fields are ignored.
 */
final class ZeekRecord {
    /** A record's fields by name: a value ("-" unset already removed), or a list for vectors and sets. */
    interface Fields {
        /** The field's text, empty when unset or absent. */
        Optional<String> text(String name);

        /** The field's elements, empty when unset, absent or empty; null elements never. */
        List<String> list(String name);
    }

    private ZeekRecord() {
    }

    /** The observation a record stands for, or why it cannot be read. */
    static LineParser.Parsed read(Fields f) {
        Optional<String> ts = f.text("ts");
        Optional<String> client = f.text("id.orig_h");
        if (ts.isEmpty() || client.isEmpty()) {
            return LineParser.Parsed.bad("an ssl.log record without ts or id.orig_h");
        }
        Optional<Instant> time = time(ts.get());
        if (time.isEmpty()) {
            return LineParser.Parsed.bad("ts '" + ts.get() + "' is neither epoch seconds nor an ISO 8601 time");
        }
        Observation o = Observation.established("zeek").at(time.get()).from(client.get());
        Optional<String> server = f.text("id.resp_h");
        Optional<String> port = f.text("id.resp_p");
        if (server.isPresent() || port.isPresent()) {
            int p;
            try {
                p = port.map(Integer::parseInt).orElse(-1);
            } catch (NumberFormatException e) {
                return LineParser.Parsed.bad("id.resp_p '" + port.get() + "' is not a port");
            }
            if (p > 65535) {
                return LineParser.Parsed.bad("id.resp_p " + p + " is not a port");
            }
            o = o.to(server.orElse(null), p);
        }
        Optional<String> sni = f.text("server_name");
        if (sni.isPresent()) {
            o = o.named(sni.get());
        }
        Optional<OfferedHello> offered;
        try {
            offered = offered(f, sni);
        } catch (NumberFormatException e) {
            return LineParser.Parsed.bad("a client field of ssl-log-ext is not a list of numbers: " + e.getMessage());
        }
        if (offered.isPresent()) {
            o = o.offering(offered.get());
        }
        Optional<ProtocolVersion> version = f.text("version").flatMap(ZeekRecord::version);
        if (f.text("version").isPresent() && version.isEmpty()) {
            return LineParser.Parsed.bad("version '" + f.text("version").get() + "' is not one Zeek writes");
        }
        boolean established = f.text("established").map(v -> v.equals("T") || v.equals("true")).orElse(false);
        Optional<ProtocolVersion> asked = version.or(() -> offered.map(ZeekRecord::highestOffered));
        if (asked.isPresent()) {
            o = o.negotiated(asked.get(), f.text("cipher").orElse(null));
        }
        return LineParser.Parsed.seen(established ? o : o.failed());
    }

    /** The client's offer, where ssl-log-ext logged at least its suites. */
    private static Optional<OfferedHello> offered(Fields f, Optional<String> sni) {
        List<Integer> suites = numbers(f.list("client_ciphers"));
        if (suites.isEmpty()) {
            return Optional.empty();
        }
        List<Integer> sigs = numbers(f.list("sigalgs"));
        List<Integer> hashes = numbers(f.list("hashalgs"));
        List<Integer> schemes = new ArrayList<>();
        for (int i = 0; i < Math.min(sigs.size(), hashes.size()); i++) {
            schemes.add((hashes.get(i) & 0xFF) << 8 | sigs.get(i) & 0xFF);
        }
        int legacy = f.text("client_version").map(Integer::parseInt).orElse(0);
        return Optional.of(new OfferedHello(legacy, numbers(f.list("client_supported_versions")), suites,
                numbers(f.list("ssl_client_exts")), numbers(f.list("client_curves")), schemes, f.list("orig_alpn"),
                sni));
    }

    private static ProtocolVersion highestOffered(OfferedHello h) {
        return h.supportedVersions().stream().filter(v -> !Ja4.isGrease(v)).max(Integer::compare)
                .map(ProtocolVersion::of).orElse(ProtocolVersion.of(h.legacyVersion()));
    }

    private static List<Integer> numbers(List<String> values) {
        return values.stream().map(String::strip).map(Integer::parseInt).toList();
    }

    /** Zeek's epoch seconds with a fraction ("1591367999.305988"), or ISO 8601 (JSON::TS_ISO8601). */
    static Optional<Instant> time(String ts) {
        try {
            if (ts.indexOf('T') > 0) {
                return Optional.of(Instant.parse(ts));
            }
            BigDecimal seconds = new BigDecimal(ts);
            long whole = seconds.longValue();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return Optional.of(Instant.ofEpochSecond(whole, nanos));
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /**
     * A version as Zeek names it (consts.zeek {@code version_strings}): SSLv2, SSLv3, TLSv10 ... TLSv13, DTLSv10,
     * DTLSv12, DTLSv13, "TLSv13-draftN", "unknown-N".
     */
    static Optional<ProtocolVersion> version(String name) {
        int code = switch (name) {
            case "SSLv2" -> 0x0002;
            case "SSLv3" -> 0x0300;
            case "TLSv10" -> 0x0301;
            case "TLSv11" -> 0x0302;
            case "TLSv12" -> 0x0303;
            case "TLSv13" -> 0x0304;
            case "DTLSv10" -> 0xfeff;
            case "DTLSv12" -> 0xfefd;
            case "DTLSv13" -> 0xfefc;
            default -> suffix(name, "TLSv13-draft", 0x7f00).orElse(suffix(name, "unknown-", 0).orElse(-1));
        };
        return code < 0 || code > 0xFFFF ? Optional.empty() : Optional.of(ProtocolVersion.of(code));
    }

    private static Optional<Integer> suffix(String name, String prefix, int base) {
        if (!name.startsWith(prefix) || name.length() == prefix.length() || name.length() > prefix.length() + 5
                || !name.substring(prefix.length()).chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(base | Integer.parseInt(name.substring(prefix.length())));
    }
}
