package io.tlsweep.prelude.xmpp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small, bounded tokenizer for the restricted XML of an XMPP stream (RFC 6120 section 11.1): start, end and
 * empty-element tags with namespaces, character data with the five predefined entities and character
 * references, CDATA sections, and the XML declaration first. Everything XMPP forbids is malformed: comments,
 * processing instructions, DTDs and any other entity reference, so no entity can expand and nothing is
 * fetched. A token is read only once all of it came; none may exceed {@value #MAX_TOKEN} bytes, elements nest at
 * most {@value #MAX_DEPTH} deep and a tag has at most {@value #MAX_ATTRIBUTES} attributes. Pure, never throwing;
 * one connection's state (the open elements and their namespace declarations).
 */
final class XmlTokenizer {
    static final int MAX_TOKEN = 8192;
    static final int MAX_DEPTH = 16;
    static final int MAX_ATTRIBUTES = 32;
    private static final String XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";
    private static final byte[] CDATA = "<![CDATA[".getBytes(StandardCharsets.US_ASCII);

    /** An element not closed yet: its name as written, and the prefixes it declares ("" for the default). */
    private record Open(String qname, Map<String, String> prefixes) {
    }

    private final Deque<Open> open = new ArrayDeque<>();
    private boolean started;

    /** The token at {@code in[offset]}, reading at most {@code length} bytes. */
    XmlToken next(byte[] in, int offset, int length) {
        XmlToken t = token(in, offset, length);
        if (t instanceof XmlToken.Start || t instanceof XmlToken.End || t instanceof XmlToken.Declaration
                || t instanceof XmlToken.Text text && !text.text().isBlank()) {
            started = true;
        }
        return t;
    }

    private XmlToken token(byte[] in, int offset, int length) {
        if (length == 0) {
            return new XmlToken.NeedMore();
        }
        if (in[offset] != '<') {
            int lt = find(in, offset, length, (byte) '<');
            if (lt < 0) {
                return tooLong(length, "character data");
            }
            String text = XmlText.decode(utf8(in, offset, lt - offset));
            if (text == null) {
                return new XmlToken.Malformed(XmlText.BAD_REFERENCE);
            }
            return new XmlToken.Text(lt - offset, text);
        }
        if (length < 2) {
            return new XmlToken.NeedMore();
        }
        if (in[offset + 1] == '?') {
            return declaration(in, offset, length, !started);
        }
        if (in[offset + 1] == '!') {
            return markup(in, offset, length);
        }
        int gt = tagEnd(in, offset, length);
        if (gt == -2) {
            return new XmlToken.Malformed("a '<' inside a tag");
        }
        if (gt < 0) {
            return tooLong(length, "a tag");
        }
        int consumed = gt - offset + 1;
        if (in[offset + 1] == '/') {
            return end(utf8(in, offset + 2, gt - offset - 2).strip(), consumed);
        }
        return start(utf8(in, offset + 1, gt - offset - 1), consumed);
    }

    private XmlToken declaration(byte[] in, int offset, int length, boolean first) {
        int end = find(in, offset, length, (byte) '>');
        if (end < 0) {
            return tooLong(length, "a processing instruction");
        }
        String body = utf8(in, offset, end - offset + 1);
        if (!first || !body.startsWith("<?xml ") || !body.endsWith("?>")) {
            return new XmlToken.Malformed("a processing instruction, which XMPP forbids");
        }
        return new XmlToken.Declaration(end - offset + 1);
    }

    /** {@code <!}: a CDATA section, or a comment or DTD, both forbidden. */
    private XmlToken markup(byte[] in, int offset, int length) {
        for (int i = 2; i < CDATA.length; i++) {
            if (i >= length) {
                return new XmlToken.NeedMore();
            }
            if (in[offset + i] != CDATA[i]) {
                return new XmlToken.Malformed(in[offset + 2] == '-' ? "a comment, which XMPP forbids"
                        : "a DTD or markup declaration (<!...), which XMPP forbids");
            }
        }
        for (int i = offset + CDATA.length; i + 2 < offset + Math.min(length, MAX_TOKEN); i++) {
            if (in[i] == ']' && in[i + 1] == ']' && in[i + 2] == '>') {
                return new XmlToken.Text(i + 3 - offset, utf8(in, offset + CDATA.length, i - offset - CDATA.length));
            }
        }
        return tooLong(length, "a CDATA section");
    }

    private XmlToken start(String tag, int consumed) {
        boolean empty = tag.endsWith("/");
        String body = empty ? tag.substring(0, tag.length() - 1) : tag;
        XmlAttributes parsed = XmlAttributes.parse(body, MAX_ATTRIBUTES);
        if (parsed.error() != null) {
            return new XmlToken.Malformed(parsed.error());
        }
        if (open.size() >= MAX_DEPTH) {
            return new XmlToken.Malformed("elements nested more than " + MAX_DEPTH + " deep");
        }
        Map<String, String> prefixes = new HashMap<>();
        Map<String, String> attributes = new LinkedHashMap<>();
        parsed.attributes().forEach((name, value) -> {
            if (name.equals("xmlns")) {
                prefixes.put("", value);
            } else if (name.startsWith("xmlns:")) {
                prefixes.put(name.substring(6), value);
            } else {
                attributes.put(name, value);
            }
        });
        Open element = new Open(parsed.name(), prefixes);
        open.push(element);
        String namespace = namespaceOf(parsed.name());
        int depth = open.size();
        if (empty) {
            open.pop();
        }
        if (namespace == null) {
            return new XmlToken.Malformed("an undeclared prefix in <" + parsed.name() + ">");
        }
        return new XmlToken.Start(consumed, namespace, local(parsed.name()), attributes, empty, depth);
    }

    private XmlToken end(String name, int consumed) {
        if (open.isEmpty()) {
            return new XmlToken.Malformed("</" + name + "> with no element open");
        }
        if (!open.peek().qname().equals(name)) {
            return new XmlToken.Malformed("</" + name + "> closes <" + open.peek().qname() + ">");
        }
        String namespace = namespaceOf(name);
        int depth = open.size();
        open.pop();
        return new XmlToken.End(consumed, namespace, local(name), depth);
    }

    /** The namespace of a name as written, from the innermost declaration; null for an undeclared prefix. */
    private String namespaceOf(String qname) {
        int colon = qname.indexOf(':');
        String prefix = colon < 0 ? "" : qname.substring(0, colon);
        if (prefix.equals("xml")) {
            return XML_NAMESPACE;
        }
        for (Open o : open) {
            String uri = o.prefixes().get(prefix);
            if (uri != null) {
                return uri;
            }
        }
        return prefix.isEmpty() ? "" : null;
    }

    private static String local(String qname) {
        return qname.substring(qname.indexOf(':') + 1);
    }

    /** The index of the tag's closing '>' (quotes respected), -1 when not within the bytes, -2 for a stray '<'. */
    private static int tagEnd(byte[] in, int offset, int length) {
        byte quote = 0;
        for (int i = offset + 1; i < offset + Math.min(length, MAX_TOKEN); i++) {
            byte b = in[i];
            if (b == '<') {
                return -2;
            }
            if (quote != 0) {
                quote = b == quote ? 0 : quote;
            } else if (b == '"' || b == '\'') {
                quote = b;
            } else if (b == '>') {
                return i;
            }
        }
        return -1;
    }

    private static int find(byte[] in, int offset, int length, byte b) {
        for (int i = offset; i < offset + Math.min(length, MAX_TOKEN); i++) {
            if (in[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static XmlToken tooLong(int length, String what) {
        return length >= MAX_TOKEN ? new XmlToken.Malformed(what + " of more than " + MAX_TOKEN + " bytes")
                : new XmlToken.NeedMore();
    }

    private static String utf8(byte[] in, int offset, int length) {
        return new String(in, offset, length, StandardCharsets.UTF_8);
    }
}
