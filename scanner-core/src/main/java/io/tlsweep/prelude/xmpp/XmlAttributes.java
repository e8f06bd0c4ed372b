package io.tlsweep.prelude.xmpp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A start tag's body (between {@code <} and {@code >} or {@code />}) read as its name and attributes, values
 * decoded; or the reason it is not one ({@code error}): a bad name, an attribute without a quoted value, a
 * duplicate, a {@code <} or a forbidden reference in a value, more than the allowed number of attributes.
 */
record XmlAttributes(String name, Map<String, String> attributes, String error) {

    static XmlAttributes parse(String body, int maxAttributes) {
        int i = nameEnd(body, 0);
        String name = body.substring(0, i);
        if (!isName(name)) {
            return failed("a tag with the name '" + name + "'");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        while (true) {
            int before = i;
            i = skipSpace(body, i);
            if (i == body.length()) {
                return new XmlAttributes(name, attributes, null);
            }
            if (i == before) {
                return failed("no space before an attribute in <" + name + ">");
            }
            int end = nameEnd(body, i);
            String attribute = body.substring(i, end);
            i = skipSpace(body, end);
            if (!isName(attribute) || i >= body.length() || body.charAt(i) != '=') {
                return failed("an attribute without a value in <" + name + ">");
            }
            i = skipSpace(body, i + 1);
            char quote = i < body.length() ? body.charAt(i) : 0;
            int close = quote == '"' || quote == '\'' ? body.indexOf(quote, i + 1) : -1;
            if (close < 0) {
                return failed("an attribute value without quotes in <" + name + ">");
            }
            String raw = body.substring(i + 1, close);
            String value = raw.indexOf('<') < 0 ? XmlText.decode(raw) : null;
            if (value == null) {
                return failed(raw.indexOf('<') < 0 ? XmlText.BAD_REFERENCE : "a '<' in an attribute value");
            }
            if (attributes.put(attribute, value) != null) {
                return failed("the attribute " + attribute + " twice in <" + name + ">");
            }
            if (attributes.size() > maxAttributes) {
                return failed("more than " + maxAttributes + " attributes in <" + name + ">");
            }
            i = close + 1;
        }
    }

    private static XmlAttributes failed(String reason) {
        return new XmlAttributes("", Map.of(), reason);
    }

    private static int nameEnd(String s, int from) {
        int i = from;
        while (i < s.length() && !isSpace(s.charAt(i)) && s.charAt(i) != '=') {
            i++;
        }
        return i;
    }

    private static int skipSpace(String s, int from) {
        int i = from;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** An XML name as far as XMPP needs it: not empty, no quote, markup character or slash, at most one colon. */
    private static boolean isName(String s) {
        if (s.isEmpty() || s.startsWith(":") || s.endsWith(":") || s.indexOf(':') != s.lastIndexOf(':')) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'' || c == '<' || c == '>' || c == '&' || c == '/' || c == '=' || c < 0x20) {
                return false;
            }
        }
        return !Character.isDigit(s.charAt(0)) && s.charAt(0) != '-' && s.charAt(0) != '.';
    }
}
