package io.tlsweep.report;

import io.tlsweep.text.VisibleText;

/**
 * A small HTML (and inline SVG) builder that escapes by default: {@link #text} and every attribute value are
 * escaped; only {@link #raw} takes markup, and it is called with constants of this package only. Strings
 * from servers and from the input (targets, SNI names, reasons, alerts, certificate fields, notes) go
 * through {@link #text} or an attribute, never {@link #raw}.
 */
final class Html {
    private final StringBuilder out = new StringBuilder(64 * 1024);

    /**
     * Escapes for text and for double- or single-quoted attribute values. Control characters and bidirectional
     * overrides are shown as escapes first ({@link VisibleText}: ESC is {@code \x1b}), as in the CSV files and
     * on the terminal.
     */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        String visible = VisibleText.of(s);
        StringBuilder b = new StringBuilder(visible.length() + 16);
        for (int i = 0; i < visible.length(); i++) {
            char c = visible.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** An id made from data: letters, digits and {@code - _ . / ( )} kept, anything else as '_'. */
    static String id(String prefix, String value) {
        StringBuilder b = new StringBuilder(prefix);
        for (char c : (value == null ? "" : value).toCharArray()) {
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-_./()".indexOf(c) >= 0;
            b.append(ok ? c : '_');
        }
        return b.toString();
    }

    /** Markup written as is: constants of this package only. */
    Html raw(String markup) {
        out.append(markup);
        return this;
    }

    /** Text, escaped. */
    Html text(Object value) {
        out.append(escape(value == null ? "" : value.toString()));
        return this;
    }

    /** An opening tag; {@code attributes} are name, value pairs, the values escaped. */
    Html open(String tag, Object... attributes) {
        out.append('<').append(tag);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            out.append(' ').append(attributes[i]).append("=\"").append(escape(String.valueOf(attributes[i + 1])))
                    .append('"');
        }
        out.append('>');
        return this;
    }

    Html close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** An element holding escaped text. */
    Html element(String tag, Object text, Object... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    /** A table row of escaped cells. */
    Html row(Object... cells) {
        open("tr");
        for (Object c : cells) {
            element("td", c);
        }
        return close("tr");
    }

    /** A table header row. */
    Html headerRow(String... cells) {
        open("tr");
        for (String c : cells) {
            element("th", c);
        }
        return close("tr");
    }

    /** "… and N more" below a capped list, if anything was left out. */
    Html more(long more, String what) {
        if (more > 0) {
            element("p", "… and " + more + " more " + what + " (see endpoints.csv)", "class", "more");
        }
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
