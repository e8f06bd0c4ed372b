package io.tlsweep.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Zeek's {@code ssl.log}, as the ASCII writer writes it (base/frameworks/logging/writers/ascii.zeek): tab-separated
 * with its header lines ({@code #separator \x09}, {@code #set_separator ,}, {@code #empty_field (empty)},
 * {@code #unset_field -}, {@code #path ssl}, {@code #fields ...}, {@code #types ...}; a new header mid-file, as
 * after a restart or in concatenated logs, takes over from its line), or as JSON lines
 * ({@code LogAscii::use_json}, field names flattened with dots: {@code "id.orig_h"}; nested {@code "id": {...}}
 * objects are read too). The fields read are listed in {@link ZeekRecord}. A file whose {@code #path} is not
 * {@code ssl} (a conn.log given by mistake) is one problem at that header, its records skipped.
 */
public final class ZeekSslLog extends LineFormat {
    /** Floats as decimals: a {@code ts} keeps its microseconds as written. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Override
    public String name() {
        return "zeek";
    }

    @Override
    public String about() {
        return "Zeek ssl.log, TSV or JSON (client offer too where policy/protocols/ssl/ssl-log-ext is loaded)";
    }

    @Override
    protected boolean recognises(List<String> firstLines) {
        for (String l : firstLines) {
            if (l.startsWith("#path") && l.substring(5).strip().equals("ssl")
                    || l.startsWith("#fields") && l.contains("id.orig_h") && l.contains("version")
                    && l.contains("cipher")) {
                return true;
            }
            if (l.startsWith("{")) {
                return l.contains("\"uid\"") && (l.contains("\"id.orig_h\"") || l.contains("\"orig_h\""))
                        && (l.contains("\"established\"") || l.contains("\"cipher\"") || l.contains("\"version\""));
            }
        }
        return false;
    }

    @Override
    protected LineParser start() {
        return new Parser();
    }

    /** One input's header state: the separators and the fields of the TSV header in force. */
    private static final class Parser implements LineParser {
        private String separator = "\t";
        private String setSeparator = ",";
        private String empty = "(empty)";
        private String unset = "-";
        private List<String> fields;
        private boolean otherPath;

        @Override
        public Parsed parse(String line) {
            if (line.startsWith("{")) {
                return json(line);
            }
            if (line.startsWith("#")) {
                return header(line);
            }
            if (otherPath) {
                return Parsed.SKIPPED;
            }
            if (fields == null) {
                return Parsed.bad("a record before any #fields header (not a Zeek log, or its header is missing)");
            }
            String[] values = line.split(Pattern.quote(separator), -1);
            if (values.length != fields.size()) {
                return Parsed.bad(values.length + " values where #fields names " + fields.size());
            }
            Map<String, String> byName = new HashMap<>();
            for (int i = 0; i < values.length; i++) {
                byName.put(fields.get(i), values[i]);
            }
            return ZeekRecord.read(new Tsv(byName));
        }

        private Parsed header(String line) {
            int split = line.indexOf(separator);
            if (line.startsWith("#separator")) {
                separator = unescape(line.substring("#separator".length()).strip());
                return Parsed.SKIPPED;
            }
            if (split < 0) {
                return Parsed.SKIPPED; // "#close", a comment
            }
            String key = line.substring(0, split);
            String value = line.substring(split + 1);
            switch (key) {
                case "#set_separator" -> setSeparator = unescape(value);
                case "#empty_field" -> empty = unescape(value);
                case "#unset_field" -> unset = unescape(value);
                case "#fields" -> fields = List.of(value.split(Pattern.quote(separator), -1));
                case "#path" -> {
                    otherPath = !value.equals("ssl");
                    if (otherPath) {
                        return Parsed.bad("#path " + value + ": not an ssl.log, its records are skipped");
                    }
                }
                default -> {
                    // #types, #open, #close: nothing to keep
                }
            }
            return Parsed.SKIPPED;
        }

        private Parsed json(String line) {
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                return Parsed.bad("not JSON: " + e.getOriginalMessage());
            }
            if (node == null || !node.isObject()) {
                return Parsed.bad("not a JSON object");
            }
            return ZeekRecord.read(new Json(node));
        }

        /** A TSV record's values. */
        private final class Tsv implements ZeekRecord.Fields {
            private final Map<String, String> values;

            Tsv(Map<String, String> values) {
                this.values = values;
            }

            @Override
            public Optional<String> text(String name) {
                String v = values.get(name);
                if (v == null || v.equals(unset)) {
                    return Optional.empty();
                }
                return Optional.of(v.equals(empty) ? "" : unescape(v));
            }

            @Override
            public List<String> list(String name) {
                String v = values.get(name);
                if (v == null || v.equals(unset) || v.equals(empty) || v.isEmpty()) {
                    return List.of();
                }
                return Arrays.stream(v.split(Pattern.quote(setSeparator), -1))
                        .map(ZeekSslLog::unescape).toList();
            }
        }
    }

    /** A JSON record: flattened names ("id.orig_h") or nested objects ({"id": {"orig_h": ...}}). */
    private record Json(JsonNode node) implements ZeekRecord.Fields {
        private JsonNode get(String name) {
            JsonNode v = node.get(name);
            int dot = name.indexOf('.');
            if (v == null && dot > 0) {
                v = node.path(name.substring(0, dot)).get(name.substring(dot + 1));
            }
            return v == null || v.isNull() ? null : v;
        }

        @Override
        public Optional<String> text(String name) {
            JsonNode v = get(name);
            if (v == null || v.isContainerNode()) {
                return Optional.empty();
            }
            return Optional.of(v.isBoolean() ? (v.asBoolean() ? "T" : "F") : v.asText());
        }

        @Override
        public List<String> list(String name) {
            JsonNode v = get(name);
            if (v == null || !v.isArray()) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            v.forEach(e -> out.add(e.asText()));
            return out;
        }
    }

    /** Zeek's escapes in headers and values: {@code \xNN} for a byte. */
    static String unescape(String s) {
        if (s.indexOf("\\x") < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.charAt(i + 1) == 'x' && hex(s.charAt(i + 2))
                    && hex(s.charAt(i + 3))) {
                b.append((char) Integer.parseInt(s.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean hex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
