package io.tlsweep.wire;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.Optional;

/**
 * Reads the cipher suite table ({@code tls-cipher-suites.csv}: code, iana_name, openssl_name,
 * openssl_min_protocol, kx, auth, enc, enc_bits, mac, export) into suites. Every row must parse:
 * an unexpected value fails the whole load with the line number, so a bad row can never be dropped
 * silently.
 */
final class CipherSuiteTable {
    static final String RESOURCE = "tls-cipher-suites.csv";
    static final List<String> HEADER = List.of("code", "iana_name", "openssl_name", "openssl_min_protocol",
            "kx", "auth", "enc", "enc_bits", "mac", "export");

    /**
     * Names the table gets wrong: it gives 0xFFE0/0xFFE1 (Netscape's pre-standard FIPS suites) the
     * names of 0xFEFF/0xFEFE. NSS (sslproto.h) calls them SSL_RSA_OLDFIPS_...; so do we.
     */
    static final Map<Integer, NameCorrection> NAME_CORRECTIONS = Map.of(
            0xFFE0, new NameCorrection("SSL_RSA_FIPS_WITH_3DES_EDE_CBC_SHA", "SSL_RSA_OLDFIPS_WITH_3DES_EDE_CBC_SHA"),
            0xFFE1, new NameCorrection("SSL_RSA_FIPS_WITH_DES_CBC_SHA", "SSL_RSA_OLDFIPS_WITH_DES_CBC_SHA"));

    /** The table's name for a code and the name we use instead. */
    record NameCorrection(String tableName, String name) {
    }

    private CipherSuiteTable() {
    }

    /** Loads the table shipped next to this class. */
    static List<CipherSuite> load() {
        InputStream in = CipherSuiteTable.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("resource missing from the classpath: io/tlsweep/wire/" + RESOURCE);
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(reader, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * Parses a whole table, header included.
     *
     * @throws IllegalArgumentException naming the source and line of the first bad row
     */
    static List<CipherSuite> parse(Reader source, String sourceName) throws IOException {
        ObjectReader reader = new CsvMapper()
                .readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .with(CsvParser.Feature.SKIP_EMPTY_LINES);
        List<CipherSuite> suites = new ArrayList<>();
        try (MappingIterator<List<String>> rows = reader.readValues(source)) {
            if (!rows.hasNextValue()) {
                throw new IllegalArgumentException(sourceName + ": empty table");
            }
            List<String> header = rows.nextValue();
            if (!header.equals(HEADER)) {
                throw new IllegalArgumentException(sourceName + ": header " + header + ", expected " + HEADER);
            }
            for (int line = rows.getCurrentLocation().getLineNr(); rows.hasNextValue();
                    line = rows.getCurrentLocation().getLineNr()) {
                List<String> row = rows.nextValue();
                try {
                    suites.add(parseRow(row));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(sourceName + " line " + line + " " + row + ": " + e.getMessage(), e);
                }
            }
        }
        return suites;
    }

    static CipherSuite parseRow(List<String> row) {
        if (row.size() != HEADER.size()) {
            throw new IllegalArgumentException("expected " + HEADER.size() + " columns, found " + row.size());
        }
        int code = Hex.parseU16(row.get(0));
        if (code < 0 || !row.get(0).startsWith("0x")) {
            throw new IllegalArgumentException("bad code '" + row.get(0) + "'");
        }
        CipherSuite.Builder b = new CipherSuite.Builder(code);
        String iana = row.get(1).trim();
        String openssl = row.get(2).trim();
        b.opensslName = openssl.isEmpty() ? null : openssl;
        NameCorrection correction = NAME_CORRECTIONS.get(code);
        if (correction != null) {
            if (!correction.tableName().equals(iana)) {
                throw new IllegalArgumentException("expected the table to name " + Hex.u16(code) + " '"
                        + correction.tableName() + "' (corrected to " + correction.name() + "), found '" + iana + "'");
            }
            b.ianaName = correction.name();
        } else if (iana.equals("-") || iana.isEmpty()) {
            b.ianaName = require(b.opensslName, "neither an IANA nor an OpenSSL name");
        } else {
            b.ianaName = iana;
        }
        b.minVersion = parseVersion(row.get(3));
        b.maxVersion = b.minVersion.equals(ProtocolVersion.TLSv1_3) ? ProtocolVersion.TLSv1_3 : ProtocolVersion.TLSv1_2;
        parseKeyExchange(b, row.get(4));
        b.authentication = token(row.get(5), "auth", Authentication::fromTableToken);
        b.cipher = token(row.get(6), "enc", BulkCipher::fromTableToken);
        b.keyBits = parseBits(row.get(7), b.cipher);
        b.mac = token(row.get(8), "mac", MacAlgorithm::fromTableToken);
        if (b.cipher.isAead() != (b.mac == MacAlgorithm.AEAD)) {
            throw new IllegalArgumentException("enc " + b.cipher + " does not agree with mac " + b.mac);
        }
        b.export = switch (row.get(9)) {
            case "Y" -> true;
            case "N" -> false;
            default -> throw new IllegalArgumentException("export must be Y or N: '" + row.get(9) + "'");
        };
        return b.build();
    }

    private static ProtocolVersion parseVersion(String text) {
        return switch (text) {
            case "SSLv3" -> ProtocolVersion.SSLv3;
            case "TLSv1" -> ProtocolVersion.TLSv1_0;
            case "TLSv1.1" -> ProtocolVersion.TLSv1_1;
            case "TLSv1.2" -> ProtocolVersion.TLSv1_2;
            case "TLSv1.3" -> ProtocolVersion.TLSv1_3;
            default -> throw new IllegalArgumentException("unknown openssl_min_protocol '" + text + "'");
        };
    }

    /** "RSA", "DH/DSS", "RSA(512)", "DH(1024)": the kind, then an optional export limit in parentheses. */
    private static void parseKeyExchange(CipherSuite.Builder b, String text) {
        String kind = text;
        int open = text.indexOf('(');
        if (open >= 0) {
            if (!text.endsWith(")")) {
                throw new IllegalArgumentException("bad kx '" + text + "'");
            }
            kind = text.substring(0, open);
            b.keyExchangeLimitBits = positive(text.substring(open + 1, text.length() - 1), "kx limit");
        }
        b.keyExchange = token(kind, "kx", KeyExchange::fromTableToken);
    }

    private static int parseBits(String text, BulkCipher cipher) {
        if (cipher == BulkCipher.NULL) {
            if (!text.isEmpty()) {
                throw new IllegalArgumentException("enc_bits '" + text + "' given for NULL encryption");
            }
            return 0;
        }
        return positive(text, "enc_bits");
    }

    private static int positive(String text, String what) {
        try {
            int value = Integer.parseInt(text);
            if (value <= 0) {
                throw new IllegalArgumentException(what + " must be positive: '" + text + "'");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a number: '" + text + "'", e);
        }
    }

    private static <T> T token(String text, String column, Function<String, Optional<T>> parser) {
        return parser.apply(text).orElseThrow(() -> new IllegalArgumentException("unknown " + column + " '" + text + "'"));
    }

    private static String require(String value, String problem) {
        if (value == null) {
            throw new IllegalArgumentException(problem);
        }
        return value;
    }
}
